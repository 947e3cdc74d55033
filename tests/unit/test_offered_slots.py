"""What a Find a time modal carries about the slots it offered, read back on submission."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.scheduling.model import Slot
from bot.services.meeting_times import Offered
from bot.ui.meeting_times import find_a_time_metadata

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_the_modal_carries_its_slots_and_the_meeting_it_saw():
    slots = [Slot.starting(MONDAY, 45), Slot.starting(MONDAY.replace(hour=14), 45)]
    data = json.loads(find_a_time_metadata(7, slots, seen=MONDAY))
    assert data["pair"] == 7
    offered = Offered.from_metadata(data)
    assert offered.starts == {int(s.start.timestamp()) for s in slots}
    assert offered.seen == MONDAY
    fresh = Offered.from_metadata(json.loads(find_a_time_metadata(7, slots, seen=None)))
    assert fresh.seen is None and fresh.starts == offered.starts


@pytest.mark.parametrize(
    "metadata",
    [
        {},  # a modal from before slots were carried
        {"offered": "1795428000"},
        {"offered": [True, "1795428000", 1.5, None]},
        {"offered": {"a": 1}},
    ],
)
def test_anything_odd_offers_nothing(metadata):
    assert Offered.from_metadata(metadata).starts == frozenset()


@pytest.mark.parametrize("seen", [True, "1795428000", 10**20, -(10**20)])
def test_an_odd_seen_time_is_never_trusted(seen):
    offered = Offered.from_metadata({"offered": [1795428000], "seen": seen})
    assert offered.seen is None
