"""End of duration: when it is due, and what continue / end / rematch do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.cycle.endings import (
    Decision,
    Outcome,
    ending_is_due,
    ends_at,
    extended,
    outcome_of,
)

START = datetime(2026, 11, 23, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("duration", "weeks"),
    [
        ("one_conversation", 2),
        ("about_a_month", 4),
        ("about_three_months", 12),
        (None, 12),
        ("no idea", 12),
        ("ongoing", None),
    ],
)
def test_ends_at(duration, weeks):
    expected = None if weeks is None else START + timedelta(weeks=weeks)
    assert ends_at(START, duration) == expected


@pytest.mark.parametrize(
    ("ends", "cycle", "asked", "now", "due"),
    [
        (START, 1, 0, START, True),
        (START, 1, 0, START - timedelta(seconds=1), False),
        (START, 1, 1, START + timedelta(days=3), False),
        (START, 2, 1, START + timedelta(days=3), True),
        (None, 1, 0, START + timedelta(weeks=100), False),
    ],
)
def test_ending_is_due(ends, cycle, asked, now, due):
    assert ending_is_due(ends=ends, cycle=cycle, asked_cycle=asked, now=now) is due


@pytest.mark.parametrize(
    ("decision", "active", "pair_cycle", "answered", "outcome"),
    [
        (Decision.CONTINUE, True, 1, 1, Outcome.EXTEND),
        (Decision.CONTINUE, True, 2, 1, Outcome.RECORD_ONLY),  # the partner already extended
        (Decision.END, True, 1, 1, Outcome.END),
        (Decision.END, True, 2, 1, Outcome.END),
        (Decision.REMATCH, True, 1, 1, Outcome.END_AND_REOPEN),
        (Decision.CONTINUE, False, 1, 1, Outcome.RECORD_ONLY),
        (Decision.REMATCH, False, 1, 1, Outcome.RECORD_ONLY),
    ],
)
def test_outcome_of(decision, active, pair_cycle, answered, outcome):
    result = outcome_of(
        decision, pair_active=active, pair_cycle=pair_cycle, answered_cycle=answered
    )
    assert result == outcome


def test_continue_adds_one_more_stretch_of_the_same_length():
    first = ends_at(START, "about_a_month")
    assert extended(first, START, "about_a_month") == START + timedelta(weeks=8)
    assert extended(None, START, "ongoing") is None
