"""Whether someone is paused at a given moment (pure), and the state changes on a member."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.db.models import Member
from bot.services.pausing import (
    apply_pause_expiry,
    is_paused,
    pause_member,
    pause_state,
    resume_member,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(weeks=2)


@pytest.mark.parametrize(
    ("paused", "until", "now", "expected"),
    [
        (False, None, NOW, False),
        (False, LATER, NOW, False),  # an end date alone pauses nobody
        (True, None, NOW, True),
        (True, None, NOW + timedelta(days=3650), True),
        (True, LATER, NOW, True),
        (True, LATER, LATER - timedelta(seconds=1), True),
        (True, LATER, LATER, False),  # the pause ends at the moment given
        (True, LATER, LATER + timedelta(days=1), False),
    ],
)
def test_is_paused(paused, until, now, expected):
    assert is_paused(paused, until, now) is expected


def test_pause_for_weeks_then_it_runs_out_on_read():
    member = Member(paused=False, paused_until=None)
    state = pause_member(member, NOW, 2)
    assert (state.paused, state.until) == (True, LATER)
    assert apply_pause_expiry(member, NOW + timedelta(days=13)) is False
    assert member.paused is True
    assert pause_state(member, LATER).paused is False, "already over, before it is stored"
    assert apply_pause_expiry(member, LATER) is True
    assert (member.paused, member.paused_until) == (False, None)


def test_open_ended_pause_and_resume():
    member = Member(paused=False, paused_until=None)
    pause_member(member, NOW, None)
    assert apply_pause_expiry(member, NOW + timedelta(days=999)) is False
    assert resume_member(member, NOW) is True
    assert resume_member(member, NOW) is False
    assert (member.paused, member.paused_until) == (False, None)
