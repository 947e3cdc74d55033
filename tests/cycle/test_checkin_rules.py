"""Check-in steps: nudge after weeks without a meeting, close after silent weeks."""

from __future__ import annotations

import pytest

from bot.cycle.checkins import Answer, CheckInRecord, Step, Thresholds, next_step

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
