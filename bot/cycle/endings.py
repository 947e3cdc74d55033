"""When a pairing's agreed duration is over, and what each person's answer does to it."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

# How long each duration a person can choose lasts, in weeks; None means "no set end".
DURATION_WEEKS: dict[str, int | None] = {
    "one_conversation": 2,
    "about_a_month": 4,
    "about_three_months": 12,
    "ongoing": None,
}
DURATION_LABELS: dict[str, str] = {
    "one_conversation": "one conversation",
    "about_a_month": "about a month",
    "about_three_months": "about three months",
    "ongoing": "ongoing",
}
DEFAULT_DURATION = "about_three_months"

# Other spellings of the same durations, so values typed or stored elsewhere still count.
_DURATION_ALIASES = {
    "one_session": "one_conversation",
    "once": "one_conversation",
    "month": "about_a_month",
    "a_month": "about_a_month",
    "one_month": "about_a_month",
    "three_months": "about_three_months",
    "quarter": "about_three_months",
    "long_term": "ongoing",
}

FREQUENCY_LABELS: dict[str, str] = {
    "weekly": "weekly",
    "every_two_weeks": "every two weeks",
    "monthly": "monthly",
}
_FREQUENCY_ALIASES = {"biweekly": "every_two_weeks", "fortnightly": "every_two_weeks"}


def _slug(value: str) -> str:
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def normalise_duration(value: str | None) -> str | None:
    """The duration code for `value`, or None when it is empty or unknown."""
    if not value:
        return None
    slug = _slug(value)
    slug = _DURATION_ALIASES.get(slug, slug)
    return slug if slug in DURATION_WEEKS else None


def normalise_frequency(value: str | None) -> str | None:
    if not value:
        return None
    slug = _slug(value)
    slug = _FREQUENCY_ALIASES.get(slug, slug)
    return slug if slug in FREQUENCY_LABELS else None


def ends_at(started_at: datetime, duration: str | None) -> datetime | None:
    """When a pairing that started at `started_at` with `duration` is due to end."""
    code = normalise_duration(duration) or DEFAULT_DURATION
    weeks = DURATION_WEEKS[code]
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
