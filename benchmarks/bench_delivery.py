"""Benchmark the outbox sender: a fan-out of intros against a fake Slack enforcing limits.

    python benchmarks/bench_delivery.py [--intros 5000] [--scale 100] [--database-url URL]

Phase 1 sends `--intros` intros, each to a new group DM (conversations.open, then
chat.postMessage); phase 2 sends a follow-up into each of those DMs (chat.postMessage
only). The fake Slack enforces Slack's per-workspace limits over a moving window, and
both it and the sender run `--scale` times faster than Slack, so that the run takes about
a minute while the ratio between the methods stays Slack's. The figure printed per method
is the rate achieved while it was the bottleneck, against the rate Slack allows; the
target is 90 % or more. Every message must be delivered exactly once, with no 429s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.delivery.limits import OPEN_CONVERSATION, POST_MESSAGE, SLACK_LIMITS
from sqlalchemy import select

from benchmarks.remote_fake import RemoteFake, intro_users, serve
from bot.core.config import Settings
from bot.core.deps import build_deps
from bot.db.migrate import upgrade
from bot.db.models import OutboxMessage
from bot.db.session import transaction
from bot.delivery.confirmation import OUTBOX_EVENT_TYPE
from bot.delivery.outbox import enqueue
from bot.delivery.sender import run_sender
from bot.services.people import ensure_workspace
from tests.support.fake_slack import FakeSlack

TARGET = 0.90


def _serve_fake(config_json: str) -> None:
    """The fake Slack's process (see benchmarks.remote_fake)."""
    config = json.loads(config_json)
    serve(config["limits"], _seen, intros=config["intros"])


def _seen(fake: FakeSlack) -> dict[str, object]:
    return {
        "calls": [(c.method, c.at, c.status) for c in fake.calls],
        "messages": [(m["channel"], m["text"], (m.get("metadata") or {})) for m in fake.messages()],
        "rate_limited": sum(fake.rate_limited_count(m) for m in (OPEN_CONVERSATION, POST_MESSAGE)),
    }


def _queue(deps, count: int, *, kind: str, channels: list[str] | None) -> None:
    now = datetime.now(UTC)
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        for n in range(count):
            enqueue(
                session,
                team_id="T1",
                key=f"{kind}:pair={n}",
                kind=kind,
                text=f"{kind} for pair {n}",
                not_before=now,
                channel=channels[n] if channels else None,
                users=() if channels else intro_users(n),
            )


def _send_all(deps, scale: float, concurrency: int) -> float:
    started = time.perf_counter()
    run_sender(
        deps,
        threading.Event(),
        worker_id="bench",
        until_idle=True,
        idle_wait=0.05,
        limits=SLACK_LIMITS.scaled(scale),
        concurrency=concurrency,
    )
    return time.perf_counter() - started


def _rate(times: list[float]) -> float:
    times = sorted(times)
    return (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0


def _row(method: str, achieved: float, allowed: float, note: str = "") -> str:
    share = achieved / allowed
    return f"  {method:<20} {achieved:8.1f}/s of {allowed:8.1f}/s allowed  {share:6.1%}  {note}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intros", type=int, default=5000)
    parser.add_argument("--scale", type=float, default=80.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    parser.add_argument("--serve-fake", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fake is not None:
        _serve_fake(args.serve_fake)
        return 0

    limits = SLACK_LIMITS.scaled(args.scale)
    opens, posts = limits.for_method(OPEN_CONVERSATION), limits.for_method(POST_MESSAGE)
    assert opens is not None and posts is not None
    fake = RemoteFake(
        __file__,
        {
            "limits": {
                OPEN_CONVERSATION: (opens.calls, opens.seconds),
                POST_MESSAGE: (posts.calls, posts.seconds),
            },
            "intros": args.intros,
        },
    )
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or f"sqlite:///{scratch}/bench.db"
        deps = build_deps(
            Settings(
                _env_file=None,
                slack_bot_token=FakeSlack.DEFAULT_TOKEN,
                slack_api_url=fake.base_url,
                database_url=url,
            )
        )
        upgrade(deps.engine)
        print(
            f"{args.intros} intros to new group DMs, then a follow-up in each; Slack's limits "
            f"x{args.scale:g}; database {deps.engine.dialect.name}; "
            f"{args.concurrency} sender threads"
        )
        _queue(deps, args.intros, kind="intro", channels=None)
        first_seconds = _send_all(deps, args.scale, args.concurrency)
        with deps.sessions() as session:
            channels = [
                channel
                for (channel,) in session.execute(
                    select(OutboxMessage.channel).order_by(OutboxMessage.id)
                )
            ]
        _queue(deps, args.intros, kind="follow-up", channels=channels)
        phase_two = time.time()
        second_seconds = _send_all(deps, args.scale, args.concurrency)
        deps.engine.dispose()
    seen = fake.finish(timeout=30)

    ok_calls = [(method, at) for method, at, status in seen["calls"] if status == 200]
    intro_opens = [at for method, at in ok_calls if method == OPEN_CONVERSATION]
    intro_posts = [at for method, at in ok_calls if method == POST_MESSAGE and at < phase_two]
    follow_posts = [at for method, at in ok_calls if method == POST_MESSAGE and at >= phase_two]
    delivered = Counter(
        metadata["event_payload"]["outbox_key"]
        for _channel, _text, metadata in seen["messages"]
        if metadata.get("event_type") == OUTBOX_EVENT_TYPE
    )

    open_rate, follow_rate = _rate(intro_opens), _rate(follow_posts)
    print(f"phase 1: {args.intros} intros in {first_seconds:.1f} s")
    print(_row(OPEN_CONVERSATION, open_rate, opens.allowed_per_second(), "(the bottleneck)"))
    print(_row(POST_MESSAGE, _rate(intro_posts), posts.allowed_per_second(), "(follows the opens)"))
    print(f"phase 2: {args.intros} follow-ups in {second_seconds:.1f} s")
    print(_row(POST_MESSAGE, follow_rate, posts.allowed_per_second(), "(the bottleneck)"))
    exactly_once = len(delivered) == 2 * args.intros and set(delivered.values()) == {1}
    print(f"delivered exactly once: {exactly_once}; 429 answers: {seen['rate_limited']}")
    shares = (
        open_rate / opens.allowed_per_second(),
        follow_rate / posts.allowed_per_second(),
    )
    ok = exactly_once and min(shares) >= TARGET
    print(f"target {TARGET:.0%} of the allowed rate: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
