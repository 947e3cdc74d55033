"""Three sender processes share a fan-out; two are killed with SIGKILL in the middle of it.

The others keep sending at the workspace's shared pace, a dead sender holds back only the
few rows it had claimed, and only until its lease runs out: the whole fan-out takes about
as long as one healthy sender would at the allowed pace.

Rates are Slack's, ten times faster, and the lease is two seconds, so that the test takes
about twenty seconds; the same run at Slack's own tiers is `benchmarks/bench_replicas.py`.
"""

from __future__ import annotations

import itertools
import signal
import threading
import time

import pytest
from sqlalchemy import Engine, select

from bot.core.send_limits import OPEN_CONVERSATION, POST_MESSAGE, SLACK_LIMITS
from bot.db.models import OutboxMessage, OutboxStatus
from tests.delivery.helpers import only_on_postgres, posted_keys, queue_pairs, rows, sender_process

INTROS = 150
SCALE = 10.0
LEASE = 2.0  # seconds
HTTP_TIMEOUT = 0.5
KILL_AT = (50, 100)  # messages accepted by Slack when the first, then the second is killed
# The claim loop of the survivors runs every tenth of a second; under a loaded CPU it
# may come late. Taking a dead sender's rows over must not take longer than this.
TAKEOVER_SLACK = 1.0
# Three senders are slower than one healthy sender at the allowed pace by at most this.
ALLOWED_OVERHEAD = 0.15


@pytest.fixture
def postgres(engine: Engine) -> Engine:
    return only_on_postgres(
        engine, "SQLite runs one sender process; replicas are tested on PostgreSQL"
    )


def open_rate() -> float:
    """The pace of conversations.open the senders may use together, per second."""
    limits = SLACK_LIMITS.scaled(SCALE)
    rate = limits.for_method(OPEN_CONVERSATION)
    assert rate is not None
    return rate.sustained_per_second(limits.headroom)


def healthy_sender_seconds(count: int) -> float:
    """How long one healthy sender takes for `count` intros at the pace it may use:
    each needs a conversations.open, the slowest of its calls (a burst, then steady)."""
    rate = SLACK_LIMITS.scaled(SCALE).for_method(OPEN_CONVERSATION)
    assert rate is not None
    return (count - rate.burst) / open_rate()


def held_by(deps, worker: str) -> list[OutboxMessage]:
    with deps.sessions() as session:
        return list(
            session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.claimed_by == worker,
                    OutboxMessage.status == OutboxStatus.SENDING,
                )
            )
        )


class TakeoverWatch:
    """Notes when each row a killed sender held is first claimed by another sender.

    Read while the fan-out runs, not at its end: a row the second victim took over from the
    first is claimed a third time after the second kill, and its final `claimed_at` would
    tell that later claim, not the takeover.
    """

    def __init__(self, deps) -> None:
        self.deps = deps
        self.watched: dict[int, str] = {}  # row id -> the dead sender that held it
        self.taken_at: dict[int, float] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def watch(self, name: str, held: list[OutboxMessage]) -> None:
        with self.lock:
            self.watched.update({row.id: name for row in held})

    def _run(self) -> None:
        while not self.stop.wait(0.05):
            with self.lock:
                pending = {i: n for i, n in self.watched.items() if i not in self.taken_at}
            if not pending:
                continue
            with self.deps.sessions() as session:
                found = session.scalars(
                    select(OutboxMessage).where(OutboxMessage.id.in_(list(pending)))
                ).all()
            with self.lock:
                for row in found:
                    if row.claimed_by not in (None, pending[row.id]) and row.claimed_at:
                        self.taken_at[row.id] = row.claimed_at.timestamp()

    def close(self) -> dict[int, float]:
        self.stop.set()
        self.thread.join(timeout=5)
        return self.taken_at


def test_two_replicas_killed_mid_fan_out_hold_back_a_few_rows_for_one_lease(
    postgres, deps, fake_slack
):
    fake_slack.ts_clock = time.time
    limits = SLACK_LIMITS.scaled(SCALE)
    fake_slack.enforce_rate_limits(
        {
            method: (rate.calls, rate.seconds)
            for method, rate in limits.per_workspace
            if method in (OPEN_CONVERSATION, POST_MESSAGE)
        }
    )
    keys = queue_pairs(deps, fake_slack, INTROS)
    options = (
        "--rate-scale",
        str(SCALE),
        "--lease",
        str(LEASE),
        "--http-timeout",
        str(HTTP_TIMEOUT),
    )
    workers = {
        name: sender_process(fake_slack, postgres, name, *options)
        for name in ("alpha", "beta", "gamma")
    }

    kills: list[tuple[str, float, list[OutboxMessage]]] = []
    watch = TakeoverWatch(deps)
    for name, accepted in zip(("alpha", "beta"), KILL_AT, strict=True):
        fake_slack.wait_for(
            "chat.postMessage", count=accepted, timeout=120, where=lambda call: call.ok
        )
        workers[name].send_signal(signal.SIGKILL)
        assert workers[name].wait(timeout=30) == -signal.SIGKILL
        kills.append((name, time.time(), held_by(deps, name)))
        watch.watch(name, kills[-1][2])
    assert workers["gamma"].wait(timeout=180) == 0
    taken_at = watch.close()

    # Exactly once, and Slack never had to refuse a call.
    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    assert {row.status for row in rows(deps)} == {OutboxStatus.SENT}
    assert fake_slack.rate_limited_count(OPEN_CONVERSATION) == 0
    assert fake_slack.rate_limited_count(POST_MESSAGE) == 0

    # A dead sender held back a few rows: the first is taken over within one lease, the
    # rest as the survivors (sending at the shared pace all along) make room for them.
    final = {row.id: row for row in rows(deps)}
    pace = open_rate()
    for name, killed_at, held in kills:
        assert len(held) <= 8, (name, len(held))
        assert all(final[row.id].claimed_by != name for row in held)
        assert all(row.id in taken_at for row in held), (name, "a held row was never seen taken")
        taken_over = sorted(taken_at[row.id] - killed_at for row in held)
        if held:
            assert taken_over[0] <= LEASE + TAKEOVER_SLACK, (name, taken_over)
            assert taken_over[-1] <= LEASE + len(held) / pace + TAKEOVER_SLACK, (name, taken_over)

    # Sending never stopped for as long as a lease, and the whole fan-out took about as
    # long as one healthy sender would.
    posts = sorted(call.at for call in fake_slack.calls_to("chat.postMessage") if call.ok)
    opens = sorted(call.at for call in fake_slack.calls_to("conversations.open") if call.ok)
    assert max(b - a for a, b in itertools.pairwise(posts)) < LEASE
    took = posts[-1] - opens[0]
    healthy = healthy_sender_seconds(INTROS)
    assert took <= healthy * (1 + ALLOWED_OVERHEAD), (took, healthy)
    print(f"fan-out with two kills: {took:.1f} s; one healthy sender: {healthy:.1f} s")
