"""Meeting times in words, in each reader's own zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.scheduling.intervals import Stretch
from bot.scheduling.local_text import (
    duration,
    overlap_in_words,
    slot_in_local_time,
    stretch_in_words,
)
from bot.scheduling.model import Slot

pytestmark = pytest.mark.db_independent

# Tuesday 8 December 2026, 10:00 UTC.
SLOT = Slot.starting(datetime(2026, 12, 8, 10, 0, tzinfo=UTC), 45)


@pytest.mark.parametrize(
    ("zone", "text"),
    [
        ("Europe/London", "Tuesday 8 December, 10:00–10:45 (your time)"),
        ("America/New_York", "Tuesday 8 December, 05:00–05:45 (your time)"),
        ("Asia/Kolkata", "Tuesday 8 December, 15:30–16:15 (your time)"),
        ("Asia/Kathmandu", "Tuesday 8 December, 15:45–16:30 (your time)"),
        ("Pacific/Auckland", "Tuesday 8 December, 23:00–23:45 (your time)"),
        ("America/Los_Angeles", "Tuesday 8 December, 02:00–02:45 (your time)"),
        ("Australia/Adelaide", "Tuesday 8 December, 20:30–21:15 (your time)"),
    ],
)
def test_slot_in_each_readers_zone(zone: str, text: str) -> None:
    assert slot_in_local_time(SLOT, zone) == text


def test_a_slot_across_midnight_says_which_day_it_ends() -> None:
    slot = Slot.starting(datetime(2026, 12, 8, 10, 30, tzinfo=UTC), 45)
    assert (
        slot_in_local_time(slot, "Pacific/Auckland")
        == "Tuesday 8 December, 23:30–00:15 on Wednesday (your time)"
    )


def test_same_instant_reads_as_different_dates_across_the_date_line() -> None:
    slot = Slot.starting(datetime(2026, 12, 7, 22, 0, tzinfo=UTC), 45)
    assert slot_in_local_time(slot, "Pacific/Auckland").startswith("Tuesday 8 December, 11:00")
    assert slot_in_local_time(slot, "America/Los_Angeles").startswith("Monday 7 December, 14:00")


@pytest.mark.parametrize(
    ("stretch", "text"),
    [
        (Stretch(0, 0), "fits inside your working hours"),
        (Stretch(60, 0), "starts 1 hour before your working day begins"),
        (Stretch(0, 75), "ends 1 hour 15 minutes after your working day ends"),
        (
            Stretch(30, 1),
            "starts 30 minutes before your working day begins"
            " and ends 1 minute after your working day ends",
        ),
    ],
)
def test_stretch_in_words(stretch: Stretch, text: str) -> None:
    assert stretch_in_words(stretch) == text


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 minutes"),
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (135, "2 hours 15 minutes"),
    ],
)
def test_duration(minutes: int, text: str) -> None:
    assert duration(minutes) == text


def test_overlap_in_words() -> None:
    assert overlap_in_words(0) == "Your working hours don't overlap on any day this week."
    assert overlap_in_words(40) == "Your working hours overlap by only 40 minutes a day."
