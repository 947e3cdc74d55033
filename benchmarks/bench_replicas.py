"""Benchmark replicas: a fan-out shared by three sender processes, two killed mid-way.

    python benchmarks/bench_replicas.py [--intros 150] [--scale 1] [--server-url URL]

Queues `--intros` intros (each: conversations.open for a new group DM, then
chat.postMessage) on a scratch PostgreSQL database, and sends them with three sender
processes, as three `mentorbot worker` replicas would. The fake Slack runs in its own
process and enforces Slack's per-workspace tiers (conversations.open Tier 3, 50 a minute;
chat.postMessage's workspace cap) over a moving window, answering 429 past them, and fails
10 % of posts with a 5xx (the sender then checks the history before posting again).

Two runs: all three senders healthy; then the same with two of them killed with SIGKILL
when a third and two thirds of the intros are recorded as sent. Each prints the fan-out
time (first call to last post), against the time one healthy sender needs at the pace it
may use, and checks that every intro went out exactly once with no 429.

`--scale` runs Slack's tiers (and the lease, HTTP timeout and backoff with them) that many
times faster: at `--scale 1`, Slack's real tiers, each run takes a little over three
minutes for 150 intros.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.delivery.limits import OPEN_CONVERSATION, POST_MESSAGE, SLACK_LIMITS
from sqlalchemy import func, select

from benchmarks.remote_fake import RemoteFake, intro_users, serve
from bot.db.migrate import upgrade
from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import make_engine, make_session_factory, transaction
from bot.delivery.confirmation import OUTBOX_EVENT_TYPE
from bot.delivery.outbox import enqueue
from bot.delivery.sender import DEFAULT_HTTP_TIMEOUT, DEFAULT_LEASE
from bot.services.people import ensure_workspace
from tests.support.fake_slack import FakeSlack
from tests.support.postgres import is_reachable, scratch_database

ROOT = Path(__file__).resolve().parents[1]
WORKERS = ("alpha", "beta", "gamma")
POST_FAILURES = 0.10
BACKOFF_BASE = 2.0  # the sender's default, in seconds at Slack's real pace


def _serve_fake(config_json: str) -> None:
    """The fake Slack's process (see benchmarks.remote_fake): it enforces the configured
    limits, fails a share of the posts, and knows the people the intros are for."""
    config = json.loads(config_json)

    def prepare(fake: FakeSlack) -> None:
        fake.random_failures(config["post_failures"], seed=config["seed"], methods=[POST_MESSAGE])

    serve(config["limits"], _seen, intros=config["intros"], prepare=prepare)


def _seen(fake: FakeSlack) -> dict[str, object]:
    return {
        "calls": [(c.method, c.at, c.status, c.ok) for c in fake.calls],
        "keys": [
            (m.get("metadata") or {}).get("event_payload", {}).get("outbox_key")
            for m in fake.messages()
            if (m.get("metadata") or {}).get("event_type") == OUTBOX_EVENT_TYPE
        ],
        "rate_limited": {
            method: fake.rate_limited_count(method) for method in (OPEN_CONVERSATION, POST_MESSAGE)
        },
    }


@dataclass
class Result:
    seconds: float
    exactly_once: bool
    rate_limited: dict[str, int]
    post_failures: int
    held_at_kills: list[int]
    takeover_seconds: list[tuple[float, float]]  # per kill: first and last row taken over


def _queue(url: str, count: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    with transaction(make_session_factory(engine)) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        for n in range(count):
            enqueue(
                session,
                team_id="T1",
                key=f"intro:pair={n}",
                kind="intro",
                text=f"Meet each other, pair {n}",
                not_before=now,
                users=intro_users(n),
            )
    engine.dispose()


def _start_sender(url: str, fake_url: str, name: str, scale: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.sender_process",
            *("--database-url", url, "--slack-api-url", fake_url, "--worker-id", name),
            *("--rate-scale", str(scale), "--until-idle"),
            *("--lease", str(DEFAULT_LEASE.total_seconds() / scale)),
            *("--http-timeout", str(DEFAULT_HTTP_TIMEOUT / scale)),
            *("--backoff-base", str(BACKOFF_BASE / scale)),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        text=True,
    )


def _run(server_url: str, intros: int, scale: float, *, kill: bool, seed: int) -> Result:
    limits = SLACK_LIMITS.scaled(scale)
    fake = RemoteFake(
        __file__,
        {
            "limits": {
                method: (rate.calls, rate.seconds)
                for method, rate in limits.per_workspace
                if method in (OPEN_CONVERSATION, POST_MESSAGE)
            },
            "post_failures": POST_FAILURES,
            "seed": seed,
            "intros": intros,
        },
    )
    held_at_kills: list[int] = []
    takeovers: list[tuple[float, float]] = []
    with scratch_database(server_url, prefix="mentorbot_bench") as url:
        _queue(url, intros)
        engine = make_engine(url)
        sessions = make_session_factory(engine)
        workers = {name: _start_sender(url, fake.base_url, name, scale) for name in WORKERS}
        to_kill = [("alpha", intros / 3), ("beta", intros * 2 / 3)] if kill else []
        # (name, when killed, rows it held, when the first and the last were taken over)
        kills: list[tuple[str, float, list[int], float | None, float | None]] = []
        while any(worker.poll() is None for worker in workers.values()):
            with sessions() as session:
                sent = session.scalar(
                    select(func.count()).where(OutboxMessage.status == OutboxStatus.SENT)
                )
                for n, (name, killed_at, held, first, last) in enumerate(kills):
                    if last is not None:
                        continue
                    still_held = session.scalar(
                        select(func.count()).where(
                            OutboxMessage.id.in_(held),
                            OutboxMessage.claimed_by == name,
                            OutboxMessage.status == OutboxStatus.SENDING,
                        )
                    )
                    now = time.time()
                    if first is None and still_held < len(held):
                        first = now
                    kills[n] = (name, killed_at, held, first, None if still_held else now)
            if to_kill and (sent or 0) >= to_kill[0][1]:
                name, _threshold = to_kill.pop(0)
                workers[name].send_signal(signal.SIGKILL)
                workers[name].wait()
                killed_at = time.time()
                with sessions() as session:
                    held = list(
                        session.scalars(
                            select(OutboxMessage.id).where(
                                OutboxMessage.claimed_by == name,
                                OutboxMessage.status == OutboxStatus.SENDING,
                            )
                        )
                    )
                done = None if held else killed_at
                kills.append((name, killed_at, held, done, done))
            time.sleep(0.05)
        for _name, killed_at, held, first, last in kills:
            held_at_kills.append(len(held))
            end = time.time()
            takeovers.append(((first or end) - killed_at, (last or end) - killed_at))
        engine.dispose()
    seen = fake.finish()
    opens = sorted(at for method, at, _s, ok in seen["calls"] if method == OPEN_CONVERSATION and ok)
    posts = sorted(at for method, at, _s, ok in seen["calls"] if method == POST_MESSAGE and ok)
    failed_posts = sum(
        1 for method, _at, status, _ok in seen["calls"] if method == POST_MESSAGE and status >= 500
    )
    delivered = Counter(seen["keys"])
    return Result(
        seconds=posts[-1] - opens[0] if posts and opens else float("nan"),
        exactly_once=len(delivered) == intros and set(delivered.values()) == {1},
        rate_limited=seen["rate_limited"],
        post_failures=failed_posts,
        held_at_kills=held_at_kills,
        takeover_seconds=takeovers,
    )


def _healthy_seconds(intros: int, scale: float) -> float:
    """One healthy sender at the pace it may use: the opens (the slowest call), after a burst."""
    limits = SLACK_LIMITS.scaled(scale)
    rate = limits.for_method(OPEN_CONVERSATION)
    assert rate is not None
    return (intros - rate.burst) / rate.sustained_per_second(limits.headroom)


def _nominal_seconds(intros: int, scale: float) -> float:
    """The same at Slack's nominal rate, without the burst or the sender's small margin."""
    rate = SLACK_LIMITS.scaled(scale).for_method(OPEN_CONVERSATION)
    assert rate is not None
    return intros / rate.allowed_per_second()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intros", type=int, default=150)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = Slack's real tiers")
    parser.add_argument(
        "--server-url",
        default=os.environ.get(
            "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
        help="a PostgreSQL server; a scratch database is created on it and dropped",
    )
    parser.add_argument("--seed", type=int, default=random.randrange(1_000_000))
    parser.add_argument("--serve-fake", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fake is not None:
        _serve_fake(args.serve_fake)
        return 0
    if not is_reachable(args.server_url):
        print(f"no PostgreSQL answers at {args.server_url}: replicas need one", file=sys.stderr)
        return 2

    lease = DEFAULT_LEASE.total_seconds() / args.scale
    healthy = _healthy_seconds(args.intros, args.scale)
    nominal = _nominal_seconds(args.intros, args.scale)
    print(
        f"{args.intros} intros, {len(WORKERS)} sender processes, Slack's tiers x{args.scale:g} "
        f"with {POST_FAILURES:.0%} 5xx on posts (seed {args.seed}); lease {lease:g} s"
    )
    print(
        f"one healthy sender at its pace: {healthy:.1f} s "
        f"(at Slack's nominal 50 opens a minute: {nominal:.1f} s)"
    )
    ok = True
    baseline = None
    for kill in (False, True):
        result = _run(args.server_url, args.intros, args.scale, kill=kill, seed=args.seed)
        label = "two killed with SIGKILL" if kill else "all healthy"
        line = (
            f"{label:<24} {result.seconds:7.1f} s  {result.seconds / healthy:6.1%} of one "
            f"healthy sender; exactly once: {result.exactly_once}; 429s: "
            f"{sum(result.rate_limited.values())}; 5xx posts retried: {result.post_failures}"
        )
        if baseline is not None:
            line += f"; {result.seconds / baseline - 1:+.1%} against all healthy"
        print(line)
        if kill:
            taken = ", ".join(f"{a:.1f}-{b:.1f} s" for a, b in result.takeover_seconds)
            print(
                f"  rows held by each killed sender: {result.held_at_kills}; taken over "
                f"(first-last row) after the kill: {taken} (lease {lease:g} s)"
            )
        baseline = baseline or result.seconds
        ok = ok and result.exactly_once and not sum(result.rate_limited.values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
