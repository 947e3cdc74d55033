"""`/mentor` through the front door: signed request -> listener -> DB -> fake Slack."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import Member, MentoringRequest, Skill
from tests.e2e.helpers import action_reply, command_reply, offers_of, visible_text


@pytest.fixture(autouse=True)
def people(fake_slack):
    fake_slack.add_user("U1", display_name="Ada", tz="Europe/Paris", tz_offset=3600)
    fake_slack.add_user("U2", display_name="Grace", tz="America/New_York", tz_offset=-18000)
    fake_slack.add_user("UBOT2", display_name="Some bot", is_bot=True)
    fake_slack.add_user("UGONE", display_name="Gone", deleted=True)


def open_requests_of(sessions, user_id):
    with sessions() as session:
        return sorted(
            session.scalars(
                select(Skill.slug)
                .join(MentoringRequest, MentoringRequest.skill_id == Skill.id)
                .join(Member, Member.id == MentoringRequest.member_id)
                .where(Member.slack_user_id == user_id, MentoringRequest.status == "open")
            ).all()
        )


@pytest.mark.parametrize("text", ["", "help", "  HELP  "])
def test_help_is_ephemeral_with_buttons(slack, fake_slack, text):
    reply = command_reply(slack, fake_slack, text)
    assert reply["response_type"] == "ephemeral"
    assert "/mentor offer" in visible_text(reply)
    actions = [block for block in reply["blocks"] if block["type"] == "actions"]
    assert actions and actions[0]["elements"][0]["action_id"] == ids.SHOW_MY_LIST


def test_offer_stores_offer_and_member_from_users_info(slack, fake_slack, sessions):
    reply = command_reply(slack, fake_slack, "offer social-media")
    assert reply["response_type"] == "ephemeral"
    assert "Social media" in visible_text(reply)
    assert "level 3" in visible_text(reply)
    assert offers_of(sessions, "U1") == [("social-media", 3)]
    with sessions() as session:
        member = session.scalars(select(Member)).one()
    assert (member.team_id, member.display_name, member.tz) == ("T1", "Ada", "Europe/Paris")
    assert member.tz_offset_seconds == 3600
    fake_slack.wait_for("views.publish")  # the App Home refresh that follows the change
    # Once to create the member, once to know whether their App Home has an admin part.
    assert [call.params["user"] for call in fake_slack.calls_to("users.info")] == ["U1", "U1"]


def test_offer_several_with_level_and_repeat_updates_without_duplicates(
    slack, fake_slack, sessions
):
    command_reply(slack, fake_slack, "offer Public Speaking, k8s, excel level 4")
    assert offers_of(sessions, "U1") == [
        ("kubernetes", 4),
        ("microsoft-excel", 4),
        ("public-speaking", 4),
    ]
    reply = command_reply(slack, fake_slack, "offer kubernetes level 2")
    assert "Updated" in visible_text(reply)
    assert offers_of(sessions, "U1") == [
        ("kubernetes", 2),
        ("microsoft-excel", 4),
        ("public-speaking", 4),
    ]
    command_reply(slack, fake_slack, "offer public_speaking")
    assert ("public-speaking", 4) in offers_of(sessions, "U1"), "no level keeps the old one"
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Skill)) == 3
    fake_slack.wait_for("views.publish", count=3)  # App Home refreshed after each change
    # Once to create the member, once to know whether their App Home has an admin part
    # (remembered for a while, since Home is refreshed after every change).
    assert len(fake_slack.calls_to("users.info")) == 2


@pytest.mark.parametrize("verb", ["request", "learn", "ask"])
def test_request_and_its_aliases_open_a_request(slack, fake_slack, sessions, verb):
    reply = command_reply(slack, fake_slack, f"{verb} negotiation")
    assert "Negotiation" in visible_text(reply)
    assert open_requests_of(sessions, "U1") == ["negotiation"]
    again = command_reply(slack, fake_slack, f"{verb} Negotiation")
    assert "Already waiting" in visible_text(again)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(MentoringRequest)) == 1


def test_list_shows_offers_and_requests(slack, fake_slack):
    command_reply(slack, fake_slack, "offer python level 5")
    command_reply(slack, fake_slack, "request public speaking")
    listed = visible_text(command_reply(slack, fake_slack, "list"))
    assert "Python" in listed and "level 5" in listed
    assert "Public speaking" in listed and "waiting for a match" in listed


def test_list_button_on_help_shows_the_list(slack, fake_slack):
    command_reply(slack, fake_slack, "offer python")
    reply = action_reply(slack, fake_slack, ids.SHOW_MY_LIST, value="list")
    assert "Python" in visible_text(reply)


def test_remove_offer_and_request(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python, excel")
    command_reply(slack, fake_slack, "request negotiation")
    removed = command_reply(slack, fake_slack, "remove offer Python")
    assert "Removed" in visible_text(removed)
    assert offers_of(sessions, "U1") == [("microsoft-excel", 3)]
    command_reply(slack, fake_slack, "remove request negotiation")
    assert open_requests_of(sessions, "U1") == []
    nothing = command_reply(slack, fake_slack, "remove offer cobol")
    assert "nothing changed" in visible_text(nothing)


def test_people_only_change_their_own_records(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python", user_id="U1")
    command_reply(slack, fake_slack, "remove offer python", user_id="U2")
    assert offers_of(sessions, "U1") == [("python", 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ofer python", "/mentor offer python"),
        ("frobnicate", "/mentor help"),
        ("offer python level 9", "level must be a whole number from 1 to 5"),
        ("remove python", "/mentor remove offer python"),
        ("offer x", "at least 2"),
        ("list everything", "takes nothing after it"),
    ],
)
def test_bad_input_gets_a_clear_ephemeral_answer(slack, fake_slack, sessions, text, expected):
    reply = command_reply(slack, fake_slack, text)
    assert reply["response_type"] == "ephemeral"
    assert expected in visible_text(reply)
    assert offers_of(sessions, "U1") == []


@pytest.mark.parametrize(
    "text",
    [
        "offer <!channel>",
        "<!here> please",
        "remove offer <@U2>",
        "offer <https://evil.example|click me>",
        "ofer <!everyone>",
    ],
)
def test_user_text_is_escaped_in_replies(slack, fake_slack, text):
    reply = command_reply(slack, fake_slack, text)
    shown = visible_text(reply)
    assert "<!" not in shown and "<@" not in shown and "<http" not in shown
    # The fixture also checks every payload sent for broadcasts after the test.


def test_bots_and_deleted_users_are_refused_politely(slack, fake_slack, sessions):
    assert "only people" in visible_text(
        command_reply(slack, fake_slack, "offer python", user_id="UBOT2")
    )
    assert "deactivated" in visible_text(
        command_reply(slack, fake_slack, "offer python", user_id="UGONE")
    )
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_slack_failure_gets_an_apology_not_silence(slack, fake_slack, sessions):
    fake_slack.fail_next("users.info", status=500, times=5)
    reply = command_reply(slack, fake_slack, "offer python")
    assert "something went wrong" in visible_text(reply)
    assert offers_of(sessions, "U1") == []
