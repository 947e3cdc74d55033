"""What people and admins see when Slack refuses a call: a form opened too late, a
permission the app lacks. Slack's refusals come from the strict fake, as Slack sends them."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from bot.core import ids
from bot.db.models import OutboxMessage
from tests.e2e.admin_helpers import (
    ADMIN,
    add_admin_user,
    command,
    home_container,
    published_home,
    reply_to,
    settings_values,
)
from tests.e2e.cycle_helpers import buttons as cycle_buttons
from tests.e2e.cycle_helpers import tick_and_deliver
from tests.e2e.helpers import action_reply, command_reply, visible_text
from tests.e2e.test_checkins import checkin_posts, start_pair, week
from tests.e2e.test_round import seed_workspace
from tests.support.slack_rules import manifest_bot_scopes

SLOW = 4.0  # seconds: a trigger this old has expired (Slack keeps them for 3)


def test_a_form_opened_too_late_from_a_command_asks_to_try_again(slack, fake_slack):
    fake_slack.add_user("U1")
    reply = command_reply(slack, fake_slack, "offer", trigger_age=SLOW)
    (opened,) = fake_slack.calls_to("views.open")
    assert opened.error == "expired_trigger_id"
    words = visible_text(reply)
    assert "didn't let me open the form in time" in words
    assert "something went wrong" not in words


def test_a_form_opened_too_late_from_a_checkin_button_asks_to_try_again(
    slack, fake_slack, deps, clock
):
    channel = start_pair(deps, fake_slack, clock)
    week(deps, clock)
    checkin_id = cycle_buttons(checkin_posts(fake_slack)[0])[ids.CHECKIN_MET]
    reply = action_reply(
        slack,
        fake_slack,
        ids.CHECKIN_NOTE,
        value=checkin_id,
        user_id="U2",
        channel_id=channel,
        trigger_age=SLOW,
    )
    assert fake_slack.calls_to("views.open")[0].error == "expired_trigger_id"
    assert reply["response_type"] == "ephemeral" and reply["replace_original"] is False
    words = visible_text(reply)
    assert "didn't let me open the form in time" in words
    assert "something went wrong" not in words
    # Clicking again (a fresh trigger) opens the form.
    slack.action(ids.CHECKIN_NOTE, value=checkin_id, user_id="U2", channel_id=channel)
    assert fake_slack.wait_for("views.open", count=2)[-1].ok


def test_a_form_opened_too_late_from_app_home_is_explained_in_a_dm(slack, fake_slack, caplog):
    add_admin_user(fake_slack)
    with caplog.at_level(logging.WARNING):
        response = slack.action(
            ids.ADMIN_OPEN_SETTINGS,
            user_id=ADMIN,
            value="settings",
            view=home_container(ADMIN),
            trigger_age=SLOW,
        )
        assert response.status == 200
        (dm,) = fake_slack.wait_for("chat.postMessage")
    assert fake_slack.calls_to("views.open")[0].error == "expired_trigger_id"
    assert dm.ok and dm.params["channel"] == ADMIN
    assert "didn't let me open the form in time" in visible_text(dm.params)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "not a bug of ours"


def test_a_missing_permission_is_named_to_the_admin(slack, fake_slack, caplog):
    add_admin_user(fake_slack)
    fake_slack.set_scopes("T1", manifest_bot_scopes() - {"files:write"})
    with caplog.at_level(logging.ERROR):
        name = command(slack, fake_slack, "admin export")
        assert "on its way" in visible_text(reply_to(fake_slack, name))
        refusal = visible_text(reply_to(fake_slack, name, count=2))
    assert fake_slack.calls_to("files.getUploadURLExternal")[0].error == "missing_scope"
    assert "`files:write` permission" in refusal and "reinstall" in refusal
    assert "Traceback" not in refusal and "something went wrong" not in refusal
    (logged,) = [r for r in caplog.records if getattr(r, "needed_scope", None)]
    assert logged.needed_scope == "files:write"


def test_a_missing_permission_on_an_app_home_click_reaches_the_admin_by_dm(slack, fake_slack):
    add_admin_user(fake_slack)
    fake_slack.set_scopes("T1", manifest_bot_scopes() - {"files:write"})
    response = slack.action(
        ids.ADMIN_SEND_CHART, user_id=ADMIN, value="chart", view=home_container(ADMIN)
    )
    assert response.status == 200
    (dm,) = fake_slack.wait_for("chat.postMessage")
    assert dm.ok and dm.params["channel"] == ADMIN
    assert "`files:write` permission" in visible_text(dm.params)


@pytest.mark.parametrize(
    ("channel", "error", "advice"),
    [
        ({"is_member": False}, "not_in_channel", "Invite it there (`/invite @mentorbot`)"),
        (None, "channel_not_found", "Slack can't find that channel for mentorbot"),
        ({"is_archived": True}, "is_archived", "that channel is archived"),
    ],
    ids=["bot-not-invited", "channel-gone", "archived"],
)
def test_an_announcement_slack_refused_is_shown_to_the_admin_in_app_home(
    slack, fake_slack, deps, clock, channel, error, advice
):
    seed_workspace(deps, fake_slack)
    add_admin_user(fake_slack)
    if channel is not None:
        fake_slack.add_channel("CANNOUNCE", name="mentoring", **channel)
    values = settings_values(channel="CANNOUNCE", name_pairs=False)
    assert slack.submit_view(ids.ADMIN_SETTINGS_MODAL, values=values, user_id=ADMIN).status == 200
    assert ":warning:" not in visible_text(published_home(slack, fake_slack, ADMIN))

    clock.advance(hours=1)
    tick_and_deliver(deps)
    (refused,) = [
        c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "CANNOUNCE"
    ]
    assert refused.error == error
    with deps.sessions() as session:
        row = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "announcement"))
        assert [(r.status, r.last_error) for r in row] == [("failed", error)]

    words = visible_text(published_home(slack, fake_slack, ADMIN))
    assert "The last round announcement couldn't be posted in <#CANNOUNCE>" in words
    assert advice in words
    assert ":warning:" not in visible_text(published_home(slack, fake_slack, "U1")), "admins only"


def test_adding_an_admin_slack_no_longer_knows_gets_a_clear_answer(slack, fake_slack, caplog):
    add_admin_user(fake_slack)
    with caplog.at_level(logging.ERROR):
        reply = reply_to(fake_slack, command(slack, fake_slack, "admin add <@UGONE|gone>"))
    (lookup,) = [c for c in fake_slack.calls_to("users.info") if c.params["user"] == "UGONE"]
    assert lookup.error == "user_not_found"
    words = visible_text(reply)
    assert "<@UGONE> is a bot or a deactivated account" in words
    assert "something went wrong" not in words
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
