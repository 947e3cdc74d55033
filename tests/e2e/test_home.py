"""App Home through the front door: published when opened, refreshed after every change,
within Slack's 100-block limit however much a person has."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import Member, MentoringRequest, Offer
from bot.db.session import transaction
from bot.domain.people import SlackProfile
from bot.services.people import create_member
from bot.services.records import ensure_skill
from bot.skills.normalise import normalize_skill
from tests.e2e.helpers import command_reply, visible_text
from tests.e2e.modal_support import (
    home_surface,
    new,
    published_homes,
    request_values,
    submit,
)


@pytest.fixture(autouse=True)
def people(fake_slack):
    fake_slack.add_user("U1", display_name="Ada", tz="Europe/Paris", tz_offset=3600)


def open_home(slack, user_id="U1", tab="home"):
    event = {"type": "app_home_opened", "user": user_id, "channel": "D1", "tab": tab}
    assert slack.event(event).status == 200


def action_ids(view):
    found = []
    for block in view["blocks"]:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id"):
                found.append(element["action_id"])
    return found


def test_someone_new_sees_a_welcome_with_buttons_and_is_not_stored(slack, fake_slack, sessions):
    open_home(slack)
    (home,) = published_homes(fake_slack)
    assert home["type"] == "home"
    assert {ids.OPEN_OFFER_MODAL, ids.OPEN_REQUEST_MODAL} <= set(action_ids(home))
    assert "How it works" in visible_text(home)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_the_messages_tab_publishes_nothing(slack, fake_slack, settle):
    open_home(slack, tab="messages")
    settle()
    assert fake_slack.calls_to("views.publish") == []


def test_home_shows_profile_offers_and_requests_with_status(slack, fake_slack):
    command_reply(slack, fake_slack, "offer python level 5")
    command_reply(slack, fake_slack, "request negotiation")
    published_homes(fake_slack, count=2)
    open_home(slack)
    home = published_homes(fake_slack, count=3)[-1]
    text = visible_text(home)
    assert "You're taking part" in text
    assert "*Python* · level 5 of 5" in text
    assert "*Negotiation* — open since <!date^" in text
    assert "You can mentor up to 1 person at once" in text
    assert {
        ids.PAUSE_MATCHING,
        ids.OPEN_PROFILE_MODAL,
        ids.OPEN_OFFER_MODAL,
        ids.OPEN_REQUEST_MODAL,
        ids.OFFER_MENU,
        ids.REQUEST_MENU,
    } <= set(action_ids(home))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("offer python", "*Python*"),
        ("request negotiation", "*Negotiation*"),
        ("pause", "Paused until you resume"),
    ],
)
def test_each_command_that_changes_something_refreshes_home(slack, fake_slack, text, shown):
    command_reply(slack, fake_slack, text)
    (home,) = published_homes(fake_slack)
    assert shown in visible_text(home)


def test_commands_that_change_nothing_do_not_publish(slack, fake_slack, settle):
    for text in ["help", "list", "skills", "find python"]:
        command_reply(slack, fake_slack, text)
    settle()
    assert fake_slack.calls_to("views.publish") == []


def test_removing_by_command_refreshes_home(slack, fake_slack):
    command_reply(slack, fake_slack, "offer python, excel")
    published_homes(fake_slack)
    command_reply(slack, fake_slack, "remove offer python")
    home = published_homes(fake_slack, count=2)[-1]
    assert "Python" not in visible_text(home) and "Excel" in visible_text(home)


def test_paused_requests_say_so_and_resume_brings_them_back(slack, fake_slack, clock, settle):
    command_reply(slack, fake_slack, "request negotiation")
    settle()  # its Home is published before the pause's, so the pause's comes last
    command_reply(slack, fake_slack, "pause 2")
    home = published_homes(fake_slack, count=2)[-1]
    assert "*Paused until <!date^" in visible_text(home)
    assert "paused (open since" in visible_text(home)
    assert ids.RESUME_MATCHING in action_ids(home)
    settle()
    command_reply(slack, fake_slack, "resume")
    home = published_homes(fake_slack, count=3)[-1]
    assert "You're taking part" in visible_text(home)
    assert "— open since" in visible_text(home)


def test_pause_and_resume_buttons_on_home(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python")
    published_homes(fake_slack)
    slack.action(ids.PAUSE_MATCHING, value=ids.PAUSE_MATCHING, view=home_surface())
    home = published_homes(fake_slack, count=2)[-1]
    assert "Paused until you resume" in visible_text(home)
    with sessions() as session:
        member = session.scalars(select(Member)).one()
        assert (member.paused, member.paused_until) == (True, None)
    slack.action(ids.RESUME_MATCHING, value=ids.RESUME_MATCHING, view=home_surface())
    home = published_homes(fake_slack, count=3)[-1]
    assert "You're taking part" in visible_text(home)
    with sessions() as session:
        assert session.scalars(select(Member.paused)).one() is False


def test_a_pause_that_ran_out_shows_as_over_when_home_opens(slack, fake_slack, sessions, clock):
    command_reply(slack, fake_slack, "pause 1")
    published_homes(fake_slack)
    clock.advance(days=8)
    open_home(slack)
    home = published_homes(fake_slack, count=2)[-1]
    assert "You're taking part" in visible_text(home)
    with sessions() as session:
        member = session.scalars(select(Member)).one()
        assert (member.paused, member.paused_until) == (False, None)


def test_user_text_in_home_is_escaped(slack, fake_slack):
    command_reply(slack, fake_slack, "offer cooking")
    hostile = "<!channel> & <@U999> <https://evil.example|click>"
    submit(slack, ids.REQUEST_MODAL, request_values(new("Negotiation"), goal=hostile))
    homes = published_homes(fake_slack, count=2)
    # The two refreshes run after their answers, so they may land in either order.
    home = [h for h in homes if "Negotiation" in json.dumps(h)][-1]
    dumped = json.dumps(home)
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt;" in dumped
    assert "<@U999>" not in dumped


def seed_lots(sessions, offers, requests):
    with transaction(sessions) as session:
        member = create_member(
            session,
            team_id="T1",
            enterprise_id=None,
            profile=SlackProfile("U1", "Ada", "Europe/Paris", 3600),
        )
        for i in range(offers):
            row = ensure_skill(session, "T1", normalize_skill(f"teach{i:03d} " + "x" * 40))
            session.add(Offer(team_id="T1", member_id=member.id, skill_id=row.id, level=4))
        for i in range(requests):
            row = ensure_skill(session, "T1", normalize_skill(f"learn{i:03d}"))
            session.add(
                MentoringRequest(team_id="T1", member_id=member.id, skill_id=row.id, goal="g" * 500)
            )


@pytest.mark.parametrize(
    ("offers", "requests", "hidden"),
    [
        (150, 150, ("106 more offers", "106 more requests")),
        (0, 300, ("212 more requests",)),
        (300, 3, ("215 more offers",)),
        (44, 44, ()),
    ],
)
def test_home_stays_within_100_blocks_and_points_to_the_list(
    slack, fake_slack, sessions, offers, requests, hidden
):
    seed_lots(sessions, offers, requests)
    open_home(slack)
    (home,) = published_homes(fake_slack)
    assert len(home["blocks"]) <= 100
    text = visible_text(home)
    for line in hidden:
        assert line in text and "`/mentor list` shows them all" in text
    if not hidden:
        assert "more offers" not in text and "more requests" not in text
