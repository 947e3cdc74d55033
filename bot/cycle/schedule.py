"""Schedule arithmetic: when a workspace's rounds and check-ins fall due, and their keys.

A schedule is a weekday and a local time in an IANA time zone, with a cadence. Every
occurrence has a period key that names it uniquely within its cadence ("2026-W48" for a
week, "2026-11" for a month); the key is what a round is claimed by, so the same
occurrence can never run twice.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Far enough to always find the next or previous occurrence of a monthly cadence.
_SEARCH_DAYS = 70


class Cadence(enum.StrEnum):
    WEEKLY = "weekly"
    EVERY_TWO_WEEKS = "every_two_weeks"
    MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class ScheduleRule:
    """When something recurs: `weekday` 0 = Monday … 6 = Sunday, at `at` local time.

    `anchor` is any date in a week that has an occurrence; it fixes which weeks count for
    the every-two-weeks cadence (the others are ignored for the weekly and monthly ones).
    """

    weekday: int
    at: time
    timezone: str
    cadence: Cadence
    anchor: date

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        zone(self.timezone)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One due moment of a schedule: its period key and the instant (UTC) it falls due."""

    key: str
    at: datetime


def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`; ValueError for a name the zone database does not know."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def is_known_zone(name: str) -> bool:
    try:
        zone(name)
    except ValueError:
        return False
    return True


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_key(cadence: Cadence, day: date) -> str:
    """The key of the period that local date `day` belongs to under `cadence`."""
    return month_key(day) if cadence == Cadence.MONTHLY else week_key(day)


def _is_occurrence_day(rule: ScheduleRule, day: date) -> bool:
    if day.weekday() != rule.weekday:
        return False
    if rule.cadence == Cadence.EVERY_TWO_WEEKS:
        return ((_monday(day) - _monday(rule.anchor)).days // 7) % 2 == 0
    if rule.cadence == Cadence.MONTHLY:
        return day.day <= 7  # the first such weekday of the month
    return True


def _occurrence(rule: ScheduleRule, day: date) -> Occurrence:
    local = datetime.combine(day, rule.at, tzinfo=zone(rule.timezone))
    return Occurrence(key=period_key(rule.cadence, day), at=local.astimezone(UTC))


def latest_due(rule: ScheduleRule, now: datetime) -> Occurrence | None:
    """The most recent occurrence at or before `now`, if any in the search window."""
    today = now.astimezone(zone(rule.timezone)).date()
    for back in range(_SEARCH_DAYS):
        day = today - timedelta(days=back)
        if _is_occurrence_day(rule, day):
            occurrence = _occurrence(rule, day)
            if occurrence.at <= now:
                return occurrence
    return None


def next_due(rule: ScheduleRule, now: datetime) -> Occurrence:
    """The first occurrence strictly after `now`."""
    today = now.astimezone(zone(rule.timezone)).date()
    for ahead in range(_SEARCH_DAYS):
        day = today + timedelta(days=ahead)
        if _is_occurrence_day(rule, day):
            occurrence = _occurrence(rule, day)
            if occurrence.at > now:
                return occurrence
    raise AssertionError("every cadence recurs within the search window")  # pragma: no cover


def weekly(rule: ScheduleRule) -> ScheduleRule:
    """The same weekday and time every week: check-ins follow the rounds' day, weekly."""
    return ScheduleRule(
        weekday=rule.weekday,
        at=rule.at,
        timezone=rule.timezone,
        cadence=Cadence.WEEKLY,
        anchor=rule.anchor,
    )
