"""Starting the bot: migrations, then Socket Mode or the HTTP server."""

from __future__ import annotations

import contextlib
import logging
import signal
import threading

from slack_bolt import App
from sqlalchemy import Engine

from bot.app import create_app
from bot.core.config import Settings
from bot.core.deps import build_deps
from bot.core.listener_pool import ListenerPool
from bot.core.logging_setup import setup_logging
from bot.db.migrate import upgrade
from bot.entrypoints.socket_mode import make_health_server, serve_socket_mode, socket_mode_handler
from bot.entrypoints.web import make_http_server
from bot.jobs.scheduler import start_background_work

log = logging.getLogger(__name__)

# How long stopping waits for listeners still at work (a submission being stored).
LISTENER_DRAIN_SECONDS = 10.0


def run_bot(settings: Settings, *, with_scheduler: bool) -> None:
    """Run until interrupted. Migrations are applied first, so a fresh database just works."""
    setup_logging(settings.log_level)
    deps = build_deps(settings)
    upgrade(deps.engine)
    app = create_app(deps)
    background = start_background_work(deps) if with_scheduler else None
    if background is not None:
        log.info("scheduler started: rounds, check-ins and deliveries run in this process")
    try:
        if settings.socket_mode:
            _run_socket_mode(app, settings, deps.engine)
        else:
            _run_http(app, settings, deps.engine)
    finally:
        _finish_listeners(app)
        if background is not None:
            background.shutdown(wait=True)
        log.info("stopped")


def _run_socket_mode(app: App, settings: Settings, engine: Engine) -> None:
    handler = socket_mode_handler(app, settings)
    health = make_health_server(engine, handler, host=settings.host, port=settings.port)
    log.info("starting in Socket Mode (/healthz on %s:%s)", settings.host, settings.port)
    # Ctrl-C or `docker stop`: close the connection first, so Slack sends the next
    # envelopes to another connection (or retries them) instead of to a process on its way out.
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    serve_socket_mode(handler, stop, health=health)


def _run_http(app: App, settings: Settings, engine: Engine) -> None:
    server = make_http_server(
        app, engine, host=settings.host, port=settings.port, threads=settings.http_threads
    )
    log.info("serving HTTP on %s:%s (/slack/events, /healthz)", settings.host, settings.port)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()


def _finish_listeners(app: App) -> None:
    """Let listeners still running finish what a person started, for a few seconds."""
    pool = app.listener_runner.listener_executor
    if isinstance(pool, ListenerPool) and not pool.wait_idle(LISTENER_DRAIN_SECONDS):
        log.warning("stopping with listeners still at work", extra={"count": pool.pending})


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
