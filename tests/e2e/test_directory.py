"""`/mentor find`, `/mentor skills`, `/mentor pause` and `/mentor resume` through the
front door, with matching eligibility checked in the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.core import ids
from bot.db.models import Member
from bot.services.pausing import paused_now_clause
from tests.e2e.helpers import command_reply, visible_text
from tests.e2e.modal_support import profile_values, published_homes, submit
from tests.support.opened_views import wait_for_opened_view

PEOPLE = {"U1": "Ada", "U2": "Grace", "U3": "Linus", "U4": "Barbara"}


@pytest.fixture(autouse=True)
def people(fake_slack):
    for user_id, name in PEOPLE.items():
        fake_slack.add_user(user_id, display_name=name)


def offer(slack, fake_slack, user_id, text, *, listed):
    """`/mentor offer …` the first time, then the profile modal that follows it."""
    command_reply(slack, fake_slack, f"offer {text}", user_id=user_id)
    submit(slack, ids.PROFILE_MODAL, profile_values(listed=listed), user_id=user_id)


def member(sessions, user_id):
    with sessions() as session:
        return session.scalar(select(Member).where(Member.slack_user_id == user_id))


def test_find_shows_only_people_who_chose_to_be_listed(slack, fake_slack):
    offer(slack, fake_slack, "U1", "python level 5", listed=True)
    offer(slack, fake_slack, "U2", "python level 4", listed=False)
    offer(slack, fake_slack, "U3", "py level 2", listed=True)
    reply = command_reply(slack, fake_slack, "find Python", user_id="U4")
    text = visible_text(reply)
    assert reply["response_type"] == "ephemeral"
    assert "<@U1> — level 5 of 5, taking new mentees" in text
    assert "<@U3> — level 2 of 5" in text
    assert "U2" not in text, "unlisted people never appear"
    assert text.index("<@U1>") < text.index("<@U3>"), "best level first"


def test_your_own_entry_is_marked_and_unlisted_you_are_told_why_you_are_missing(slack, fake_slack):
    offer(slack, fake_slack, "U1", "python", listed=True)
    mine = visible_text(command_reply(slack, fake_slack, "find python", user_id="U1"))
    assert "<@U1> (you)" in mine
    offer(slack, fake_slack, "U2", "python", listed=False)
    theirs = visible_text(command_reply(slack, fake_slack, "find python", user_id="U2"))
    assert "<@U2>" not in theirs
    assert "aren't listed" in theirs


def test_paused_and_deactivated_people(slack, fake_slack, sessions):
    offer(slack, fake_slack, "U1", "python", listed=True)
    offer(slack, fake_slack, "U2", "python", listed=True)
    command_reply(slack, fake_slack, "pause", user_id="U2")
    text = visible_text(command_reply(slack, fake_slack, "find python", user_id="U4"))
    assert "<@U2> — level 3 of 5, not taking anyone right now" in text
    with sessions.begin() as session:
        session.execute(update(Member).where(Member.slack_user_id == "U1").values(active=False))
    text = visible_text(command_reply(slack, fake_slack, "find python", user_id="U4"))
    assert "<@U1>" not in text


def test_find_shows_at_most_twenty_then_a_count(slack, fake_slack):
    for n in range(23):
        user_id = f"UP{n:02d}"
        fake_slack.add_user(user_id, display_name=f"Person {n}")
        offer(slack, fake_slack, user_id, "negotiation", listed=True)
    reply = command_reply(slack, fake_slack, "find negotiation", user_id="U4")
    text = visible_text(reply)
    assert text.count("<@UP") == 20
    assert "…and 3 more." in text
    assert "23 listed people offer Negotiation" in reply["text"]


@pytest.mark.parametrize("skill", ["cobol", "python"])
def test_find_with_nobody_listed(slack, fake_slack, skill):
    offer(slack, fake_slack, "U2", "python", listed=False)
    text = visible_text(command_reply(slack, fake_slack, f"find {skill}", user_id="U4"))
    assert "Nobody listed in the directory offers" in text


def test_find_needs_a_skill(slack, fake_slack):
    text = visible_text(command_reply(slack, fake_slack, "find"))
    assert "say which skill to look for" in text


def test_skills_shows_demand_supply_and_gaps(slack, fake_slack):
    offer(slack, fake_slack, "U1", "python, excel", listed=False)
    command_reply(slack, fake_slack, "offer python", user_id="U2")
    for user_id in ("U2", "U3"):
        command_reply(slack, fake_slack, "request negotiation", user_id=user_id)
    command_reply(slack, fake_slack, "request excel", user_id="U3")
    text = visible_text(command_reply(slack, fake_slack, "skills", user_id="U4"))
    requested, rest = text.split("*Most offered*")
    offered, gaps = rest.split("*Asked for")
    assert "*Negotiation* (2)" in requested and "*Excel* (1)" in requested
    assert offered.index("*Python* (2)") < offered.index("*Excel* (1)")
    assert "*Negotiation* (2)" in gaps and "Excel" not in gaps


def test_skills_on_an_empty_workspace(slack, fake_slack):
    text = visible_text(command_reply(slack, fake_slack, "skills"))
    assert "Nobody is waiting" in text and "Nobody offers anything yet" in text


# ---------------------------------------------------------------- pause and resume


def eligible_user_ids(sessions, now):
    """Who a round may match now, by the rule the round reads: active and not paused."""
    with sessions() as session:
        return sorted(
            session.scalars(
                select(Member.slack_user_id).where(Member.active.is_(True), ~paused_now_clause(now))
            )
        )


def test_pause_until_resumed_keeps_data_and_leaves_you_out(slack, fake_slack, sessions, clock):
    offer(slack, fake_slack, "U1", "python", listed=True)
    command_reply(slack, fake_slack, "request negotiation", user_id="U1")
    command_reply(slack, fake_slack, "offer excel", user_id="U2")
    reply = command_reply(slack, fake_slack, "pause", user_id="U1")
    assert "Paused until you resume" in visible_text(reply)
    stored = member(sessions, "U1")
    assert (stored.paused, stored.paused_until) == (True, None)
    assert eligible_user_ids(sessions, clock()) == ["U2"]
    clock.advance(days=400)
    assert eligible_user_ids(sessions, clock()) == ["U2"], "no end date: paused until resumed"
    listed = visible_text(command_reply(slack, fake_slack, "list", user_id="U1"))
    assert "Python" in listed and "Negotiation" in listed, "a pause keeps everything"
    reply = command_reply(slack, fake_slack, "resume", user_id="U1")
    assert "Welcome back" in visible_text(reply)
    assert (member(sessions, "U1").paused, member(sessions, "U1").paused_until) == (False, None)
    assert eligible_user_ids(sessions, clock()) == ["U1", "U2"]


def test_pause_for_weeks_ends_by_itself(slack, fake_slack, sessions, clock):
    paused_at = clock()
    reply = command_reply(slack, fake_slack, "pause 2", user_id="U1")
    assert "by yourself" in visible_text(reply)
    assert member(sessions, "U1").paused_until == paused_at + timedelta(weeks=2)
    clock.advance(days=13)
    assert eligible_user_ids(sessions, clock()) == []
    clock.advance(days=1, seconds=1)
    # Eligibility follows the end date at once, even before the stored flag catches up...
    assert eligible_user_ids(sessions, clock()) == ["U1"]
    assert member(sessions, "U1").paused is True
    # ...and the first time the person is read, the stored state is put right.
    command_reply(slack, fake_slack, "list", user_id="U1")
    assert (member(sessions, "U1").paused, member(sessions, "U1").paused_until) == (False, None)


def test_pausing_again_replaces_the_end_date_and_resume_when_not_paused(
    slack, fake_slack, sessions, clock
):
    command_reply(slack, fake_slack, "pause 4", user_id="U1")
    command_reply(slack, fake_slack, "pause", user_id="U1")
    assert member(sessions, "U1").paused_until is None
    command_reply(slack, fake_slack, "resume", user_id="U1")
    again = visible_text(command_reply(slack, fake_slack, "resume", user_id="U1"))
    assert "weren't paused" in again


@pytest.mark.parametrize("text", ["pause 0", "pause 60", "pause later"])
def test_bad_pause_changes_nothing(slack, fake_slack, sessions, text):
    reply = command_reply(slack, fake_slack, text)
    assert "from 1 to 52" in visible_text(reply)
    stored = member(sessions, "U1")
    assert stored is None or stored.paused is False


def test_profile_command_then_listing_makes_you_findable(slack, fake_slack):
    command_reply(slack, fake_slack, "offer sql", user_id="U1")
    submit(slack, ids.PROFILE_MODAL, profile_values(listed=False), user_id="U1")
    assert "<@U1>" not in visible_text(command_reply(slack, fake_slack, "find sql", user_id="U2"))
    slack.command("profile", user_id="U1")
    assert wait_for_opened_view(fake_slack, ids.PROFILE_MODAL)
    submit(slack, ids.PROFILE_MODAL, profile_values(listed=True), user_id="U1")
    published_homes(fake_slack, "U1", count=3)
    assert "<@U1>" in visible_text(command_reply(slack, fake_slack, "find sql", user_id="U2"))
