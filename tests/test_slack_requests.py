"""The Slack request builders, checked against Bolt's own parsing and signature checks."""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from slack_bolt import App, BoltRequest
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from tests.support import slack_requests as sr
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackClient

pytestmark = pytest.mark.db_independent

SECRET = "test-signing-secret"


def bolt_request(body: bytes, content_type: str = sr.FORM, **headers: str) -> BoltRequest:
    """A BoltRequest exactly as Bolt's HTTP adapters build one from the raw request."""
    return BoltRequest(
        body=body.decode(),
        headers={**sr.signed_headers(body, secret=SECRET, content_type=content_type), **headers},
    )


def payload_of(body: bytes) -> dict[str, Any]:
    (raw,) = parse_qs(body.decode())["payload"]
    return json.loads(raw)


# ---------------------------------------------------------------------- signatures


def test_signature_matches_slack_sdk() -> None:
    body = sr.slash_command("offer python", user_id="U1")
    now = int(time.time())
    verifier = SignatureVerifier(SECRET)
    signature = sr.sign(body, secret=SECRET, timestamp=now)
    assert signature.startswith("v0=")
    assert signature == verifier.generate_signature(timestamp=str(now), body=body)
    assert verifier.is_valid(body, str(now), signature)
    headers = sr.signed_headers(body, secret=SECRET, timestamp=now)
    assert headers["X-Slack-Request-Timestamp"] == str(now)
    assert verifier.is_valid_request(body, headers)


def test_signature_rejects_tampered_old_and_foreign_requests() -> None:
    body = sr.slash_command("offer python", user_id="U1")
    verifier = SignatureVerifier(SECRET)
    now = int(time.time())
    signature = sr.sign(body, secret=SECRET, timestamp=now)
    assert not verifier.is_valid(body + b"&text=rm", str(now), signature)
    old = now - 6 * 60
    assert not verifier.is_valid(body, str(old), sr.sign(body, secret=SECRET, timestamp=old))
    assert not verifier.is_valid(body, str(now), sr.sign(body, secret="other", timestamp=now))


# ---------------------------------------------------------------------- parsing by Bolt


def test_slash_command_has_every_field_slack_sends() -> None:
    body = sr.slash_command(
        "offer python", user_id="U1", channel_id="C9", response_url="https://r", trigger_id="t"
    )
    request = bolt_request(body)
    assert set(request.body) == {
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
    }
    assert (request.body["command"], request.body["text"]) == ("/mentor", "offer python")
    context = request.context
    assert (context.team_id, context.user_id, context.channel_id) == ("T1", "U1", "C9")
    assert context.response_url == "https://r" and context.enterprise_id is None
    assert context.is_enterprise_install is False


def test_slash_command_in_an_enterprise_grid() -> None:
    request = bolt_request(sr.slash_command("list", user_id="W1", enterprise_id="E1"))
    assert request.context.enterprise_id == "E1"
    assert request.body["enterprise_name"]


def test_slash_command_defaults_are_fresh() -> None:
    one = parse_qs(sr.slash_command("x", user_id="U1").decode())
    two = parse_qs(sr.slash_command("x", user_id="U1").decode())
    assert one["response_url"] != two["response_url"]
    assert one["trigger_id"] != two["trigger_id"]


def test_block_actions_on_a_message() -> None:
    body = sr.block_actions("join", value="p-1", user_id="U2", team_id="T2", channel_id="C5")
    request = bolt_request(body)
    payload = request.body
    assert payload["type"] == "block_actions"
    (action,) = payload["actions"]
    assert (action["action_id"], action["value"], action["type"]) == ("join", "p-1", "button")
    assert action["block_id"] and action["action_ts"]
    assert payload["container"]["type"] == "message"
    assert payload["container"]["message_ts"] == payload["message"]["ts"]
    assert payload["trigger_id"] and payload["api_app_id"] == sr.API_APP_ID
    context = request.context
    assert (context.team_id, context.user_id, context.channel_id) == ("T2", "U2", "C5")
    assert context.response_url == payload["response_url"]


def test_block_actions_in_a_modal_with_a_select() -> None:
    view = sr.modal_view("offer", team_id="T3", private_metadata="42")
    body = sr.block_actions(
        "pick",
        user_id="U3",
        team_id="T3",
        view=view,
        action_type="static_select",
        selected_option=sr.option("python", "Python"),
    )
    payload = bolt_request(body).body
    assert payload["container"] == {"type": "view", "view_id": view["id"]}
    assert payload["view"]["private_metadata"] == "42"
    assert "response_url" not in payload and "channel" not in payload
    assert payload["actions"][0]["selected_option"] == {
        "text": {"type": "plain_text", "text": "Python", "emoji": True},
        "value": "python",
    }
    assert bolt_request(body).context.team_id == "T3"


def test_view_submission_state_values() -> None:
    values = {
        "name": {"name_input": sr.plain_text_input("Ada")},
        "bare": {"bare_input": "shorthand"},
        "skill": {"skill_select": sr.static_select("python", "Python")},
        "skills": {"skills_select": sr.multi_static_select(["python", "go"])},
        "ext": {"ext_select": sr.external_select("sql")},
        "exts": {"exts_select": sr.multi_external_select(["sql", sr.option("k8s", "K8s")])},
        "days": {"days_boxes": sr.checkboxes(["mon", "tue"])},
        "level": {"level_radio": sr.radio_buttons("3")},
        "start": {"start_date": sr.datepicker("2026-01-05")},
        "mentor": {"mentor_user": sr.users_select("U7")},
        "peers": {"peer_users": sr.multi_users_select(["U8", "U9"])},
        "hours": {"hours_input": sr.number_input(2)},
        "empty": {"empty_select": sr.static_select(None)},
    }
    body = sr.view_submission(
        "offer", values=values, user_id="U1", private_metadata="meta", view_id="V1", hash="h"
    )
    request = bolt_request(body)
    payload = request.body
    assert payload["type"] == "view_submission"
    view = payload["view"]
    assert (view["id"], view["callback_id"], view["hash"]) == ("V1", "offer", "h")
    assert view["private_metadata"] == "meta" and view["type"] == "modal"
    state = view["state"]["values"]
    assert state["name"]["name_input"] == {"type": "plain_text_input", "value": "Ada"}
    assert state["bare"]["bare_input"]["value"] == "shorthand"
    assert state["skill"]["skill_select"]["selected_option"]["value"] == "python"
    assert state["skill"]["skill_select"]["selected_option"]["text"]["text"] == "Python"
    assert [o["value"] for o in state["skills"]["skills_select"]["selected_options"]] == [
        "python",
        "go",
    ]
    assert state["ext"]["ext_select"]["type"] == "external_select"
    assert state["exts"]["exts_select"]["selected_options"][1]["text"]["text"] == "K8s"
    assert state["days"]["days_boxes"]["type"] == "checkboxes"
    assert state["level"]["level_radio"]["selected_option"]["value"] == "3"
    assert state["start"]["start_date"]["selected_date"] == "2026-01-05"
    assert state["mentor"]["mentor_user"]["selected_user"] == "U7"
    assert state["peers"]["peer_users"]["selected_users"] == ["U8", "U9"]
    assert state["hours"]["hours_input"] == {"type": "number_input", "value": "2"}
    assert state["empty"]["empty_select"]["selected_option"] is None
    assert (request.context.team_id, request.context.user_id) == ("T1", "U1")
    assert payload["response_urls"] == []


def test_view_closed_and_block_suggestion_shapes() -> None:
    closed = bolt_request(sr.view_closed("offer", user_id="U1")).body
    assert closed["type"] == "view_closed" and closed["is_cleared"] is False
    assert closed["view"]["callback_id"] == "offer"
    suggestion = bolt_request(
        sr.block_suggestion("skill_search", "pyt", user_id="U1", team_id="T1", block_id="b")
    )
    assert suggestion.body["type"] == "block_suggestion"
    assert (suggestion.body["action_id"], suggestion.body["value"]) == ("skill_search", "pyt")
    assert suggestion.body["block_id"] == "b"
    assert suggestion.context.user_id == "U1"


def test_event_callback_shape() -> None:
    event = {"type": "app_home_opened", "user": "U4", "channel": "D1", "tab": "home"}
    body = sr.event_callback(event, team_id="T4", event_id="Ev1", event_time=1_700_000_000)
    request = bolt_request(body, sr.JSON)
    payload = request.body
    assert payload["type"] == "event_callback" and payload["event"] == event
    assert (payload["event_id"], payload["event_time"]) == ("Ev1", 1_700_000_000)
    assert payload["api_app_id"] == sr.API_APP_ID
    assert payload["authorizations"][0]["team_id"] == "T4"
    assert (request.context.team_id, request.context.user_id) == ("T4", "U4")
    grid = bolt_request(sr.event_callback(event, team_id="T5", enterprise_id="E5"), sr.JSON)
    assert grid.context.enterprise_id == "E5"


def test_url_verification_shape() -> None:
    assert json.loads(sr.url_verification("c-1")) == {
        "token": sr.VERIFICATION_TOKEN,
        "challenge": "c-1",
        "type": "url_verification",
    }


# ---------------------------------------------------------------------- Bolt dispatch


@pytest.fixture
def offline_app() -> tuple[App, queue.Queue[tuple[str, dict[str, Any]]]]:
    """A Bolt app that checks signatures and records which listener got what."""

    def authorize(enterprise_id: str | None, team_id: str | None, **_: Any) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=enterprise_id,
            team_id=team_id,
            bot_token="xoxb-test",
            bot_user_id="UBOT",
            bot_id="B1",
        )

    app = App(signing_secret=SECRET, authorize=authorize)
    seen: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()

    @app.command("/mentor")
    def on_command(ack, command):
        ack()
        seen.put(("command", command))

    @app.action("join")
    def on_action(ack, body):
        ack()
        seen.put(("action", body))

    @app.view("offer")
    def on_submit(ack, view):
        ack()
        seen.put(("view", view))

    @app.view_closed("offer")
    def on_closed(ack, body):
        ack()
        seen.put(("closed", body))

    @app.options("skill_search")
    def on_options(ack, payload):
        ack(options=[{"text": {"type": "plain_text", "text": "Python"}, "value": "python"}])
        seen.put(("options", payload))

    @app.event("app_home_opened")
    def on_home(event):
        seen.put(("event", event))

    return app, seen


@pytest.mark.parametrize(
    ("body", "content_type", "listener"),
    [
        (sr.slash_command("help", user_id="U1"), sr.FORM, "command"),
        (sr.block_actions("join", value="1", user_id="U1"), sr.FORM, "action"),
        (sr.view_submission("offer", values={}, user_id="U1"), sr.FORM, "view"),
        (sr.view_closed("offer", user_id="U1"), sr.FORM, "closed"),
        (sr.block_suggestion("skill_search", "py", user_id="U1", team_id="T1"), sr.FORM, "options"),
        (sr.event_callback({"type": "app_home_opened", "user": "U1"}), sr.JSON, "event"),
    ],
    ids=["command", "action", "view_submission", "view_closed", "options", "event"],
)
def test_bolt_routes_each_request_to_its_listener(
    offline_app: tuple[App, queue.Queue[tuple[str, dict[str, Any]]]],
    body: bytes,
    content_type: str,
    listener: str,
) -> None:
    app, seen = offline_app
    response = app.dispatch(bolt_request(body, content_type))
    assert response.status == 200, response.body
    name, _ = seen.get(timeout=5)
    assert name == listener
    if listener == "options":
        assert json.loads(response.body)["options"][0]["value"] == "python"


def test_bolt_answers_url_verification(
    offline_app: tuple[App, queue.Queue[tuple[str, dict[str, Any]]]],
) -> None:
    app, _ = offline_app
    response = app.dispatch(bolt_request(sr.url_verification("xyz"), sr.JSON))
    assert response.status == 200 and json.loads(response.body) == {"challenge": "xyz"}


def test_bolt_rejects_bad_signatures(
    offline_app: tuple[App, queue.Queue[tuple[str, dict[str, Any]]]],
) -> None:
    app, seen = offline_app
    body = sr.slash_command("help", user_id="U1")
    old = sr.signed_headers(body, secret=SECRET, timestamp=int(time.time()) - 6 * 60)
    assert app.dispatch(BoltRequest(body=body.decode(), headers=old)).status == 401
    tampered = bolt_request(body)
    forged = BoltRequest(body=body.decode() + "&x=1", headers=tampered.headers)
    assert app.dispatch(forged).status == 401
    assert seen.empty()


# ---------------------------------------------------------------------- over HTTP


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def live_app(fake: FakeSlack) -> Iterator[tuple[str, queue.Queue[tuple[str, Any]]]]:
    """A Bolt app served over HTTP whose Web API client talks to the fake."""
    app = App(
        signing_secret=SECRET,
        token="xoxb-test",
        client=WebClient(token="xoxb-test", base_url=fake.base_url),
    )
    seen: queue.Queue[tuple[str, Any]] = queue.Queue()

    @app.command("/mentor")
    def on_command(ack, command, respond):
        ack()
        respond(text=f"you said {command['text']}", response_type="ephemeral")

    @app.action("join")
    def on_action(ack, respond, action):
        ack()
        respond(text=f"joined {action['value']}", replace_original=True)

    @app.event("app_home_opened")
    def on_home(event, request, client):
        home = {"type": "home", "blocks": [{"type": "divider"}]}
        client.views_publish(user_id=event["user"], view=home)
        seen.put(("event", request.headers))

    server: WSGIServer = make_server(
        "127.0.0.1", 0, SlackRequestHandler(app), handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_client_command_respond_lands_in_the_fake(
    live_app: tuple[str, queue.Queue[tuple[str, Any]]], fake: FakeSlack
) -> None:
    url, _ = live_app
    slack = SlackClient(url, signing_secret=SECRET, fake=fake)
    response = slack.command("offer python", user_id="U1")
    assert response.status == 200, response.text
    (call,) = fake.wait_for("response_url")
    assert call.params["text"] == "you said offer python"
    assert call.params["response_type"] == "ephemeral"
    assert call.params["_name"]


def test_client_action_respond_lands_in_the_fake(
    live_app: tuple[str, queue.Queue[tuple[str, Any]]], fake: FakeSlack
) -> None:
    url, _ = live_app
    slack = SlackClient(url, signing_secret=SECRET, fake=fake)
    assert slack.action("join", value="p1").status == 200
    (call,) = fake.wait_for("response_url")
    assert (call.params["text"], call.params["replace_original"]) == ("joined p1", True)


def test_client_event_with_retry_headers(
    live_app: tuple[str, queue.Queue[tuple[str, Any]]], fake: FakeSlack
) -> None:
    url, seen = live_app
    slack = SlackClient(url, signing_secret=SECRET, fake=fake)
    fake.add_user("U1")
    event = {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    response = slack.event(event, retry_num=1, retry_reason="http_timeout")
    assert response.status == 200
    _, headers = seen.get(timeout=5)
    assert headers["x-slack-retry-num"] == ["1"]
    assert headers["x-slack-retry-reason"] == ["http_timeout"]
    (publish,) = fake.wait_for("views.publish")
    assert publish.params["user_id"] == "U1"


def test_client_url_verification(live_app: tuple[str, queue.Queue[tuple[str, Any]]]) -> None:
    url, _ = live_app
    response = SlackClient(url, signing_secret=SECRET).verify_url("challenge-1")
    assert response.status == 200 and response.json() == {"challenge": "challenge-1"}


@pytest.mark.parametrize(
    "forgery",
    [
        {"unsigned": True},
        {"tamper": True},
        {"wrong_signature": True},
        {"timestamp": int(time.time()) - 6 * 60},
    ],
    ids=["unsigned", "tampered", "wrong-secret", "six-minutes-old"],
)
def test_client_forgeries_are_rejected_by_bolt(
    live_app: tuple[str, queue.Queue[tuple[str, Any]]], fake: FakeSlack, forgery: dict[str, Any]
) -> None:
    url, _ = live_app
    slack = SlackClient(url, signing_secret=SECRET, fake=fake)
    response = slack.command("offer python", **forgery)
    assert response.status == 401
    assert response.json() == {"error": "invalid request"}
    time.sleep(0.2)
    assert fake.calls_to("response_url") == []


def test_client_post_and_response_helpers(
    live_app: tuple[str, queue.Queue[tuple[str, Any]]],
) -> None:
    url, _ = live_app
    slack = SlackClient(url, signing_secret=SECRET)
    response = slack.post("/nowhere", b"{}", headers={"Content-Type": sr.JSON})
    assert response.status == 404
    assert response.text == response.body.decode()
