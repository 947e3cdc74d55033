"""The intro's cheap outlook agrees with the full proposal on overlap and compromise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.scheduling.local_text import slot_in_local_time
from bot.scheduling.model import Person, Slot
from bot.scheduling.slots import overlap_outlook, propose_slots

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Pacific/Auckland",
         "Asia/Kathmandu", "America/Los_Angeles", "Australia/Adelaide"]  # fmt: skip


@pytest.mark.parametrize("learner", ZONES)
@pytest.mark.parametrize("partner", ZONES)
def test_outlook_matches_the_proposal(learner, partner):
    one, other = Person(learner), Person(partner)
    for now in (NOW, datetime(2026, 3, 5, 8, 0, tzinfo=UTC)):
        full = propose_slots(one, other, now)
        cheap = overlap_outlook(one, other, now)
        assert cheap.slots == ()
        assert (cheap.window, cheap.overlap_minutes, cheap.compromise) == (
            full.window,
            full.overlap_minutes,
            full.compromise,
        )


def test_a_slot_written_for_someone_else_leaves_out_your_time():
    slot = Slot.starting(datetime(2026, 12, 8, 10, 0, tzinfo=UTC), 45)
    assert (
        slot_in_local_time(slot, "Europe/London") == "Tuesday 8 December, 10:00–10:45 (your time)"
    )
    assert (
        slot_in_local_time(slot, "Asia/Kolkata", yours=False) == "Tuesday 8 December, 15:30–16:15"
    )
    assert slot.end - slot.start == timedelta(minutes=45)
