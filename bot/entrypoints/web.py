"""HTTP mode: a WSGI app (Slack endpoints + health check) served by waitress.

Every request, whatever its path or outcome (401 for a bad signature included), is
logged as one line: method, path (never the query string: it carries OAuth codes),
status, duration, and for Slack requests the workspace, user and action.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

from bot.core.logging_setup import elapsed_ms, request_fields
from bot.db.session import database_is_reachable

HEALTH_PATH = "/healthz"
EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
OAUTH_REDIRECT_PATH = "/slack/oauth_redirect"

StartResponse = Callable[..., Any]

log = logging.getLogger("mentorbot.http")


class MentorbotWsgi:
    """Routes `/healthz` to a database check and everything else to Bolt (which serves
    `/slack/events`, and `/slack/install` + `/slack/oauth_redirect` in OAuth mode)."""

    def __init__(self, bolt_app: App, engine: Engine) -> None:
        self._slack = SlackRequestHandler(bolt_app, path=EVENTS_PATH)
        self._engine = engine

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.perf_counter()
        status: list[str] = []

        def recording_start_response(code: str, headers: Any, exc_info: Any = None) -> Any:
            status.append(code)
            return start_response(code, headers, exc_info)

        with request_fields() as fields:
            try:
                return self._route(environ, recording_start_response)
            finally:
                log.info(
                    "http request",
                    extra={
                        "method": environ.get("REQUEST_METHOD"),
                        "path": environ.get("PATH_INFO"),
                        "status": status[-1].split(" ", 1)[0] if status else "500",
                        "duration_ms": elapsed_ms(started),
                        **fields.as_extra(),
                    },
                )

    def _route(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH and environ.get("REQUEST_METHOD") in (
            "GET",
            "HEAD",
        ):
            return self._health(start_response)
        return self._slack(environ, start_response)

    def _health(self, start_response: StartResponse) -> Iterable[bytes]:
        healthy = database_is_reachable(self._engine)
        body = json.dumps({"status": "ok" if healthy else "unavailable", "database": healthy})
        status = "200 OK" if healthy else "503 Service Unavailable"
        start_response(status, [("Content-Type", "application/json")])
        return [body.encode()]


def make_http_server(
    bolt_app: App, engine: Engine, *, host: str, port: int, threads: int
) -> BaseWSGIServer | MultiSocketServer:
    """A waitress server (not yet running); `port=0` picks a free port (tests)."""
    return create_server(
        MentorbotWsgi(bolt_app, engine),
        host=host,
        port=port,
        threads=threads,
        ident="mentorbot",
        # Slack never sends big bodies; refuse anything silly early.
        max_request_body_size=1_048_576,
    )
