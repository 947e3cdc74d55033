"""A fake of Slack's Socket Mode side, for end-to-end tests of the bot in Socket Mode.

Slack's half of Socket Mode, as the bot meets it:

* ``apps.connections.open`` (served by :class:`~tests.support.fake_slack.FakeSlack`, which
  asks :meth:`FakeSocketMode.issue_url`) hands an app-level token a one-time ``ws://`` URL;
* the websocket server behind that URL greets each new connection with ``hello``, then
  sends envelopes (``slash_commands``, ``interactive``, ``events_api``) and waits for the
  app to acknowledge each one by its ``envelope_id``, optionally with a response payload;
* it can drop a connection, the ways Slack does, to check that the client comes back.

Every ack is recorded with its payload and the seconds from sending the envelope to
receiving the ack. The server is ``websockets``' threaded server on a free loopback port.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from tests.support.loopback import LoopbackService

__all__ = ["Ack", "FakeSocketMode", "envelope_payload"]

APP_ID = "A0MENTORBOT"

#: What Slack says in a ``disconnect`` message before it closes a connection itself.
REFRESH_REQUESTED = "refresh_requested"


@dataclass(frozen=True)
class Ack:
    """The app's acknowledgement of one envelope."""

    envelope_id: str
    envelope_type: str
    #: The ``payload`` sent with the ack (options, ``response_action`` …), or None.
    payload: dict[str, Any] | None
    #: Seconds from sending the envelope to receiving its ack.
    seconds: float


def envelope_payload(body: bytes) -> dict[str, Any]:
    """The ``payload`` of a Socket Mode envelope for a body Slack would POST over HTTP.

    Socket Mode carries the same content as HTTP: a slash command's form fields as an
    object, an interactivity ``payload=`` field's JSON, an Events API JSON body as is.
    """
    text = body.decode()
    if text.startswith("{"):
        return json.loads(text)
    fields = dict(parse_qsl(text, keep_blank_values=True))
    if set(fields) == {"payload"}:
        return json.loads(fields["payload"])
    return fields


class FakeSocketMode(LoopbackService):
    """Slack's Socket Mode endpoint on ``ws://127.0.0.1:<port>/link/``.

    Use as ``with FakeSocketMode() as fake: ...`` or call :meth:`start` / :meth:`stop`.
    Envelopes go to the newest open connection, as Slack sends each one over one of them.
    """

    thread_name = "fake-socket-mode"

    def __init__(self, *, app_tokens: frozenset[str] = frozenset()) -> None:
        #: App-level tokens ``apps.connections.open`` accepts (see :meth:`allow_token`).
        self.app_tokens: set[str] = set(app_tokens)
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._tickets: set[str] = set()
        self._connections: list[ServerConnection] = []
        self._sent: dict[str, tuple[str, float]] = {}
        self._acks: list[Ack] = []
        self._unknown_acks: list[str] = []
        self._hellos = 0

    # ------------------------------------------------------------------ lifecycle

    def _open(self) -> Server:
        return serve(
            self._serve_connection,
            "127.0.0.1",
            0,
            process_request=self._check_ticket,
            # The client pings us (and we answer, as Slack does); we need not ping it.
            ping_interval=None,
        )

    def _shut(self, server: Server) -> None:
        """Close every connection, then stop serving."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(Exception):
                connection.close(1001, "server stopping")
        server.shutdown()

    # ------------------------------------------------------------------ apps.connections.open

    def allow_token(self, app_token: str) -> None:
        """Accept ``app_token`` in ``apps.connections.open`` from now on."""
        with self._lock:
            self.app_tokens.add(app_token)

    def issue_url(self, app_token: str) -> str | None:
        """A fresh one-time websocket URL for ``app_token``; None if the token is unknown."""
        with self._lock:
            if app_token not in self.app_tokens:
                return None
            ticket = secrets.token_hex(16)
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={APP_ID}"

    # ------------------------------------------------------------------ the websocket side

    def _check_ticket(self, connection: ServerConnection, request: Request) -> Response | None:
        """Refuse a handshake whose ticket was not issued, or was used already (as Slack)."""
        ticket = (parse_qs(urlsplit(request.path).query).get("ticket") or [""])[0]
        with self._lock:
            if ticket in self._tickets:
                self._tickets.discard(ticket)
                return None
        return connection.respond(401, "invalid ticket\n")

    def _serve_connection(self, connection: ServerConnection) -> None:
        with self._changed:
            self._connections.append(connection)
            count = len(self._connections)
        hello = {
            "type": "hello",
            "num_connections": count,
            "debug_info": {
                "host": "applink-fake",
                "build_number": 1,
                "approximate_connection_time": 18060,
            },
            "connection_info": {"app_id": APP_ID},
        }
        try:
            connection.send(json.dumps(hello))
            with self._changed:
                self._hellos += 1
                self._changed.notify_all()
            for message in connection:
                self._receive(message)
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                if connection in self._connections:
                    self._connections.remove(connection)
                self._changed.notify_all()

    def _receive(self, message: str | bytes) -> None:
        received = time.monotonic()
        try:
            data = json.loads(message)
        except ValueError:
            data = {}
        envelope_id = str(data.get("envelope_id") or "")
        with self._changed:
            sent = self._sent.pop(envelope_id, None)
            if sent is None:
                self._unknown_acks.append(envelope_id)
            else:
                envelope_type, at = sent
                payload = data.get("payload")
                self._acks.append(Ack(envelope_id, envelope_type, payload or None, received - at))
            self._changed.notify_all()

    # ------------------------------------------------------------------ connections

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._connections)

    @property
    def hellos(self) -> int:
        """How many connections were greeted with ``hello`` (one per connection made)."""
        with self._lock:
            return self._hellos

    def wait_connected(self, *, hellos: int = 1, timeout: float = 10.0) -> None:
        """Wait until ``hellos`` connections in all were greeted and one is still open."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (self._hellos >= hellos and self._connections):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no Socket Mode connection: {self._hellos} hello(s) sent, "
                        f"{len(self._connections)} open"
                    )
                self._changed.wait(left)

    def _newest(self) -> ServerConnection:
        with self._lock:
            if not self._connections:
                raise AssertionError("the app has no open Socket Mode connection")
            return self._connections[-1]

    def drop(self, how: str = "close") -> None:
        """End the newest connection the way Slack may, so that the client must reconnect.

        * ``"close"`` -- a websocket close frame (code 1001, going away);
        * ``"disconnect"`` -- Slack's ``disconnect`` message (``refresh_requested``), then
          the connection is closed once the client has opened its next one;
        * ``"abrupt"`` -- the TCP connection is cut with no close frame (a network loss).
        """
        connection = self._newest()
        if how == "close":
            connection.close(1001, "going away")
        elif how == "disconnect":
            message = {
                "type": "disconnect",
                "reason": REFRESH_REQUESTED,
                "debug_info": {"host": "applink-fake"},
            }
            hellos = self.hellos
            connection.send(json.dumps(message))
            self.wait_connected(hellos=hellos + 1)
            with contextlib.suppress(Exception):
                connection.close(1001, "refreshed")
        elif how == "abrupt":
            # Shut down rather than close: our side then sees the end and forgets it too.
            connection.socket.shutdown(socket.SHUT_RDWR)
        else:
            raise ValueError(f"unknown way to drop a connection: {how!r}")

    # ------------------------------------------------------------------ envelopes

    def send(
        self,
        envelope_type: str,
        payload: Mapping[str, Any],
        *,
        accepts_response_payload: bool,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
    ) -> str:
        """Send one envelope over the newest connection; returns its ``envelope_id``."""
        envelope_id = str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "payload": dict(payload),
            "type": envelope_type,
            "accepts_response_payload": accepts_response_payload,
        }
        if envelope_type == "events_api":
            envelope["retry_attempt"] = retry_attempt or 0
            envelope["retry_reason"] = retry_reason or ""
        connection = self._newest()
        with self._lock:
            self._sent[envelope_id] = (envelope_type, time.monotonic())
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_ack(self, envelope_id: str, *, timeout: float = 10.0) -> Ack | None:
        """The ack of ``envelope_id``, waiting up to ``timeout`` seconds; None if none came."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for ack in self._acks:
                    if ack.envelope_id == envelope_id:
                        return ack
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._changed.wait(left)

    def request(
        self, envelope_type: str, payload: Mapping[str, Any], *, timeout: float = 10.0, **kw: Any
    ) -> Ack | None:
        """Send an envelope and wait for its ack (None when the app never acked)."""
        kw.setdefault("accepts_response_payload", envelope_type != "events_api")
        return self.wait_ack(self.send(envelope_type, payload, **kw), timeout=timeout)

    @property
    def acks(self) -> list[Ack]:
        with self._lock:
            return list(self._acks)

    @property
    def unacked(self) -> list[str]:
        """Envelope ids sent and never acknowledged."""
        with self._lock:
            return list(self._sent)

    @property
    def unknown_acks(self) -> list[str]:
        """Acks that named no envelope we sent (or one acked already)."""
        with self._lock:
            return list(self._unknown_acks)

    def reset(self) -> None:
        """Forget envelopes, acks and the count of hellos (connections stay as they are)."""
        with self._lock:
            self._hellos = 0
            self._sent.clear()
            self._acks.clear()
            self._unknown_acks.clear()
