"""`/mentor` text in the shape Slack sends it with `should_escape: true` (mentions and
channels as `<@U…|name>` / `<#C…|name>`, `&`, `<`, `>` as entities), and plain `@names`
from installs whose command still sends text unescaped, through the real app."""

from __future__ import annotations

import pytest
import yaml
from sqlalchemy import select

from bot.db.models import Member, ProgramAdmin
from bot.services.admins import add_admin
from tests.conftest import TEAM_ID
from tests.e2e.admin_helpers import ADMIN, add_admin_user
from tests.e2e.helpers import command_reply, visible_text

MANIFEST = yaml.safe_load(open("manifest.yml").read())  # noqa: SIM115 - read once


def admins(deps) -> list[str]:
    with deps.sessions() as session:
        return sorted(session.scalars(select(ProgramAdmin.slack_user_id)))


def mrkdwn_of(reply: dict) -> str:
    """The mrkdwn of the reply's blocks, as Slack would render it (escapes and all)."""
    found = []
    for block in reply.get("blocks") or []:
        parts = [block["text"]] if "text" in block else block.get("elements") or []
        found += [part["text"] for part in parts if part.get("type") == "mrkdwn"]
    return "\n".join(found)


def test_the_manifest_asks_slack_to_escape_the_command_text():
    [command] = MANIFEST["features"]["slash_commands"]
    assert command["should_escape"] is True


@pytest.fixture
def admin(fake_slack):
    add_admin_user(fake_slack)
    fake_slack.add_user("U2", name="grace", display_name="Grace Hopper", real_name="Grace Hopper")
    fake_slack.add_user("U3", name="ada", display_name="Ada", real_name="Ada Lovelace")
    fake_slack.add_user("UA1", name="alex.b", display_name="Alex", real_name="Alex Brown")
    fake_slack.add_user("UA2", name="alex.c", display_name="Alex", real_name="Alex Chen")
    return ADMIN


@pytest.mark.parametrize(
    ("typed", "user_id"),
    [
        ("<@U2|grace>", "U2"),  # picked from Slack's list, escaped with the handle
        ("<@U2>", "U2"),  # escaped without a label
        ("@Grace Hopper", "U2"),  # unescaped: display name with a space
        ("@grace   hopper", "U2"),  # any case and spacing
        ("@grace", "U2"),  # the handle
        ("@Ada Lovelace", "U3"),  # the full name
    ],
)
def test_admin_add_names_someone_new_to_the_app_in_every_form(
    slack, fake_slack, deps, admin, typed, user_id
):
    reply = command_reply(slack, fake_slack, f"admin add {typed}", user_id=admin)

    assert reply["response_type"] == "ephemeral"
    assert f"<@{user_id}> is now a program admin" in visible_text(reply)
    assert admins(deps) == [user_id]
    with deps.sessions() as session:  # naming an admin doesn't sign anyone up
        assert session.scalars(select(Member)).all() == []


def test_a_name_several_people_share_is_answered_with_the_choices(slack, fake_slack, deps, admin):
    reply = command_reply(slack, fake_slack, "admin add @alex", user_id=admin)

    words = visible_text(reply)
    assert "2 people are called “@alex”" in words and "<@UA1>, <@UA2>" in words
    assert admins(deps) == []
    # The mention Slack sends once they pick one settles it.
    picked = command_reply(slack, fake_slack, "admin add <@UA2|alex.c>", user_id=admin)
    assert "<@UA2> is now a program admin" in visible_text(picked)


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("@Nobody Here", "couldn't find anyone called “@Nobody Here”"),
        ("@A &amp; B", "couldn't find anyone called “@A &amp; B”"),
        ("<#C0123ABC|general>", "“#general” is a channel, not a person"),
        ("<!here>", "“@here” is a group of people"),
        ("<@U2|grace> <@U3|ada>", "name one person at a time"),
    ],
)
def test_who_is_not_one_person_gets_a_clear_answer(slack, fake_slack, deps, admin, typed, answer):
    reply = command_reply(slack, fake_slack, f"admin add {typed}", user_id=admin)

    assert reply["response_type"] == "ephemeral"
    assert answer in mrkdwn_of(reply)
    assert admins(deps) == []


def test_admin_remove_reads_a_plain_name_too(slack, fake_slack, deps, admin):
    command_reply(slack, fake_slack, "admin add <@U2|grace>", user_id=admin)
    reply = command_reply(slack, fake_slack, "admin remove @Grace Hopper", user_id=admin)
    assert "no longer a program admin" in visible_text(reply)
    assert admins(deps) == []


@pytest.mark.parametrize(
    ("sent", "shown"),
    [
        # What the person typed -> what Slack sends -> what the reply's mrkdwn holds, which
        # Slack renders back as exactly what they typed: escaped once, never twice.
        ("offer R&amp;D", "“R&amp;D” is not a skill"),
        ("offer C&amp;C++", "“C&amp;C++” is not a skill"),
        ("offer &lt;!channel&gt;", "“&lt;!channel&gt;” is not a skill"),
        ("find AT&amp;amp;T", "“AT&amp;amp;T” is not a skill"),
        ("ofer R&amp;D", "/mentor offer R&amp;D"),
        ("offer <@U2|grace>", "“@grace” is a person, not a skill"),
        ("request <#C0123ABC|general>", "“#general” is a channel, not a skill"),
    ],
)
def test_skill_text_is_unescaped_once_and_escaped_once_in_the_answer(
    slack, fake_slack, deps, sent, shown
):
    fake_slack.add_user("U1", display_name="Ada")
    reply = command_reply(slack, fake_slack, sent, user_id="U1")

    rendered = mrkdwn_of(reply)
    assert shown in rendered
    assert "&amp;amp;" not in rendered.replace("AT&amp;amp;T", "")
    with deps.sessions() as session:
        assert session.scalars(select(Member)).all() == []  # nothing stored, nobody signed up


def test_skills_with_symbols_still_save_from_escaped_text(slack, fake_slack, deps):
    fake_slack.add_user("U1", display_name="Ada")
    reply = command_reply(slack, fake_slack, "offer C++, C#, .NET level 4", user_id="U1")
    assert "Thanks! You now offer" in reply["text"]
    with deps.sessions() as session:
        [member] = session.scalars(select(Member).where(Member.team_id == TEAM_ID)).all()
        assert member.slack_user_id == "U1"
    fake_slack.wait_for("views.publish")  # the listener's last step, before teardown


def test_someone_who_left_can_be_taken_off_by_name(slack, fake_slack, deps, admin):
    fake_slack.add_user("U9", display_name="Old Admin", deleted=True)
    with deps.sessions.begin() as session:
        add_admin(session, team_id=TEAM_ID, user_id="U9", added_by=admin)
    reply = command_reply(slack, fake_slack, "admin remove @Old Admin", user_id=admin)
    assert "<@U9> is no longer a program admin" in visible_text(reply)
    assert admins(deps) == []
