"""When a pair's check-in falls due: its first day, its rhythm, its first meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.cycle.checkins import checkin_falls_due, next_checkin_at
from bot.cycle.schedule import Cadence, ScheduleRule

START = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # a Monday, after that day's pass
MONDAYS = ScheduleRule(
    weekday=0, at=time(9, 0), timezone="UTC", cadence=Cadence.WEEKLY, anchor=date(2026, 11, 23)
)


@pytest.mark.parametrize(
    ("days", "every", "meeting_days", "due"),
    [
        (0, 1, None, False),  # the pair's own day
        (7, 1, None, True),
        (7, 2, None, False),  # off a two-weekly rhythm
        (14, 2, None, True),
        (28, 4, None, True),
        (7, 1, 10, False),  # before their first meeting
        (14, 1, 10, True),  # the first pass after it
    ],
)
def test_checkin_falls_due(days, every, meeting_days, due) -> None:
    meeting = START + timedelta(days=meeting_days) if meeting_days is not None else None
    at = START + timedelta(days=days, minutes=-30)
    assert (
        checkin_falls_due(
            started_at=START - timedelta(minutes=30) if days else START,
            at=at,
            every_weeks=every,
            first_meeting_at=meeting,
        )
        is due
    )


@pytest.mark.parametrize(
    ("every", "meeting_days", "expected_days"),
    [(1, None, 7), (2, None, 14), (4, None, 28), (1, 10, 14), (2, 17, 28)],
)
def test_next_checkin_at_is_the_first_pass_the_rule_allows(every, meeting_days, expected_days):
    started = START - timedelta(minutes=30)  # made at the pass of 23 November
    meeting = START + timedelta(days=meeting_days) if meeting_days is not None else None
    found = next_checkin_at(
        MONDAYS, after=START, started_at=started, every_weeks=every, first_meeting_at=meeting
    )
    assert found == started + timedelta(days=expected_days)
