"""When a pairing's agreed duration is over, and what each person's answer does to it."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from bot.vocabulary import DURATION_WEEKS, UNSAID_DURATION, known_duration


def ends_at(started_at: datetime, duration: str | None) -> datetime | None:
    """When a pairing that started at `started_at` with `duration` is due to end."""
    weeks = DURATION_WEEKS[known_duration(duration) or UNSAID_DURATION]
    return None if weeks is None else started_at + timedelta(weeks=weeks)


def ending_is_due(*, ends: datetime | None, cycle: int, asked_cycle: int, now: datetime) -> bool:
    """True when the duration is over and this stretch's feedback has not been asked yet."""
    return ends is not None and now >= ends and asked_cycle < cycle


class Decision(enum.StrEnum):
    CONTINUE = "continue"
    END = "end"
    REMATCH = "rematch"


class Outcome(enum.StrEnum):
    EXTEND = "extend"  # keep going for another stretch of the same length
    END = "end"  # the pairing is complete
    END_AND_REOPEN = "end_and_reopen"  # complete, and the person's request goes back in
    RECORD_ONLY = "record_only"  # nothing changes (already decided, or pair over)


def outcome_of(
    decision: Decision, *, pair_active: bool, pair_cycle: int, answered_cycle: int
) -> Outcome:
    """What one person's end-of-duration answer does.

    Either person may end the pairing or ask to be rematched; "continue" extends it once
    per stretch (the first "continue" for the current stretch extends it, later ones only
    count as answers).
    """
    if not pair_active:
        return Outcome.RECORD_ONLY
    if decision == Decision.END:
        return Outcome.END
    if decision == Decision.REMATCH:
        return Outcome.END_AND_REOPEN
    return Outcome.EXTEND if answered_cycle == pair_cycle else Outcome.RECORD_ONLY


def extended(ends: datetime | None, started_at: datetime, duration: str | None) -> datetime | None:
    """The new end after "continue": one more stretch as long as the first one."""
    first_end = ends_at(started_at, duration)
    if ends is None or first_end is None:
        return None
    return ends + (first_end - started_at)
