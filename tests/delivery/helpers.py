"""Shared set-up for the delivery tests: queue messages, read what Slack received."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

import pytest
from sqlalchemy import Engine, func, select

from bot.core.deps import Deps
from bot.core.send_limits import SLACK_LIMITS
from bot.db.models import OutboxMessage
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.delivery.confirmation import OUTBOX_EVENT_TYPE
from bot.delivery.outbox import enqueue
from tests.support.fake_slack import FakeSlack

# Slack's limits, a hundred times faster: for tests whose subject is not the pacing.
FAST_LIMITS = SLACK_LIMITS.scaled(100)


def only_on_postgres(engine: Engine, why_not_sqlite: str) -> Engine:
    """`engine`, or the test skipped with `why_not_sqlite` when it is not PostgreSQL."""
    if engine.dialect.name != "postgresql":
        pytest.skip(f"{why_not_sqlite} (set TEST_DATABASE_URL)")
    return engine


def queue_pairs(
    deps: Deps,
    fake: FakeSlack,
    count: int,
    *,
    team_id: str = "T1",
    prefix: str = "intro",
    not_before: datetime | None = None,
) -> list[str]:
    """Queue `count` intros, each to the group DM of a new pair; returns their keys."""
    keys = []
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id=team_id, enterprise_id=None)
        for n in range(count):
            first, second = f"U{team_id}{prefix}{n}A", f"U{team_id}{prefix}{n}B"
            fake.add_user(first, team_id=team_id)
            fake.add_user(second, team_id=team_id)
            key = f"{prefix}:pair={n}"
            enqueue(
                session,
                team_id=team_id,
                key=key,
                kind="intro",
                text=f"Meet each other, pair {n}",
                not_before=not_before or deps.clock(),
                users=(first, second),
            )
            keys.append(key)
    return keys


def queue_to_channel(
    deps: Deps, channel: str, keys: Iterable[str], *, team_id: str = "T1"
) -> list[str]:
    keys = list(keys)
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id=team_id, enterprise_id=None)
        for key in keys:
            enqueue(
                session,
                team_id=team_id,
                key=key,
                kind="checkin",
                text=f"How is it going? ({key})",
                not_before=deps.clock(),
                channel=channel,
            )
    return keys


def posted_keys(fake: FakeSlack, *, team_id: str = "T1") -> Counter[str]:
    """How many messages Slack holds for each outbox key."""
    found: Counter[str] = Counter()
    for message in fake.messages(team_id=team_id):
        metadata = message.get("metadata") or {}
        if metadata.get("event_type") == OUTBOX_EVENT_TYPE:
            found[metadata["event_payload"]["outbox_key"]] += 1
    return found


def rows(deps: Deps) -> list[OutboxMessage]:
    with deps.sessions() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def rows_by_sender(deps: Deps) -> dict[str | None, int]:
    """How many rows each sender (its worker id, as `claimed_by`) claimed last."""
    with deps.sessions() as session:
        counts = session.execute(
            select(OutboxMessage.claimed_by, func.count()).group_by(OutboxMessage.claimed_by)
        ).all()
    return {worker: count for worker, count in counts}


def lose_answers(fake: FakeSlack, method: str, *, times: int) -> None:
    """Slack handles the next `times` calls to `method`, but the answers never arrive."""
    remaining = [times]
    lock = threading.Lock()

    def drop_connection(_call: object) -> None:
        with lock:
            if remaining[0] <= 0:
                return
            remaining[0] -= 1
        raise ConnectionAbortedError("the answer is lost on the way back")

    fake.on_call(method, drop_connection)


def sender_process(
    fake: FakeSlack, engine: Engine, worker_id: str, *options: str
) -> subprocess.Popen[str]:
    """A separate sender process on this database and fake Slack that stops once nothing
    is due; `options` are more of tests.support.sender_process's flags."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.sender_process",
            "--database-url",
            engine.url.render_as_string(hide_password=False),
            "--slack-api-url",
            fake.base_url,
            "--worker-id",
            worker_id,
            "--until-idle",
            *options,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
