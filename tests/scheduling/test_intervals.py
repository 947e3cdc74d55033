"""Working intervals across DST changes, and how far a meeting strays outside them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.scheduling.intervals import (
    Interval,
    overlap_minutes,
    stretch,
    working_interval,
    working_intervals,
)
from bot.scheduling.model import Person, Slot, WorkingHours

pytestmark = pytest.mark.db_independent


def utc(*args: int) -> datetime:
    year, month, day, hour, minute = args
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_london_working_day_moves_in_utc_across_the_spring_switch() -> None:
    london = Person("Europe/London")
    assert working_interval(london, date(2026, 3, 27)) == Interval(
        utc(2026, 3, 27, 9, 0), utc(2026, 3, 27, 17, 30)
    )
    assert working_interval(london, date(2026, 3, 30)) == Interval(
        utc(2026, 3, 30, 8, 0), utc(2026, 3, 30, 16, 30)
    )
    assert working_interval(london, date(2026, 3, 28)) is None  # Saturday


def test_hours_spanning_a_spring_forward_night_are_an_hour_shorter() -> None:
    # 01:00–05:00 on the night New York springs forward is three hours of real time.
    night = Person("America/New_York", WorkingHours(time(1, 0), time(5, 0), frozenset({6})))
    interval = working_interval(night, date(2026, 3, 8))
    assert interval is not None
    assert interval.end - interval.start == utc(2026, 1, 1, 3, 0) - utc(2026, 1, 1, 0, 0)


def test_intervals_list_only_working_days() -> None:
    intervals = working_intervals(Person("Asia/Tokyo"), date(2026, 12, 4), date(2026, 12, 8))
    assert [i.start for i in intervals] == [
        utc(2026, 12, 4, 0, 0),
        utc(2026, 12, 7, 0, 0),
        utc(2026, 12, 8, 0, 0),
    ]


def test_stretch_measures_against_the_nearest_working_day() -> None:
    days = working_intervals(Person("Europe/London"), date(2026, 12, 7), date(2026, 12, 8))
    inside = Slot.starting(utc(2026, 12, 7, 10, 0), 45)
    assert stretch(inside, days).fits
    early = stretch(Slot.starting(utc(2026, 12, 8, 8, 0), 45), days)
    assert (early.early_minutes, early.late_minutes) == (60, 0)
    late = stretch(Slot.starting(utc(2026, 12, 7, 17, 0), 45), days)
    assert (late.early_minutes, late.late_minutes) == (0, 15)
    # 21:00 Monday is 3h15 past Monday's end and 12 hours before Tuesday's start.
    evening = stretch(Slot.starting(utc(2026, 12, 7, 21, 0), 45), days)
    assert evening.late_minutes == 255 and evening.early_minutes == 0
    with pytest.raises(ValueError, match="no working intervals"):
        stretch(inside, [])


def test_overlap_is_the_longest_single_overlap() -> None:
    day = Interval(utc(2026, 12, 7, 9, 0), utc(2026, 12, 7, 17, 30))
    others = [
        Interval(utc(2026, 12, 7, 0, 0), utc(2026, 12, 7, 10, 0)),
        Interval(utc(2026, 12, 7, 14, 0), utc(2026, 12, 7, 23, 0)),
    ]
    assert overlap_minutes(day, others) == 210
    assert overlap_minutes(day, [Interval(utc(2026, 12, 8, 0, 0), utc(2026, 12, 8, 8, 0))]) == 0
