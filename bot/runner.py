"""Starting the bot: migrations, then Socket Mode or the HTTP server."""

from __future__ import annotations

import logging
import signal
import threading

from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.app import create_app
from bot.config import Settings
from bot.db.migrate import upgrade
from bot.deps import build_deps
from bot.jobs.scheduler import start_background_work
from bot.logging_setup import setup_logging
from bot.slack.client import interactive_client
from bot.web import make_http_server

log = logging.getLogger(__name__)


def run_bot(settings: Settings, *, with_scheduler: bool) -> None:
    """Run until interrupted. Migrations are applied first, so a fresh database just works."""
    setup_logging(settings.log_level)
    deps = build_deps(settings)
    upgrade(deps.engine)
    app = create_app(deps)
    if with_scheduler:
        start_background_work(deps)
        log.info("scheduler started: rounds, check-ins and deliveries run in this process")
    if settings.slack_app_token is not None:
        log.info("starting in Socket Mode")
        SocketModeHandler(
            app,
            settings.slack_app_token.get_secret_value(),
            web_client=interactive_client(settings),
        ).start()
        return
    server = make_http_server(
        app, deps.engine, host=settings.host, port=settings.port, threads=settings.http_threads
    )
    log.info("serving HTTP on %s:%s (/slack/events, /healthz)", settings.host, settings.port)
    try:
        server.run()
    except KeyboardInterrupt:
        log.info("stopped")


def run_worker(settings: Settings) -> None:
    """Rounds, check-ins and deliveries only, no web server: for a separate worker process."""
    setup_logging(settings.log_level)
    deps = build_deps(settings)
    upgrade(deps.engine)
    background = start_background_work(deps)
    log.info("worker started: rounds, check-ins and deliveries")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    background.shutdown(wait=True)
    log.info("stopped")
