"""Only requests signed with our secret in the last five minutes reach a listener, in
every HTTP configuration (one workspace with a bot token, many with OAuth)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from slack_bolt import App
from sqlalchemy import func, select

from bot.db.models import Base, Offer
from tests.conftest import SIGNING_SECRET
from tests.e2e.helpers import command_reply
from tests.support.oauth import oauth_deps_for, running
from tests.support.slack_requests import SlackClient
from tests.support.transports import wait_for_listeners

FORGERIES = [{"unsigned": True}, {"tamper": True}, {"wrong_signature": True}, {"stale": True}]
FORGERY_IDS = ["unsigned", "tampered", "wrong-secret", "six-minutes-old"]


def send_options(forgery: dict[str, bool]) -> dict[str, object]:
    # Dated when sent, so "six minutes old" stays six minutes old however long the run.
    if forgery.get("stale"):
        return {"timestamp": int(time.time()) - 6 * 60}
    return dict(forgery)


def forgeries() -> list[dict[str, object]]:
    return [send_options(forgery) for forgery in FORGERIES]


def test_forged_requests_get_401_and_change_nothing(slack, fake_slack, sessions, settle):
    fake_slack.add_user("U1")
    for forgery in forgeries():
        response = slack.command("offer python", user_id="U1", **forgery)
        assert response.status == 401, forgery
    settle()  # a wrongly accepted request would have started a listener: let it finish
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Offer)) == 0
    assert fake_slack.calls_to("users.info") == []
    assert fake_slack.calls_to("response_url") == []


def snapshot(sessions) -> dict[str, int]:
    with sessions() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture(params=["single-workspace", "oauth"])
def any_mode(request, fake_slack, engine, sessions, clock) -> Iterator[tuple[SlackClient, App]]:
    """The running app in each HTTP configuration, with one workspace in use."""
    if request.param == "single-workspace":
        slack = request.getfixturevalue("slack")
        app = request.getfixturevalue("bot").app
    else:
        deps = oauth_deps_for(fake_slack, engine, sessions, clock)
        stack = running(deps)
        bot = stack.__enter__()
        request.addfinalizer(lambda: stack.__exit__(None, None, None))
        bot.install(fake_slack, code="code-1", team_id="T1")
        slack, app = SlackClient(bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack), bot.app
    fake_slack.add_user("U1")
    command_reply(slack, fake_slack, "offer python")
    fake_slack.wait_for("views.publish")  # the Home refresh that follows every change
    wait_for_listeners(app)
    return slack, app


@pytest.mark.parametrize("forgery", FORGERIES, ids=FORGERY_IDS)
@pytest.mark.parametrize(
    "send",
    [
        lambda slack, f: slack.command("request negotiation", **f),
        lambda slack, f: slack.action("show_my_list", **f),
        lambda slack, f: slack.event({"type": "app_uninstalled"}, **f),
        lambda slack, f: slack.event(
            {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}}, **f
        ),
        lambda slack, f: slack.event(
            {"type": "user_change", "user": {"id": "U1", "team_id": "T1", "deleted": True}}, **f
        ),
    ],
    ids=["command", "button", "uninstall", "revoke", "user-deleted"],
)
def test_forgeries_are_refused_in_every_mode_and_store_nothing(
    any_mode, fake_slack, sessions, forgery, send
):
    slack, app = any_mode
    before = snapshot(sessions)
    calls_before = len(fake_slack.calls)
    assert send(slack, send_options(forgery)).status == 401
    wait_for_listeners(app)  # a wrongly accepted request would have started a listener
    assert snapshot(sessions) == before
    assert len(fake_slack.calls) == calls_before
