"""One way for a scenario to talk to the bot, whichever way Slack reaches it.

A :class:`Transport` sends what a person does in Slack (a slash command, a click, typing
into a skill picker, submitting a modal, an event) and returns the bot's acknowledgement
as an :class:`Answer`:

* :class:`HttpTransport` POSTs signed requests to the bot's request URL, as Slack does
  for an app in HTTP mode; the answer is the HTTP response;
* :class:`SocketTransport` sends envelopes over the fake Socket Mode server, as Slack does
  for an app in Socket Mode; the answer is the envelope's ack.

The payloads are the same in both (built by :mod:`tests.support.slack_requests`), so one
scenario exercises both transports.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt import App

from bot.core.listener_pool import ListenerPool
from tests.support import slack_requests as sr
from tests.support.fake_slack import FakeSlack
from tests.support.fake_socket_mode import FakeSocketMode, envelope_payload
from tests.support.slack_requests import Response, SlackClient

#: Slack gives up on an answer after three seconds.
ACK_DEADLINE = 3.0


@dataclass(frozen=True)
class Answer:
    """How the bot acknowledged one thing Slack sent it."""

    #: True when Slack got a successful acknowledgement (HTTP 200, or an envelope ack).
    acked: bool
    #: What came with the acknowledgement (options, ``response_action`` …), or None.
    payload: dict[str, Any] | None
    #: Seconds from sending to the acknowledgement.
    seconds: float
    #: How Slack saw the failure when not acked (an HTTP status, or "no ack").
    detail: str = ""


def wait_for_listeners(app: App, *, timeout: float = 10.0) -> None:
    """Wait until every listener started by the requests so far (and all they started in
    turn) has finished, so that a test can assert on what did not happen."""
    pool = app.listener_runner.listener_executor
    assert isinstance(pool, ListenerPool), type(pool)
    assert pool.wait_idle(timeout), f"listeners still busy after {timeout} s: {pool.pending}"


class Transport:
    """What scenarios call; see the module docstring."""

    name: str

    def __init__(
        self, app: App | None, fake: FakeSlack, *, user_id: str = "U1", team_id: str = "T1"
    ) -> None:
        self.app = app
        self.fake = fake
        self.user_id = user_id
        self.team_id = team_id

    def _fields(self, kw: dict[str, Any]) -> dict[str, Any]:
        kw.setdefault("user_id", self.user_id)
        kw.setdefault("team_id", self.team_id)
        return kw

    def command(self, text: str, **fields: Any) -> Answer:
        """``/mentor <text>`` (fields of :func:`slack_requests.slash_command`)."""
        fields = self._fields(fields)
        fields.setdefault("response_url", self.fake.response_url())
        return self._send("slash_commands", sr.slash_command(text, **fields))

    def action(self, action_id: str, **fields: Any) -> Answer:
        """A click (fields of :func:`slack_requests.block_actions`)."""
        fields = self._fields(fields)
        if fields.get("view") is None:
            fields.setdefault("response_url", self.fake.response_url())
        return self._send("interactive", sr.block_actions(action_id, **fields))

    def options(self, action_id: str, value: str, **fields: Any) -> Answer:
        """Typing into an external select (fields of :func:`slack_requests.block_suggestion`)."""
        body = sr.block_suggestion(action_id, value, **self._fields(fields))
        return self._send("interactive", body)

    def view_submission(self, callback_id: str, **fields: Any) -> Answer:
        """Submitting a modal (fields of :func:`slack_requests.view_submission`)."""
        fields = self._fields(fields)
        fields.setdefault("values", {})
        return self._send("interactive", sr.view_submission(callback_id, **fields))

    def event(self, event: Mapping[str, Any], **fields: Any) -> Answer:
        """An Events API event (fields of :func:`slack_requests.event_callback`)."""
        fields.setdefault("team_id", self.team_id)
        return self._send("events_api", sr.event_callback(event, **fields))

    def wait_for_listeners(self, timeout: float = 10.0) -> None:
        assert self.app is not None, "the bot runs in another process"
        wait_for_listeners(self.app, timeout=timeout)

    def _send(self, envelope_type: str, body: bytes) -> Answer:
        sr.tell_fake(self.fake, body)
        return self._deliver(envelope_type, body)

    def _deliver(self, envelope_type: str, body: bytes) -> Answer:
        raise NotImplementedError


class HttpTransport(Transport):
    """Signed HTTP requests to the bot's request URL."""

    name = "http"

    def __init__(self, app: App, fake: FakeSlack, slack: SlackClient) -> None:
        super().__init__(app, fake, user_id=slack.user_id, team_id=slack.team_id)
        self.slack = slack

    def _deliver(self, envelope_type: str, body: bytes) -> Answer:
        content_type = sr.JSON if envelope_type == "events_api" else sr.FORM
        started = time.monotonic()
        response = self.slack.send(body, content_type=content_type)
        seconds = time.monotonic() - started
        return Answer(
            acked=response.status == 200,
            payload=_http_payload(response),
            seconds=seconds,
            detail=f"HTTP {response.status}",
        )


def _http_payload(response: Response) -> dict[str, Any] | None:
    """The body as Socket Mode would carry it: JSON as is, plain text as ``{"text": …}``."""
    if response.status != 200 or not response.body.strip():
        return None
    if response.headers.get("content-type", "").startswith("application/json"):
        return json.loads(response.body)
    return {"text": response.text}


class SocketTransport(Transport):
    """Envelopes over the fake Socket Mode server's websocket."""

    name = "socket"

    def __init__(self, app: App | None, fake: FakeSlack, socket_mode: FakeSocketMode) -> None:
        super().__init__(app, fake)
        self.socket_mode = socket_mode

    def _deliver(self, envelope_type: str, body: bytes) -> Answer:
        payload = envelope_payload(body)
        # Slack takes a response payload with commands, options and submissions only.
        accepts = envelope_type == "slash_commands" or payload.get("type") in (
            "block_suggestion",
            "view_submission",
        )
        ack = self.socket_mode.request(
            envelope_type, payload, accepts_response_payload=accepts, timeout=10.0
        )
        if ack is None:
            return Answer(acked=False, payload=None, seconds=10.0, detail="no ack in 10 s")
        return Answer(acked=True, payload=ack.payload, seconds=ack.seconds)
