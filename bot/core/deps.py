"""What listeners and jobs need from the outside world, built once and passed down."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.core.admin_checks import AdminCheckCache
from bot.core.config import Settings
from bot.core.send_limits import SLACK_LIMITS, SendLimits
from bot.db.session import make_engine, make_session_factory


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Deps:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Callable[[], datetime] = field(default=utc_now)
    # Per app process: who sees the admin part of App Home (display only; actions re-check).
    admin_checks: AdminCheckCache = field(default_factory=AdminCheckCache)
    # Slack's rate limits the sender paces itself to (tests run them faster).
    send_limits: SendLimits = SLACK_LIMITS


def build_deps(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Deps:
    # Every HTTP thread (event de-duplication, OAuth token lookup) and every listener
    # thread may hold a connection at once; a smaller pool opens and closes connections
    # under load, which costs PostgreSQL a process each time.
    engine = make_engine(
        settings.database_url, pool_size=settings.http_threads + settings.listener_threads
    )
    return Deps(
        settings=settings, engine=engine, sessions=make_session_factory(engine), clock=clock
    )
