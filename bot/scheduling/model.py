"""The vocabulary of meeting times: working hours, a person's zone and hours, a slot.

Working hours are a local start and end on the same day, on chosen weekdays (0 = Monday),
read in the person's own IANA time zone (Slack's `users.info` `tz`). Every instant is kept
in UTC; local times exist only where a person reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The first meeting of a pair is 45 minutes: long enough to agree on goals, short enough
# to fit between other meetings.
FIRST_MEETING_MINUTES = 45

DEFAULT_DAY_START = time(9, 0)
DEFAULT_DAY_END = time(17, 30)
MONDAY_TO_FRIDAY = frozenset(range(5))


def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`; ValueError for a name the zone database does not know."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """A working day from `start` to `end` (local wall times), on `weekdays` (0 = Monday).

    Hours never cross midnight: a day that does is not something we can propose around
    sensibly, so it is refused rather than guessed at.
    """

    start: time = DEFAULT_DAY_START
    end: time = DEFAULT_DAY_END
    weekdays: frozenset[int] = MONDAY_TO_FRIDAY

    def __post_init__(self) -> None:
        for moment in (self.start, self.end):
            if moment.tzinfo is not None or moment.second or moment.microsecond:
                raise ValueError("working hours are whole minutes of local time, without a zone")
        if not self.start < self.end:
            raise ValueError("working hours must end after they start, on the same day")
        if not self.weekdays or not self.weekdays <= frozenset(range(7)):
            raise ValueError("working days must be some of 0 (Monday) to 6 (Sunday)")

    @property
    def minutes(self) -> int:
        """How long the working day is, in minutes of wall-clock time."""
        return _minute_of_day(self.end) - _minute_of_day(self.start)


DEFAULT_WORKING_HOURS = WorkingHours()


@dataclass(frozen=True, slots=True)
class Person:
    """Someone to meet: their IANA time zone (from Slack) and their working hours."""

    timezone: str
    hours: WorkingHours = DEFAULT_WORKING_HOURS

    def __post_init__(self) -> None:
        zone(self.timezone)

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.timezone)


@dataclass(frozen=True, slots=True, order=True)
class Slot:
    """A meeting from `start` to `end`, both timezone-aware and kept in UTC."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("a slot's start and end must carry a time zone")
        if not self.start < self.end:
            raise ValueError("a slot must end after it starts")
        object.__setattr__(self, "start", self.start.astimezone(UTC))
        object.__setattr__(self, "end", self.end.astimezone(UTC))

    @classmethod
    def starting(cls, start: datetime, minutes: int) -> Slot:
        return cls(start, start + timedelta(minutes=minutes))

    @property
    def minutes(self) -> int:
        return whole_minutes(self.end - self.start)


def whole_minutes(span: timedelta) -> int:
    """`span` in whole minutes, rounded down (zone offsets and our grid are whole minutes)."""
    return int(span.total_seconds() // 60)


def _minute_of_day(moment: time) -> int:
    return moment.hour * 60 + moment.minute
