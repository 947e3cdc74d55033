"""Schedule arithmetic: due occurrences in the workspace's zone, period keys, cadences."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.cycle.schedule import (
    Cadence,
    ScheduleRule,
    latest_due,
    month_key,
    next_due,
    period_key,
    week_key,
    weekly,
)


def rule(
    cadence=Cadence.WEEKLY, *, weekday=0, at=time(9), tz="Europe/Paris", anchor=date(2026, 11, 23)
):
    return ScheduleRule(weekday=weekday, at=at, timezone=tz, cadence=cadence, anchor=anchor)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("schedule", "now", "expected_key", "expected_at"),
    [
        # Monday 09:00 Paris is 08:00 UTC in winter.
        (rule(), utc(2026, 11, 23, 8, 0), "2026-W48", utc(2026, 11, 23, 8, 0)),
        (rule(), utc(2026, 11, 23, 7, 59), "2026-W47", utc(2026, 11, 16, 8, 0)),
        (rule(), utc(2026, 11, 26, 12, 0), "2026-W48", utc(2026, 11, 23, 8, 0)),
        # Summer time: 09:00 Paris is 07:00 UTC.
        (rule(), utc(2026, 6, 1, 7, 0), "2026-W23", utc(2026, 6, 1, 7, 0)),
        # New York, Friday 17:30.
        (
            rule(weekday=4, at=time(17, 30), tz="America/New_York"),
            utc(2026, 11, 28, 0, 0),
            "2026-W48",
            utc(2026, 11, 27, 22, 30),
        ),
        # Every two weeks: the anchor's week and every second one after it.
        (rule(Cadence.EVERY_TWO_WEEKS), utc(2026, 12, 1, 9), "2026-W48", utc(2026, 11, 23, 8)),
        (rule(Cadence.EVERY_TWO_WEEKS), utc(2026, 12, 7, 9), "2026-W50", utc(2026, 12, 7, 8)),
        # Monthly: the first Monday of the month, keyed by month.
        (rule(Cadence.MONTHLY), utc(2026, 11, 23, 9), "2026-11", utc(2026, 11, 2, 8)),
        (rule(Cadence.MONTHLY), utc(2026, 12, 7, 9), "2026-12", utc(2026, 12, 7, 8)),
        # ISO weeks across the new year: 2027-01-04 is in 2027-W01.
        (rule(tz="UTC"), utc(2027, 1, 4, 9), "2027-W01", utc(2027, 1, 4, 9)),
    ],
)
def test_latest_due(schedule, now, expected_key, expected_at):
    due = latest_due(schedule, now)
    assert due is not None
    assert (due.key, due.at) == (expected_key, expected_at)


@pytest.mark.parametrize(
    ("schedule", "now", "expected_key", "expected_at"),
    [
        (rule(), utc(2026, 11, 23, 8, 0), "2026-W49", utc(2026, 11, 30, 8, 0)),
        (rule(), utc(2026, 11, 23, 7, 0), "2026-W48", utc(2026, 11, 23, 8, 0)),
        (rule(Cadence.EVERY_TWO_WEEKS), utc(2026, 11, 23, 8), "2026-W50", utc(2026, 12, 7, 8)),
        (rule(Cadence.MONTHLY), utc(2026, 11, 23, 8), "2026-12", utc(2026, 12, 7, 8)),
        # The day clocks go forward (Paris, 2027-03-28 is a Sunday): a 02:30 slot still occurs.
        (
            rule(weekday=6, at=time(2, 30)),
            utc(2027, 3, 27, 12),
            "2027-W12",
            utc(2027, 3, 28, 1, 30),
        ),
    ],
)
def test_next_due(schedule, now, expected_key, expected_at):
    due = next_due(schedule, now)
    assert (due.key, due.at) == (expected_key, expected_at)


def test_check_ins_follow_the_rounds_day_every_week():
    monthly = rule(Cadence.MONTHLY)
    assert latest_due(weekly(monthly), utc(2026, 11, 23, 9)).key == "2026-W48"


@pytest.mark.parametrize(
    ("cadence", "day", "key"),
    [
        (Cadence.WEEKLY, date(2026, 11, 23), "2026-W48"),
        (Cadence.EVERY_TWO_WEEKS, date(2026, 11, 29), "2026-W48"),
        (Cadence.MONTHLY, date(2026, 11, 29), "2026-11"),
    ],
)
def test_period_keys(cadence, day, key):
    assert period_key(cadence, day) == key
    assert week_key(date(2026, 12, 31)) == "2026-W53"
    assert month_key(date(2027, 1, 1)) == "2027-01"


@pytest.mark.parametrize(("weekday", "tz"), [(7, "UTC"), (-1, "UTC"), (0, "Mars/Olympus")])
def test_bad_rules_are_refused(weekday, tz):
    with pytest.raises(ValueError):
        rule(weekday=weekday, tz=tz)
