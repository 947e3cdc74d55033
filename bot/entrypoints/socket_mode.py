"""Socket Mode: Slack's envelopes over a websocket, answered by the same Bolt app as HTTP.

Each envelope is logged as one line, as each HTTP request is: workspace, user, action,
the status Bolt answered and how long the answer took. Bolt's adapter acknowledges an
envelope only when the app answered 200; anything else is logged as a warning here,
since Slack then shows the person a timeout (or retries the event).

Slack needs no HTTP endpoint in Socket Mode, but a container's health check does: the
process still serves `GET /healthz` on HOST:PORT, and nothing else.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from sqlalchemy import Engine
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

from bot.core.config import Settings
from bot.core.logging_setup import elapsed_ms, request_fields
from bot.db.session import database_is_reachable
from bot.entrypoints.web import HEALTH_PATH
from bot.slack.client import interactive_client

log = logging.getLogger("mentorbot.socket_mode")


class MentorbotSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, with one log line per envelope like HTTP mode's."""

    # The signature of Bolt's own builtin handler, which narrows the base class's client
    # type to SocketModeClient the same way (and ignores the override error too).
    def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        started = time.perf_counter()
        status = 500
        with request_fields() as fields:
            try:
                response = run_bolt_app(self.app, req)
                status = response.status
                send_response(client, req, response, time.time())
            finally:
                log.log(
                    logging.INFO if status == 200 else logging.WARNING,
                    "socket mode request" if status == 200 else "socket mode request not acked",
                    extra={
                        "request_type": req.type,
                        "status": status,
                        "duration_ms": elapsed_ms(started),
                        **fields.as_extra(),
                    },
                )


# slack_sdk's client notices a closed or silently dead connection only when it next
# pings: with Bolt's 10 s, a close took ~10 s and a cut connection ~60 s to come back
# (envelopes sent meanwhile are lost). A ping every 3 s costs nothing and cuts that to
# ~3 s and ~18 s. Slack's usual `disconnect` message is followed at once either way.
PING_INTERVAL_SECONDS = 3.0


def socket_mode_handler(
    app: App, settings: Settings, *, ping_interval: float = PING_INTERVAL_SECONDS
) -> MentorbotSocketModeHandler:
    """The handler `mentorbot run` connects with (tests build theirs here too).

    Envelopes are taken by as many threads as HTTP mode has for requests: each one only
    checks, acks and hands the work to the listener threads.
    """
    if settings.slack_app_token is None:
        raise ValueError("Socket Mode needs SLACK_APP_TOKEN")
    return MentorbotSocketModeHandler(
        app,
        settings.slack_app_token.get_secret_value(),
        web_client=interactive_client(settings),
        concurrency=settings.http_threads,
        ping_interval=ping_interval,
    )


class SocketModeHealth:
    """The one HTTP endpoint in Socket Mode: healthy while the database answers and the
    websocket to Slack is open (the client reconnects by itself; a long gap is a fault)."""

    def __init__(self, engine: Engine, handler: SocketModeHandler) -> None:
        self._engine = engine
        self._handler = handler

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != HEALTH_PATH or environ.get("REQUEST_METHOD") not in (
            "GET",
            "HEAD",
        ):
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not found: in Socket Mode, Slack reaches this app over a websocket.\n"]
        database = database_is_reachable(self._engine)
        socket_client = self._handler.client  # the websocket client, not a Web API one
        connected = socket_client.is_connected()
        healthy = database and connected
        body = json.dumps(
            {
                "status": "ok" if healthy else "unavailable",
                "database": database,
                "socket_mode": connected,
            }
        )
        status = "200 OK" if healthy else "503 Service Unavailable"
        start_response(status, [("Content-Type", "application/json")])
        return [body.encode()]


def make_health_server(
    engine: Engine, handler: SocketModeHandler, *, host: str, port: int
) -> BaseWSGIServer | MultiSocketServer:
    """A small waitress server for `/healthz` (not yet running); `port=0` picks a free port."""
    return create_server(
        SocketModeHealth(engine, handler), host=host, port=port, threads=2, ident="mentorbot"
    )


def serve_socket_mode(
    handler: SocketModeHandler,
    stop: threading.Event,
    *,
    health: BaseWSGIServer | MultiSocketServer | None = None,
) -> None:
    """Connect, then serve until `stop` is set; the connection is closed on the way out.

    `health`, when given, answers `/healthz` from a daemon thread meanwhile, and on until
    the process exits (unhealthy once the connection is closed, which is true by then).
    """
    if health is not None:
        threading.Thread(target=health.run, name="healthz", daemon=True).start()
    handler.connect()
    try:
        stop.wait()
    finally:
        handler.close()
