"""HTTP mode: a WSGI app (Slack endpoints + health check) served by waitress."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine
from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

from bot.db.session import database_is_reachable

HEALTH_PATH = "/healthz"
EVENTS_PATH = "/slack/events"

StartResponse = Callable[..., Any]


class MentorbotWsgi:
    """Routes `/healthz` to a database check and everything else to Bolt."""

    def __init__(self, bolt_app: App, engine: Engine) -> None:
        self._slack = SlackRequestHandler(bolt_app, path=EVENTS_PATH)
        self._engine = engine

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
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
