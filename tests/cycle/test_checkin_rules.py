"""Check-in steps: nudge after weeks without a meeting, close after silent weeks."""

from __future__ import annotations

import pytest

from bot.cycle.checkins import (
    Answer,
    CheckInRecord,
    Step,
    Thresholds,
    next_step,
    weeks_without_meeting,
)

MET = CheckInRecord.of([Answer.MET])
NOT_YET = CheckInRecord.of([Answer.NOT_YET])
HELP = CheckInRecord.of([Answer.NEED_HELP, Answer.NOT_YET])
NOTE_ONLY = CheckInRecord.of([None])
SILENT = CheckInRecord.of([])


@pytest.mark.parametrize(
    ("history", "step"),
    [
        ([], Step.CHECK_IN),
        ([MET], Step.CHECK_IN),
        ([NOT_YET], Step.CHECK_IN),
        ([NOT_YET, NOT_YET], Step.CHECK_IN_AND_NUDGE),
        ([SILENT, SILENT], Step.CHECK_IN_AND_NUDGE),
        ([MET, NOT_YET, HELP], Step.CHECK_IN_AND_NUDGE),
        ([NOT_YET, NOT_YET, NOT_YET], Step.CHECK_IN),
        ([NOT_YET] * 4, Step.CHECK_IN_AND_NUDGE),
        ([NOT_YET, MET], Step.CHECK_IN),
        ([SILENT, SILENT, SILENT], Step.CHECK_IN),
        ([SILENT] * 4, Step.CLOSE),
        ([MET, SILENT, SILENT, SILENT, SILENT], Step.CLOSE),
        ([SILENT, NOT_YET, SILENT, SILENT], Step.CHECK_IN_AND_NUDGE),
        ([SILENT, SILENT, SILENT, NOTE_ONLY], Step.CHECK_IN_AND_NUDGE),
    ],
)
def test_next_step(history, step):
    assert next_step(history) == step


def test_thresholds_come_from_the_schedule():
    assert next_step([NOT_YET], Thresholds(nudge_after=1, close_after=4)) == Step.CHECK_IN_AND_NUDGE
    assert next_step([SILENT, SILENT], Thresholds(nudge_after=3, close_after=2)) == Step.CLOSE
    with pytest.raises(ValueError):
        Thresholds(nudge_after=0)


def test_a_note_without_an_answer_is_still_a_sign_of_life():
    assert not NOTE_ONLY.silent and not NOTE_ONLY.met


def test_checkins_missed_while_away_neither_count_toward_closing_nor_break_the_streak():
    silent, away = CheckInRecord(), CheckInRecord(excused=True)
    limits = Thresholds(nudge_after=2, close_after=4)
    # Three silent weeks, then one missed while away: not yet four silent in a row.
    assert next_step([silent, silent, silent, silent], limits) == Step.CLOSE
    assert next_step([silent, silent, silent, away], limits) != Step.CLOSE
    # A fourth silent week after it closes the pair: the excused one is skipped over.
    assert next_step([silent, silent, away, silent, silent], limits) == Step.CLOSE
    # Only silence is excused: an answer given while away still counts.
    answered = CheckInRecord.of(["not_yet"], excused=True)
    assert not answered.missed_while_away
    assert weeks_without_meeting([silent, answered]) == 2
    assert weeks_without_meeting([silent, away]) == 1
