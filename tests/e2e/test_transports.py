"""The main flows, once over HTTP and once over Socket Mode, with the same scenario code.

Every request is acknowledged within Slack's three seconds; what comes with the ack
(options, a modal's next view) is the same whichever way Slack reached the bot.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import replace

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot.app import create_app
from bot.core import ids
from bot.core.logging_setup import ContextFormatter
from bot.db.models import Expectations
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.entrypoints.socket_mode import make_health_server
from bot.services.records import ensure_skill
from bot.skills.normalise import normalize_skill
from bot.slack.client import interactive_client
from tests.e2e.conftest import APP_TOKEN
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import offers_of, visible_text
from tests.e2e.modal_support import known, offer_values, published_homes
from tests.support import slack_requests as sr
from tests.support.bot_process import clean_env, running_bot
from tests.support.bot_server import ServerThread
from tests.support.fake_socket_mode import FakeSocketMode, envelope_payload
from tests.support.transports import (
    ACK_DEADLINE,
    Answer,
    SocketTransport,
    Transport,
    wait_for_listeners,
)


def acked(answer: Answer) -> Answer:
    assert answer.acked, answer.detail
    assert answer.seconds < ACK_DEADLINE, f"acked after {answer.seconds:.2f} s"
    return answer


@pytest.fixture(autouse=True)
def people(fake_slack):
    fake_slack.add_user("U1", display_name="Ada", tz="Europe/Paris", tz_offset=3600)


def test_offer_by_text(transport: Transport, fake_slack, sessions):
    url = fake_slack.response_url("offer-text")
    answer = acked(transport.command("offer python level 4", response_url=url))
    assert answer.payload is None  # the reply goes to the response_url, after the ack
    fake_slack.wait_for("response_url")
    [reply] = fake_slack.responses("offer-text")
    assert "Python" in visible_text(reply) and "level 4" in visible_text(reply)
    assert offers_of(sessions, "U1") == [("python", 4)]


def test_offer_modal_suggests_skills_in_the_ack_and_its_submission_is_stored(
    transport: Transport, fake_slack, sessions
):
    with transaction(sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        ensure_skill(session, "T1", normalize_skill("Python"))
    trigger = sr.new_trigger_id()
    acked(transport.command("offer", trigger_id=trigger))
    [opened] = fake_slack.wait_for("views.open")
    view = opened.params["view"]
    assert opened.params["trigger_id"] == trigger and view["callback_id"] == ids.OFFER_MODAL

    # Typing "pyt" into the skill picker: the options come back in the ack itself.
    answer = acked(transport.options(ids.OFFER_SKILLS_INPUT, "pyt", view=sr.modal_view("")))
    assert answer.payload is not None
    options = [(o["value"], o["text"]["text"]) for o in answer.payload["options"]]
    assert ("s:python", "Python") in options
    assert options[-1] == ("n:pyt", "Add new skill: pyt")

    # Submitting it: the first offer is stored, and the ack swaps in the profile modal.
    values = offer_values([known("python", "Python")], level="4", capacity="2")
    answer = acked(
        transport.view_submission(
            ids.OFFER_MODAL, values=values, private_metadata=view["private_metadata"]
        )
    )
    assert answer.payload is not None
    assert answer.payload["response_action"] == "update"
    assert answer.payload["view"]["callback_id"] == ids.PROFILE_MODAL
    assert offers_of(sessions, "U1") == [("python", 4)]


def test_a_refused_submission_is_answered_in_the_ack(transport: Transport, sessions):
    answer = acked(transport.view_submission(ids.OFFER_MODAL, values=offer_values([])))
    assert answer.payload is not None and answer.payload["response_action"] == "errors"
    assert list(answer.payload["errors"]) == [ids.OFFER_SKILLS_BLOCK]
    assert offers_of(sessions, "U1") == []


def test_app_home_is_published_when_opened(transport: Transport, fake_slack):
    home = {"type": "app_home_opened", "user": "U1", "tab": "home", "event_ts": "1.0"}
    answer = acked(transport.event(home))
    assert answer.payload is None
    [view] = published_homes(fake_slack, "U1")
    assert view["type"] == "home" and "How it works" in visible_text(view)


def test_a_button_click(transport: Transport, fake_slack):
    acked(transport.command("offer python", response_url=fake_slack.response_url("first")))
    fake_slack.wait_for("response_url")
    url = fake_slack.response_url("list")
    acked(transport.action(ids.SHOW_MY_LIST, value="list", response_url=url))
    fake_slack.wait_for("response_url", count=2)
    [reply] = fake_slack.responses("list")
    assert "Python" in visible_text(reply)


def test_a_click_in_a_rounds_intro(transport: Transport, fake_slack, deps, clock, sessions):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick_and_deliver(deps)  # the first tick schedules the round
    clock.advance(hours=1)
    tick_and_deliver(deps)  # the round runs and its intro is posted
    [made] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    channel = intro.params["channel"]
    assert ids.SET_EXPECTATIONS in buttons(intro)

    trigger = sr.new_trigger_id()
    acked(
        transport.action(
            ids.SET_EXPECTATIONS,
            value=buttons(intro)[ids.SET_EXPECTATIONS],
            user_id="U2",
            channel_id=channel,
            trigger_id=trigger,
        )
    )
    [opened] = fake_slack.wait_for("views.open")
    assert opened.params["trigger_id"] == trigger
    view = opened.params["view"]
    assert view["callback_id"] == ids.EXPECTATIONS_MODAL and "<@U1>" in visible_text(view)

    values = {
        ids.EXPECTATIONS_OBJECTIVE: {ids.EXPECTATIONS_OBJECTIVE: "Ship one automated report"},
        ids.EXPECTATIONS_CADENCE: {ids.EXPECTATIONS_CADENCE: sr.static_select("weekly")},
        ids.EXPECTATIONS_FIRST_MEETING: {ids.EXPECTATIONS_FIRST_MEETING: sr.datepicker(None)},
        ids.EXPECTATIONS_DURATION: {ids.EXPECTATIONS_DURATION: sr.static_select("about_a_month")},
        ids.EXPECTATIONS_SUCCESS: {ids.EXPECTATIONS_SUCCESS: "The report runs by itself"},
        ids.EXPECTATIONS_CONFIDENTIAL: {ids.EXPECTATIONS_CONFIDENTIAL: sr.checkboxes(["agreed"])},
    }
    answer = acked(
        transport.view_submission(
            ids.EXPECTATIONS_MODAL,
            values=values,
            user_id="U2",
            private_metadata=view["private_metadata"],
        )
    )
    assert answer.payload is None  # the modal closes
    transport.wait_for_listeners()
    with sessions() as session:
        [stored] = session.scalars(select(Expectations)).all()
        assert stored.pair_id == made.id and stored.objective == "Ship one automated report"


# ---------------------------------------------------------------- Socket Mode only


@pytest.mark.parametrize("how", ["close", "disconnect", "abrupt"])
def test_a_dropped_connection_comes_back_and_the_next_command_works(
    socket_bot, fake_socket_mode: FakeSocketMode, fake_slack, sessions, how
):
    transport_ = socket_transport(socket_bot, fake_slack, fake_socket_mode)
    opened_before = len(fake_slack.calls_to("apps.connections.open"))
    hellos_before = fake_socket_mode.hellos
    fake_socket_mode.drop(how)
    fake_socket_mode.wait_connected(hellos=hellos_before + 1, timeout=15)
    # A fresh URL was asked for: each one is good for one connection only.
    assert len(fake_slack.calls_to("apps.connections.open")) == opened_before + 1
    acked(transport_.command("offer python"))
    fake_slack.wait_for("response_url")
    assert offers_of(sessions, "U1") == [("python", 3)]
    assert _closed_soon(fake_socket_mode, left=1), "the old connection is still open"


def test_every_envelope_is_acked_once_and_nothing_is_left(
    socket_bot, fake_socket_mode: FakeSocketMode, fake_slack
):
    transport_ = socket_transport(socket_bot, fake_slack, fake_socket_mode)
    acked(transport_.command("offer python"))
    acked(transport_.event({"type": "app_home_opened", "user": "U1", "tab": "home"}))
    acked(transport_.options(ids.OFFER_SKILLS_INPUT, "py"))
    transport_.wait_for_listeners()
    assert fake_socket_mode.unacked == [] and fake_socket_mode.unknown_acks == []
    assert len(fake_socket_mode.acks) == 3


def test_apps_connections_open_takes_app_tokens_only(fake_socket_mode, fake_slack):
    client = WebClient(base_url=fake_slack.base_url)
    assert client.apps_connections_open(app_token=APP_TOKEN)["url"].startswith("ws://127.0.0.1:")
    for token, error in [
        (fake_slack.DEFAULT_TOKEN, "not_allowed_token_type"),
        ("xapp-1-unknown", "invalid_auth"),
        ("nonsense", "invalid_auth"),
    ]:
        with pytest.raises(SlackApiError) as raised:
            client.apps_connections_open(app_token=token)
        assert raised.value.response["error"] == error


def socket_transport(socket_bot, fake_slack, fake_socket_mode) -> Transport:
    return SocketTransport(socket_bot.app, fake_slack, fake_socket_mode)


def test_a_retried_event_is_acked_and_handled_once(
    socket_bot, fake_socket_mode: FakeSocketMode, fake_slack
):
    home = {"type": "app_home_opened", "user": "U1", "tab": "home", "event_ts": "1.0"}
    body = envelope_payload(sr.event_callback(home, event_id="Ev-socket-1"))
    assert fake_socket_mode.request("events_api", body) is not None
    fake_slack.wait_for("views.publish")
    for attempt in (1, 2):  # Slack redelivers when it thinks the ack was lost
        ack = fake_socket_mode.request(
            "events_api", body, retry_attempt=attempt, retry_reason="timeout"
        )
        assert ack is not None and ack.seconds < ACK_DEADLINE
    wait_for_listeners(socket_bot.app)
    assert len(fake_slack.calls_to("views.publish")) == 1


def test_bolts_own_socket_mode_handler_acks_too(
    fake_socket_mode: FakeSocketMode, socket_settings, deps, fake_slack
):
    """Our middleware works with Bolt's plain handler too: it never relies on ours."""
    app = create_app(replace(deps, settings=socket_settings))
    handler = SocketModeHandler(app, APP_TOKEN, web_client=interactive_client(socket_settings))
    handler.connect()
    try:
        fake_socket_mode.wait_connected()
        transport_ = SocketTransport(app, fake_slack, fake_socket_mode)
        acked(transport_.command("offer python"))
        acked(transport_.event({"type": "app_home_opened", "user": "U1", "tab": "home"}))
        answer = acked(transport_.options(ids.OFFER_SKILLS_INPUT, "py"))
        assert answer.payload is not None and answer.payload["options"]
    finally:
        handler.close()


def test_each_envelope_is_one_log_line_with_who_what_and_how_long(
    socket_bot, fake_socket_mode: FakeSocketMode, fake_slack, caplog
):
    caplog.set_level(logging.INFO)
    transport_ = socket_transport(socket_bot, fake_slack, fake_socket_mode)
    acked(transport_.command("offer python my manager shouts"))
    acked(transport_.event({"type": "app_home_opened", "user": "U1", "tab": "home"}))
    wait_for_listeners(socket_bot.app)
    formatter = ContextFormatter("%(levelname)s %(name)s %(message)s")
    lines = [
        formatter.format(record)
        for record in caplog.records
        if record.name == "mentorbot.socket_mode"
    ]
    assert len(lines) == 2, lines
    command, home = lines
    assert re.search(
        r"INFO mentorbot.socket_mode socket mode request team_id=T1 user_id=U1 "
        r'action="/mentor offer" status=200 duration_ms=\d+ request_type=slash_commands',
        command,
    ), command
    assert "action=event:app_home_opened" in home and "request_type=events_api" in home
    assert "manager" not in "\n".join(lines)


def test_mentorbot_run_in_socket_mode_acks_and_stops_cleanly(
    tmp_path, fake_slack, fake_socket_mode: FakeSocketMode
):
    """`mentorbot run` with SLACK_APP_TOKEN, as the README suggests for trying the bot."""
    fake_slack.add_user("U1", display_name="Ada")
    database = tmp_path / "bot.db"
    env = clean_env(
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_BOT_TOKEN=fake_slack.DEFAULT_TOKEN,
        SLACK_API_URL=fake_slack.base_url,
        DATABASE_URL=f"sqlite:///{database}",
    )
    # Healthy once the Socket Mode connection is up.
    with running_bot([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env) as bot:
        fake_socket_mode.wait_connected(timeout=60)
        # A container's health check still has /healthz; Slack's endpoints are not served.
        health = f"{bot.url}/healthz"
        healthy = (200, {"status": "ok", "database": True, "socket_mode": True})
        assert eventually(lambda: get_json(health)) == healthy
        assert get_json(f"{bot.url}/slack/events", data=b"{}")[0] == 404
        transport_ = SocketTransport(None, fake_slack, fake_socket_mode)
        acked(transport_.command("offer social-media", response_url=fake_slack.response_url("r")))
        [reply] = [c.params for c in fake_slack.wait_for("response_url")]
        assert "Social media" in visible_text(reply)
    err = bot.stderr
    assert bot.process.returncode == 0, err
    assert "Traceback" not in err
    assert "starting in Socket Mode" in err and "stopped" in err
    assert _closed_soon(fake_socket_mode), "the connection was left open"


def _closed_soon(fake: FakeSocketMode, *, left: int = 0, timeout: float = 5.0) -> bool:
    """True once no more than `left` connections are open (closing takes a moment)."""
    deadline = time.monotonic() + timeout
    while fake.open_connections > left and time.monotonic() < deadline:
        time.sleep(0.05)
    return fake.open_connections == left


def get_json(url: str, data: bytes | None = None) -> tuple[int, dict | None]:
    try:
        with urllib.request.urlopen(url, data=data, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            body = error.read()
        return error.code, json.loads(body) if body.startswith(b"{") else None


def eventually(read: Callable[[], tuple[int, dict | None]], timeout: float = 10.0):
    """The first 200 answer within `timeout` (the client marks itself connected a moment
    after the server greeted it), else the last answer."""
    deadline = time.monotonic() + timeout
    answer = read()
    while answer[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.05)
        answer = read()
    return answer


def test_health_in_socket_mode_needs_the_database_and_the_connection(socket_bot, deps):
    server = make_health_server(deps.engine, socket_bot.handler, host="127.0.0.1", port=0)
    with ServerThread(server) as running:
        healthy = (200, {"status": "ok", "database": True, "socket_mode": True})
        assert eventually(lambda: get_json(f"{running.url}/healthz")) == healthy
        socket_bot.handler.close()  # the connection to Slack is gone for good
        closed = {"status": "unavailable", "database": True, "socket_mode": False}
        assert get_json(f"{running.url}/healthz") == (503, closed)
        assert get_json(f"{running.url}/slack/install")[0] == 404


def test_an_envelope_bolt_does_not_answer_200_is_logged_as_not_acked(
    socket_bot, fake_socket_mode: FakeSocketMode, caplog
):
    caplog.set_level(logging.INFO)
    unknown = envelope_payload(sr.block_actions("no_such_button", user_id="U1"))
    envelope_id = fake_socket_mode.send("interactive", unknown, accepts_response_payload=False)

    def logged() -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.name == "mentorbot.socket_mode"]

    deadline = time.monotonic() + 10
    while not logged() and time.monotonic() < deadline:
        time.sleep(0.05)
    [record] = logged()
    assert record.levelno == logging.WARNING and record.getMessage() == (
        "socket mode request not acked"
    )
    assert (record.status, record.action) == (404, "action:no_such_button")
    assert fake_socket_mode.wait_ack(envelope_id, timeout=0.5) is None
