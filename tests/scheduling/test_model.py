"""Working hours, people and slots refuse what they can't mean."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from bot.scheduling.model import (
    DEFAULT_WORKING_HOURS,
    FIRST_MEETING_MINUTES,
    Person,
    Slot,
    WorkingHours,
)

pytestmark = pytest.mark.db_independent


def test_defaults() -> None:
    assert WorkingHours(time(9, 0), time(17, 30), frozenset(range(5))) == DEFAULT_WORKING_HOURS
    assert DEFAULT_WORKING_HOURS.minutes == 510
    assert FIRST_MEETING_MINUTES == 45
    assert Person("Europe/London").hours == DEFAULT_WORKING_HOURS


@pytest.mark.parametrize(
    ("start", "end", "weekdays", "message"),
    [
        (time(17, 0), time(9, 0), range(5), "end after they start"),
        (time(9, 0), time(9, 0), range(5), "end after they start"),
        (time(9, 0, 30), time(17, 0), range(5), "whole minutes"),
        (time(9, 0, tzinfo=UTC), time(17, 0), range(5), "whole minutes"),
        (time(9, 0), time(17, 0), [], "working days"),
        (time(9, 0), time(17, 0), [0, 7], "working days"),
    ],
)
def test_bad_working_hours(start: time, end: time, weekdays: Iterable[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WorkingHours(start, end, frozenset(weekdays))


@pytest.mark.parametrize("tz", ["Mars/Olympus_Mons", "", "../etc/passwd"])
def test_unknown_time_zone(tz: str) -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        Person(tz)


def test_slot_is_kept_in_utc_and_refuses_naive_or_backwards_times() -> None:
    start = datetime(2026, 12, 8, 10, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    slot = Slot.starting(start, 45)
    assert slot.start == datetime(2026, 12, 8, 4, 30, tzinfo=UTC)
    assert slot.start.tzinfo is UTC and slot.minutes == 45
    with pytest.raises(ValueError, match="time zone"):
        Slot(datetime(2026, 12, 8, 10), datetime(2026, 12, 8, 11))
    with pytest.raises(ValueError, match="end after"):
        Slot.starting(start, 0)
