"""Working hours as instants: each person's working intervals in UTC, and how far a
meeting reaches outside them.

A local wall time that a DST change skips (02:30 on a spring-forward night) is read with
the offset in force before the change, as `zoneinfo` does; one that happens twice is read
as its first occurrence. Working hours rarely start inside the changeover hour, and
either reading keeps the interval the right length to within that hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .model import Person, Slot, whole_minutes


@dataclass(frozen=True, slots=True)
class Interval:
    """One working day of one person, from `start` to `end` (UTC)."""

    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Stretch:
    """How far a meeting reaches outside someone's working day: it starts `early_minutes`
    before the day begins and ends `late_minutes` after it ends (both 0: it fits)."""

    early_minutes: int
    late_minutes: int

    @property
    def total_minutes(self) -> int:
        return self.early_minutes + self.late_minutes

    @property
    def fits(self) -> bool:
        return self.total_minutes == 0


def local_instant(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock `wall` on `day` in `tz`."""
    return datetime.combine(day, wall, tzinfo=tz).astimezone(UTC)


def exists_locally(instant: datetime, day: date, wall: time, tz: ZoneInfo) -> bool:
    """Whether `instant` really reads as `wall` on `day` in `tz` (not a skipped time)."""
    return instant.astimezone(tz).replace(tzinfo=None) == datetime.combine(day, wall)


def working_interval(person: Person, day: date) -> Interval | None:
    """`person`'s working hours on their local date `day`, or None on a day off."""
    if day.weekday() not in person.hours.weekdays:
        return None
    tz = person.zone
    return Interval(
        local_instant(day, person.hours.start, tz), local_instant(day, person.hours.end, tz)
    )


def working_intervals(person: Person, first: date, last: date) -> list[Interval]:
    """`person`'s working intervals on their local dates `first` to `last`, in order."""
    intervals = []
    day = first
    while day <= last:
        interval = working_interval(person, day)
        if interval is not None:
            intervals.append(interval)
        day += timedelta(days=1)
    return intervals


def stretch(slot: Slot, intervals: Sequence[Interval]) -> Stretch:
    """How far `slot` reaches outside the nearest of `intervals` (the one it strays from
    least; the earlier one on a tie). `intervals` must not be empty."""
    best: Stretch | None = None
    for interval in intervals:
        early = max(0, whole_minutes(interval.start - slot.start))
        late = max(0, whole_minutes(slot.end - interval.end))
        if best is None or early + late < best.total_minutes:
            best = Stretch(early, late)
    if best is None:
        raise ValueError("no working intervals to measure against")
    return best


def overlap_minutes(one: Interval, others: Sequence[Interval]) -> int:
    """The longest stretch of `one` that lies inside a single one of `others`, in minutes.

    A meeting has to fit in one unbroken overlap, so overlaps are not added up.
    """
    longest = 0
    for other in others:
        shared = min(one.end, other.end) - max(one.start, other.start)
        longest = max(longest, whole_minutes(shared))
    return longest
