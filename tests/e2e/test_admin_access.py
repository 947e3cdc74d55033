"""Who is a program admin, and the polite refusal everyone else gets at every admin entry
point: commands, App Home buttons (forged clicks too), modal submissions, options."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import OutboxMessage, ProgramAdmin, Round, Schedule
from bot.services.admin_rounds import preview_round
from tests.e2e.admin_helpers import (
    ADMIN,
    add_admin_user,
    command,
    home_buttons,
    home_container,
    published_home,
    reply_to,
    settings_values,
)
from tests.e2e.cycle_helpers import add_person, ask_for_help, buttons, deliver, finish_setup, posts
from tests.e2e.helpers import visible_text
from tests.e2e.test_checkins import checkin_posts, start_pair, week
from tests.support.slack_requests import modal_view

REFUSED = "only program admins can do that"

ADMIN_COMMANDS = [
    "admin",
    "admin settings",
    "admin preview",
    "admin run",
    "admin skip",
    "admin unskip",
    "admin stats",
    "admin export",
    "admin chart",
    "admin add <@U2|grace>",
    f"admin remove <@{ADMIN}>",
    "admin list",
    "admin help",
]
HOME_BUTTONS = [
    ids.ADMIN_OPEN_SETTINGS,
    ids.ADMIN_OPEN_PREVIEW,
    ids.ADMIN_RUN_NOW,
    ids.ADMIN_SKIP_NEXT,
    ids.ADMIN_UNSKIP_NEXT,
    ids.ADMIN_SEND_CHART,
    ids.ADMIN_SEND_EXPORT,
]
PAGE_BUTTONS = [ids.ADMIN_PREVIEW_NEXT, ids.ADMIN_PREVIEW_PREVIOUS]


@pytest.fixture
def program(deps, fake_slack):
    """An admin, a named admin, and two people who offer and ask (one pair to be made)."""
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    fake_slack.add_user("U7", display_name="Named")
    with deps.sessions.begin() as session:
        session.add(ProgramAdmin(team_id="T1", slack_user_id="U7", added_by=ADMIN))
    finish_setup(deps)


def _nothing_changed(deps, fake_slack, settle):
    settle()  # whatever the refused request started has finished
    with deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Round)) == 0
        assert session.scalars(select(ProgramAdmin.slack_user_id)).all() == ["U7"]
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
        schedule = session.scalar(select(Schedule))
        assert schedule is None or (schedule.weekday, schedule.hour) == (0, 9)
    for method in ("files.getUploadURLExternal", "files.completeUploadExternal", "file_upload"):
        assert not fake_slack.calls_to(method)
    for method in ("views.open", "views.update"):
        for call in fake_slack.calls_to(method):
            assert call.params["view"]["callback_id"] == ids.ADMIN_NOTICE_MODAL
            assert REFUSED in visible_text(call.params["view"]).casefold()


def test_every_admin_command_politely_refuses_everyone_else(
    slack, fake_slack, deps, program, settle
):
    for text in ADMIN_COMMANDS:
        reply = reply_to(fake_slack, command(slack, fake_slack, text, user_id="U1"))
        assert reply["response_type"] == "ephemeral"
        assert REFUSED in visible_text(reply).casefold(), text
        assert "/mentor admin add @you" in visible_text(reply)
    _nothing_changed(deps, fake_slack, settle)
    assert not fake_slack.calls_to("views.open")


@pytest.mark.parametrize("action_id", HOME_BUTTONS)
def test_forged_home_button_clicks_get_a_refusal_and_change_nothing(
    slack, fake_slack, deps, program, settle, action_id
):
    response = slack.action(action_id, user_id="U1", value="2026-W49", view=home_container("U1"))
    assert response.status == 200
    [opened] = fake_slack.wait_for("views.open")
    assert REFUSED in visible_text(opened.params["view"]).casefold()
    _nothing_changed(deps, fake_slack, settle)


@pytest.mark.parametrize("action_id", PAGE_BUTTONS)
def test_forged_preview_page_clicks_get_a_refusal_in_place(
    slack, fake_slack, deps, program, settle, action_id
):
    inside = modal_view(ids.ADMIN_PREVIEW_MODAL, private_metadata=json.dumps({"page": 0}))
    slack.action(action_id, user_id="U1", value="1", view=inside)
    [updated] = fake_slack.wait_for("views.update")
    assert updated.params["view_id"] == inside["id"]
    assert REFUSED in visible_text(updated.params["view"]).casefold()
    _nothing_changed(deps, fake_slack, settle)


def test_forged_settings_submission_is_refused_and_nothing_is_saved(
    slack, fake_slack, deps, program, settle
):
    values = settings_values(weekday="4", at="15:30", cooldown="0")
    response = slack.submit_view(ids.ADMIN_SETTINGS_MODAL, values=values, user_id="U1")
    answer = response.json()
    assert answer["response_action"] == "update"
    assert REFUSED in visible_text(answer["view"]).casefold()
    _nothing_changed(deps, fake_slack, settle)


def test_forged_run_now_submission_is_refused_even_with_a_real_preview(
    slack, fake_slack, deps, program, settle
):
    preview = preview_round(deps, "T1")
    metadata = json.dumps({"period": preview.period, "fingerprint": preview.fingerprint})
    response = slack.submit_view(
        ids.ADMIN_PREVIEW_MODAL, values={}, user_id="U1", private_metadata=metadata
    )
    assert REFUSED in visible_text(response.json()["view"]).casefold()
    _nothing_changed(deps, fake_slack, settle)


def test_time_zone_suggestions_only_for_admins(slack, fake_slack, deps, program):
    assert slack.options(ids.ADMIN_TIMEZONE, "lond", user_id="U1").json() == {"options": []}
    offered = slack.options(ids.ADMIN_TIMEZONE, "lond", user_id=ADMIN).json()["options"]
    assert [o["value"] for o in offered] == ["Europe/London"]
    assert offered[0]["text"]["text"] == "Europe/London (UTC+00:00)"
    # Block Kit takes at most 100 options: an empty query gets the first 100 of ~490.
    everything = slack.options(ids.ADMIN_TIMEZONE, "", user_id=ADMIN).json()["options"]
    assert len(everything) == 100


def test_app_home_shows_the_admin_section_to_admins_only(slack, fake_slack, deps, program):
    everyone = published_home(slack, fake_slack, "U1")
    assert not set(home_buttons(everyone)) & set(HOME_BUTTONS)
    assert "Program admin" not in visible_text(everyone)

    admin = published_home(slack, fake_slack, ADMIN)
    assert set(HOME_BUTTONS) - {ids.ADMIN_UNSKIP_NEXT} <= set(home_buttons(admin))
    assert "Program health" in visible_text(admin)
    assert "Next round:" in visible_text(admin)


def test_owners_named_admins_and_demotion(slack, fake_slack, deps, program):
    fake_slack.add_user("UOWN", is_owner=True)
    assert "People taking part" in visible_text(
        reply_to(fake_slack, command(slack, fake_slack, "admin stats", user_id="UOWN"))
    )
    assert "People taking part" in visible_text(
        reply_to(fake_slack, command(slack, fake_slack, "admin stats", user_id="U7"))
    )
    # Slack takes admin rights away: the next request is refused, without any delay.
    add_admin_user(fake_slack, is_admin=False)
    reply = reply_to(fake_slack, command(slack, fake_slack, "admin stats"))
    assert REFUSED in visible_text(reply).casefold()


def test_admins_add_and_remove_program_admins(slack, fake_slack, deps, program):
    added = reply_to(fake_slack, command(slack, fake_slack, "admin add <@U2|grace>"))
    assert "<@U2> is now a program admin" in visible_text(added)
    again = reply_to(fake_slack, command(slack, fake_slack, "admin add U2"))
    assert "already a program admin" in visible_text(again)
    assert "People taking part" in visible_text(
        reply_to(fake_slack, command(slack, fake_slack, "admin stats", user_id="U2"))
    )
    # A bare @name (mentions sent unescaped) is looked up among the workspace's people.
    by_name = reply_to(fake_slack, command(slack, fake_slack, "admin add @ada"))
    assert "<@U1> is now a program admin" in visible_text(by_name)
    unknown = reply_to(fake_slack, command(slack, fake_slack, "admin add @nobody.here"))
    assert "couldn't find anyone" in visible_text(unknown)
    fake_slack.add_user("UBOT2", is_bot=True)
    bot = reply_to(fake_slack, command(slack, fake_slack, "admin add <@UBOT2>"))
    assert "a bot or a deactivated account" in visible_text(bot)
    workspace = reply_to(fake_slack, command(slack, fake_slack, f"admin add <@{ADMIN}>"))
    assert "workspace owner or admin in Slack" in visible_text(workspace)
    listed = reply_to(fake_slack, command(slack, fake_slack, "admin list"))
    assert all(f"<@{u}>" in visible_text(listed) for u in ("U1", "U2", "U7"))

    removed = reply_to(fake_slack, command(slack, fake_slack, "admin remove <@U2>"))
    assert "no longer a program admin" in visible_text(removed)
    refused = reply_to(fake_slack, command(slack, fake_slack, "admin stats", user_id="U2"))
    assert REFUSED in visible_text(refused).casefold()
    stays = reply_to(fake_slack, command(slack, fake_slack, f"admin remove <@{ADMIN}>"))
    assert "they stay a program admin" in visible_text(stays)
    with deps.sessions() as session:
        assert sorted(session.scalars(select(ProgramAdmin.slack_user_id))) == ["U1", "U7"]


def test_admin_typos_get_a_suggestion(slack, fake_slack, deps, program):
    reply = reply_to(fake_slack, command(slack, fake_slack, "admin stat"))
    assert "/mentor admin stats" in visible_text(reply)
    missing = reply_to(fake_slack, command(slack, fake_slack, "admin add"))
    assert "/mentor admin add @someone" in visible_text(missing)


def test_need_help_reaches_named_and_workspace_admins_reading_users_list_once(
    slack, fake_slack, deps, clock, settle
):
    start_pair(deps, fake_slack, clock)
    fake_slack.add_user("U7", display_name="Named")
    with deps.sessions.begin() as session:
        session.add(ProgramAdmin(team_id="T1", slack_user_id="U7", added_by="UADMIN"))
    week(deps, clock)
    checkin_id = buttons(checkin_posts(fake_slack)[0])[ids.CHECKIN_MET]
    for user in ("U1", "U2"):
        ask_for_help(slack, fake_slack, checkin_id, user_id=user)
    settle()
    deliver(deps)
    asked = [
        c
        for c in posts(fake_slack, channel_prefix="D")
        if "asked for help" in visible_text(c.params)
    ]
    recipients = sorted(
        {
            c.params["users"]
            for c in fake_slack.calls_to("conversations.open")
            if c.params["users"] in ("U7", "UADMIN")
        }
    )
    assert recipients == ["U7", "UADMIN"]
    assert len(asked) == 4  # two people asked, two admins each
    assert "as a program admin" in visible_text(asked[0].params)
    # Both clicks were served by one read of the workspace's admins (kept for 10 minutes).
    assert len(fake_slack.calls_to("users.list")) == 1


def test_app_home_still_publishes_when_slack_cannot_say_who_someone_is(slack, fake_slack, deps):
    fake_slack.error_next("users.info", "user_not_found")
    view = published_home(slack, fake_slack, "UNEW")
    assert "Mentoring" in visible_text(view) and "Program admin" not in visible_text(view)
