"""One pace per workspace for every sender process: budgets shared through PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select, text

from bot.core.send_limits import OPEN_CONVERSATION, POST_MESSAGE, SLACK_LIMITS, Rate, SendLimits
from bot.db.models import SendBudget
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.delivery.pacing import channel_key, workspace_key
from bot.delivery.sender import run_sender
from bot.delivery.shared_pacing import SharedPacer, forget_idle_budgets
from tests.delivery.helpers import (
    only_on_postgres,
    posted_keys,
    queue_pairs,
    rows,
    rows_by_sender,
    sender_process,
)

# About one call a second per workspace, after a burst of two opens or three posts; one
# post a second per channel.
SLOW = SendLimits(
    per_workspace=(
        (OPEN_CONVERSATION, Rate(60, 60.0, burst=2)),
        (POST_MESSAGE, Rate(60, 60.0, burst=3)),
    ),
    post_per_channel=Rate(1, 1.0),
    headroom=0.0,
)
# After a burst of two, 59 more in the minute: (60 - 2 + 1) / 60 s.
OPEN_INTERVAL = 60 / 59


@pytest.fixture
def postgres(engine: Engine) -> Engine:
    return only_on_postgres(
        engine,
        "SQLite runs one sender process, paced in memory; the budget shared between "
        "processes is tested on PostgreSQL",
    )


@pytest.fixture
def pacers(postgres, deps):
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        ensure_workspace(session, team_id="T2", enterprise_id=None)
    # Two replicas: separate pacers, one database.
    return SharedPacer(deps.sessions, SLOW), SharedPacer(deps.sessions, SLOW)


def test_replicas_draw_on_one_budget_per_workspace_and_method(pacers):
    first, second = pacers
    opens = [workspace_key("T1", OPEN_CONVERSATION)]
    assert first.try_acquire(opens) == (0.0, None)
    assert second.try_acquire(opens) == (0.0, None)  # the burst of two, shared
    wait, blocking = first.try_acquire(opens)
    assert blocking == opens[0] and 0.9 < wait <= OPEN_INTERVAL
    assert second.try_acquire(opens)[1] == opens[0]
    # Other workspaces and other methods have budgets of their own.
    assert second.try_acquire([workspace_key("T2", OPEN_CONVERSATION)]) == (0.0, None)
    assert second.try_acquire([workspace_key("T1", POST_MESSAGE)]) == (0.0, None)
    time.sleep(wait)
    assert second.try_acquire(opens) == (0.0, None)
    assert first.try_acquire(opens)[1] == opens[0]


def test_a_post_takes_its_workspace_and_channel_budgets_together_or_not_at_all(pacers):
    first, second = pacers
    workspace = workspace_key("T1", POST_MESSAGE)
    busy = channel_key("T1", POST_MESSAGE, "G1")
    assert first.try_acquire([workspace, busy]) == (0.0, None)
    # The channel has no slot: the workspace's burst is not touched either …
    assert second.try_acquire([workspace, busy])[1] == busy
    # … so two more posts elsewhere use up the burst of three, and only then it waits.
    assert second.try_acquire([workspace, channel_key("T1", POST_MESSAGE, "G2")]) == (0.0, None)
    assert first.try_acquire([workspace, channel_key("T1", POST_MESSAGE, "G3")]) == (0.0, None)
    assert second.try_acquire([workspace, channel_key("T1", POST_MESSAGE, "G4")])[1] == workspace


def test_a_429_seen_by_one_replica_holds_back_every_replica(pacers):
    first, second = pacers
    opens = [workspace_key("T1", OPEN_CONVERSATION)]
    first.penalize(opens[0], retry_after=2.0)
    wait, blocking = second.try_acquire(opens)
    assert blocking == opens[0] and 1.5 < wait <= 2.0
    # Other workspaces carry on.
    assert second.try_acquire([workspace_key("T2", OPEN_CONVERSATION)]) == (0.0, None)


def test_three_sender_processes_stay_within_the_limit_slack_enforces(postgres, deps, fake_slack):
    """Three replicas against a Slack that answers 429 past its limits: none comes back,
    each message is posted once, and the three really shared the work."""
    fake_slack.ts_clock = time.time
    scale = 10.0
    limits = SLACK_LIMITS.scaled(scale)
    fake_slack.enforce_rate_limits(
        {
            method: (rate.calls, rate.seconds)
            for method, rate in limits.per_workspace
            if method in (OPEN_CONVERSATION, POST_MESSAGE)
        }
    )
    keys = queue_pairs(deps, fake_slack, 90)
    workers = [
        sender_process(fake_slack, postgres, name, "--rate-scale", str(scale), "--in-flight", "6")
        for name in ("alpha", "beta", "gamma")
    ]
    for worker in workers:
        assert worker.wait(timeout=180) == 0

    assert fake_slack.rate_limited_count(OPEN_CONVERSATION) == 0
    assert fake_slack.rate_limited_count(POST_MESSAGE) == 0
    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    assert {row.status for row in rows(deps)} == {"sent"}
    by_worker = rows_by_sender(deps)
    assert len(by_worker) >= 2, by_worker


def _database_now(deps) -> float:
    with deps.sessions() as session:
        return float(session.scalar(select(func.extract("epoch", func.clock_timestamp()))))


def _wait_until_a_backend_waits_for_a_lock(deps, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    while time.monotonic() < deadline:
        with deps.sessions() as session:
            if session.scalar(waiting):
                return
        time.sleep(0.02)
    raise AssertionError("the sender never waited for the row the cleanup holds")


def _budget_channels(deps) -> set[str]:
    with deps.sessions() as session:
        return set(session.scalars(select(SendBudget.channel)))


def test_a_sender_forgets_budgets_idle_for_an_hour(postgres, deps, clock):
    # `next_at` is on the database's clock; the app's clock (here weeks ahead, as in a
    # test of a program's end) does not make a budget in use look idle.
    clock.advance(days=30)
    now = _database_now(deps)
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        for channel, next_at in (("GOLD", now - 3601), ("GRECENT", now - 60), ("", now + 5)):
            session.add(SendBudget(team_id="T1", method=POST_MESSAGE, channel=channel,
                                   next_at=next_at))  # fmt: skip
    run_sender(deps, threading.Event(), until_idle=True)
    assert _budget_channels(deps) == {"GRECENT", ""}


def test_the_cleanup_skips_a_budget_a_sender_holds_instead_of_waiting_for_it(postgres, deps):
    now = _database_now(deps)
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        for channel in ("", "GA", "GB"):
            session.add(SendBudget(team_id="T1", method=POST_MESSAGE, channel=channel,
                                   next_at=now - 7200))  # fmt: skip
    with transaction(deps.sessions) as sender:
        # A sender is between locking its budgets and committing. Waiting for it is how
        # the cleanup could deadlock with one (each holding a row the other wants).
        held = select(SendBudget).where(SendBudget.channel.in_(["", "GA"])).with_for_update()
        sender.scalars(held).all()
        with transaction(deps.sessions) as cleanup:
            cleanup.execute(text("SET LOCAL lock_timeout = '2s'"))
            assert forget_idle_budgets(cleanup, idle_for=timedelta(hours=1)) == 1
    assert _budget_channels(deps) == {"", "GA"}


def test_a_budget_deleted_while_a_sender_waits_for_it_is_created_again(postgres, deps):
    now = _database_now(deps)
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        session.add(SendBudget(team_id="T1", method=POST_MESSAGE, channel="GA", next_at=now - 7200))
    keys = [workspace_key("T1", POST_MESSAGE), channel_key("T1", POST_MESSAGE, "GA")]
    granted: list[tuple[float, object]] = []

    def send() -> None:
        granted.append(SharedPacer(deps.sessions, SLOW).try_acquire(keys))

    with transaction(deps.sessions) as cleanup:
        assert forget_idle_budgets(cleanup, idle_for=timedelta(hours=1)) == 1
        # The cleanup holds the row it deletes; a sender asks for it meanwhile.
        sender = threading.Thread(target=send)
        sender.start()
        _wait_until_a_backend_waits_for_a_lock(deps)
    sender.join(timeout=10)
    assert granted == [(0.0, None)]
    assert _budget_channels(deps) == {"", "GA"}
