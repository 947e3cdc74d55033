"""Working hours typed in the profile modal: two HH:MM times, read into minutes."""

from __future__ import annotations

import pytest

from bot.core import ids
from bot.parsing.working_hours import (
    WorkingHoursForm,
    clock_text,
    minute_of,
    parse_working_hours,
)


@pytest.mark.parametrize(
    ("text", "minute"),
    [("00:00", 0), ("09:30", 570), ("23:59", 1439), ("24:00", None), ("9:30", None),
     ("09:60", None), ("ab:cd", None), ("", None), (None, None), ("09-30", None)],
)  # fmt: skip
def test_minute_of_reads_only_24_hour_times(text, minute):
    assert minute_of(text) == minute


def test_clock_text_is_the_inverse_of_minute_of():
    for minute in range(0, 24 * 60, 7):
        assert minute_of(clock_text(minute)) == minute


def test_no_times_and_the_default_day_are_stored_as_the_default():
    assert parse_working_hours(None, None) == (WorkingHoursForm(None, None), {})
    assert parse_working_hours("09:00", "17:30") == (WorkingHoursForm(None, None), {})


def test_own_hours_are_kept_in_minutes():
    assert parse_working_hours("07:30", "15:00") == (WorkingHoursForm(450, 900), {})


@pytest.mark.parametrize(
    ("start", "end", "block"),
    [
        (None, "17:00", ids.PROFILE_DAY_START_BLOCK),
        ("09:00", None, ids.PROFILE_DAY_END_BLOCK),
        ("17:00", "09:00", ids.PROFILE_DAY_END_BLOCK),  # crosses midnight: refused
        ("09:00", "09:59", ids.PROFILE_DAY_END_BLOCK),  # too short for a meeting
    ],
)
def test_bad_hours_are_answered_under_the_right_field(start, end, block):
    form, errors = parse_working_hours(start, end)
    assert form is None and list(errors) == [block]
