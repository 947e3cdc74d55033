"""Engines and sessions: built by factories, never at import time."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import CursorResult, Engine, Result, create_engine, event, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

log = logging.getLogger(__name__)

T = TypeVar("T")

# PostgreSQL's "deadlock detected" and "could not serialize": the transaction did nothing
# and may simply be run again. 23505 is a unique key taken by a concurrent transaction.
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
_UNIQUE_VIOLATION = "23505"


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for `url`, tuned for the bot's many short transactions."""
    if _is_sqlite(url):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(
            dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry
        ) -> None:
            cursor = dbapi_connection.cursor()
            # Cascading deletes (uninstall, forget-me) rely on foreign keys being enforced.
            cursor.execute("PRAGMA foreign_keys=ON")
            # WAL lets the web process read while the worker writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any exception."""
    with sessions.begin() as session:
        yield session


def rowcount(result: Result[*tuple[Any, ...]]) -> int:
    """How many rows the UPDATE or DELETE that gave `result` matched.

    `Session.execute` is typed to return a `Result`, but an UPDATE or DELETE runs on a
    cursor and returns a `CursorResult`, which alone knows the count.
    """
    if not isinstance(result, CursorResult):
        raise TypeError(f"no row count on {type(result).__name__}: not an UPDATE or DELETE")
    return result.rowcount


def database_is_reachable(engine: Engine) -> bool:
    """True when a trivial query succeeds (used by /healthz)."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not healthy"; the caller reports 503
        return False
    return True


def _lost_a_race(error: Exception) -> bool:
    original = getattr(error, "orig", None)
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(error, IntegrityError):
        return sqlstate == _UNIQUE_VIOLATION or "UNIQUE constraint failed" in str(original)
    return sqlstate in _RETRYABLE_SQLSTATES


def retry_on_conflict(work: Callable[[], T], *, attempts: int = 3) -> T:
    """Run `work` (one whole transaction), again if it lost a race with a concurrent one.

    Requests arriving together may each create the same row (two clicks, one person's
    two commands): the loser's transaction fails on a unique key and is rolled back, and
    running it again finds what the winner stored. Anything else, or a third loss, raises.
    """
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except (IntegrityError, OperationalError) as error:
            if attempt == attempts or not _lost_a_race(error):
                raise
            log.info("transaction lost a race; running it again", extra={"attempt": attempt})
    raise AssertionError("unreachable")
