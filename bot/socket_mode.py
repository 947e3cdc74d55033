"""Socket Mode: Slack's envelopes over a websocket, answered by the same Bolt app as HTTP.

Each envelope is logged as one line, as each HTTP request is: workspace, user, action,
the status Bolt answered and how long the answer took. Bolt's adapter acknowledges an
envelope only when the app answered 200; anything else is logged as a warning here,
since Slack then shows the person a timeout (or retries the event).
"""

from __future__ import annotations

import logging
import threading
import time

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.config import Settings
from bot.logging_setup import elapsed_ms, request_fields
from bot.slack.client import interactive_client

log = logging.getLogger("mentorbot.socket_mode")


class MentorbotSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler, with one log line per envelope like HTTP mode's."""

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


def socket_mode_handler(
    app: App, settings: Settings, *, ping_interval: float = 10
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


def serve_socket_mode(handler: SocketModeHandler, stop: threading.Event) -> None:
    """Connect, then serve until `stop` is set; the connection is closed on the way out."""
    handler.connect()
    try:
        stop.wait()
    finally:
        handler.close()
