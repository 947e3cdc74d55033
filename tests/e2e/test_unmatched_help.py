"""The "no match" DM, through a real round: for each reason, what would help."""

from __future__ import annotations

from sqlalchemy import update

from bot.db.models import Schedule
from tests.e2e.cycle_helpers import add_person, finish_setup, posts, tick_and_deliver
from tests.e2e.helpers import visible_text


def unmatched_dm(fake_slack) -> str:
    [dm] = [c for c in posts(fake_slack, channel_prefix="D")
            if "No match for you" in visible_text(c.params)]  # fmt: skip
    assert dm.params["text"] == "No match for you this round — here's why, and what would help."
    return visible_text(dm.params)


def run_round(deps, clock):
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)


def test_fully_booked_mentors_keep_the_place_and_ask_for_one_more(deps, fake_slack, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"},
               waited_weeks=2)  # fmt: skip
    add_person(deps, fake_slack, "U3", "Edsger", requests={"python": "Write a parser"})
    run_round(deps, clock)
    words = unmatched_dm(fake_slack)
    assert "fully booked" in words and "You keep your place" in words
    assert "Know someone who could teach Python? Ask them to try `/mentor offer Python`." in words


def test_time_zones_too_far_apart_name_the_limit_and_where_the_zone_comes_from(
    deps, fake_slack, clock
):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4}, tz="Asia/Tokyo",
               tz_offset=9 * 3600)  # fmt: skip
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"},
               tz="America/Los_Angeles", tz_offset=-8 * 3600)  # fmt: skip
    finish_setup(deps)
    tick_and_deliver(deps)  # the workspace's schedule exists from here; limit time zones to 6 hours
    with deps.sessions.begin() as session:
        session.execute(update(Schedule).values(max_tz_gap_hours=6))
    clock.advance(hours=10)  # the workspace's zone is Los Angeles: its Monday 09:00
    tick_and_deliver(deps)
    words = unmatched_dm(fake_slack)
    assert "outside your time-zone limit" in words
    assert "(at most 6 hours apart)" in words and "your Slack profile" in words
    assert "`/mentor offer Python`" in words
