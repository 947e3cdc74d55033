"""Check-in rules: what a pair's history of weekly check-ins calls for next.

Every week each active pair is asked how it is going. A check-in counts as *met* when
either person answered "we met", and as *silent* when nobody answered at all. After
`nudge_after` check-ins in a row without a meeting both get a gentle nudge (again every
`nudge_after` more); after `close_after` silent check-ins in a row the pair is closed
kindly, so both can be matched again. A check-in left unanswered while someone in the pair
was away is skipped over: it counts toward neither.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.cycle.schedule import ScheduleRule, next_due


class Answer(enum.StrEnum):
    MET = "met"
    NOT_YET = "not_yet"
    NEED_HELP = "need_help"
    END = "end"


@dataclass(frozen=True, slots=True)
class CheckInRecord:
    """What came back for one check-in: each person's answer (None for a note only)."""

    answers: tuple[Answer | None, ...] = ()
    # Someone in the pair was away before it could be answered.
    excused: bool = False

    @classmethod
    def of(cls, answers: Iterable[Answer | str | None], *, excused: bool = False) -> CheckInRecord:
        return cls(tuple(Answer(a) if a is not None else None for a in answers), excused)

    @property
    def met(self) -> bool:
        return Answer.MET in self.answers

    @property
    def silent(self) -> bool:
        return not self.answers

    @property
    def missed_while_away(self) -> bool:
        """Unanswered while someone was away: it neither counts nor breaks a streak."""
        return self.excused and self.silent


class Step(enum.StrEnum):
    CHECK_IN = "check_in"  # send this week's check-in
    CHECK_IN_AND_NUDGE = "check_in_and_nudge"  # send it, with a gentle nudge to meet
    CLOSE = "close"  # nobody answers any more: close the pair


@dataclass(frozen=True, slots=True)
class Thresholds:
    nudge_after: int = 2
    close_after: int = 4

    def __post_init__(self) -> None:
        if self.nudge_after < 1 or self.close_after < 1:
            raise ValueError("check-in thresholds must be at least 1")


def _counted(history: Sequence[CheckInRecord]) -> list[CheckInRecord]:
    """The check-ins that count toward nudges and closing: not those missed while away."""
    return [record for record in history if not record.missed_while_away]


def _trailing(history: Sequence[CheckInRecord], condition: str) -> int:
    count = 0
    for record in reversed(_counted(history)):
        if not getattr(record, condition):
            break
        count += 1
    return count


def weeks_without_meeting(history: Sequence[CheckInRecord]) -> int:
    count = 0
    for record in reversed(_counted(history)):
        if record.met:
            break
        count += 1
    return count


def next_step(history: Sequence[CheckInRecord], thresholds: Thresholds = Thresholds()) -> Step:
    """The step for this week, from the check-ins already sent (oldest first)."""
    if _trailing(history, "silent") >= thresholds.close_after:
        return Step.CLOSE
    without = weeks_without_meeting(history)
    if without and without % thresholds.nudge_after == 0:
        return Step.CHECK_IN_AND_NUDGE
    return Step.CHECK_IN


# A pair made within a day of a check-in pass waits for the following one.
FIRST_CHECKIN_AFTER = timedelta(days=1)
# How far ahead `next_checkin_at` looks: a year of weekly passes.
_LOOKAHEAD_PASSES = 53


def checkin_falls_due(
    *,
    started_at: datetime,
    at: datetime,
    every_weeks: int,
    first_meeting_at: datetime | None = None,
) -> bool:
    """Whether the weekly pass at `at` sends this pair a check-in.

    Not in the pair's first day, nor in a week off its rhythm (every `every_weeks` weeks
    from the start), nor before the first meeting the pair put on the calendar: asking
    how it went before it happened only adds noise.
    """
    if at - started_at < FIRST_CHECKIN_AFTER:
        return False
    if first_meeting_at is not None and at < first_meeting_at:
        return False
    return ((at - started_at).days // 7) % max(every_weeks, 1) == 0


def next_checkin_at(
    sweeps: ScheduleRule,
    *,
    after: datetime,
    started_at: datetime,
    every_weeks: int,
    first_meeting_at: datetime | None = None,
) -> datetime | None:
    """When the next check-in goes out: the first weekly pass (`sweeps`) strictly after
    `after` at which `checkin_falls_due`; None when none falls within a year."""
    moment = after
    for _ in range(_LOOKAHEAD_PASSES):
        moment = next_due(sweeps, moment).at
        if checkin_falls_due(
            started_at=started_at,
            at=moment,
            every_weeks=every_weeks,
            first_meeting_at=first_meeting_at,
        ):
            return moment
    return None
