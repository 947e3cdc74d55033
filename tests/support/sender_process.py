"""Run the outbox sender as its own process, the way a worker process runs it.

    python -m tests.support.sender_process --database-url URL --slack-api-url URL \
        [--worker-id W] [--lease SECONDS] [--http-timeout SECONDS] [--rate-scale F]
        [--claim-batch N] [--in-flight N] [--backoff-base SECONDS] [--no-shared-pacing]
        [--until-idle]

Used by tests that kill a sender with SIGKILL mid-fan-out and start another, and by tests
that race two senders. It prints one line, ``ready``, once started, and exits 0 when
`--until-idle` finds nothing left to deliver (or on SIGTERM).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from datetime import timedelta

from bot.core.config import Settings
from bot.core.deps import build_deps
from bot.core.send_limits import SLACK_LIMITS
from bot.delivery.sender import DEFAULT_LEASE, run_sender


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--slack-api-url", required=True)
    parser.add_argument("--token", default="xoxb-test")
    parser.add_argument("--worker-id", default="worker")
    parser.add_argument("--lease", type=float, default=DEFAULT_LEASE.total_seconds())
    parser.add_argument("--http-timeout", type=float, default=10.0)
    parser.add_argument("--rate-scale", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--claim-batch", type=int, default=200)
    parser.add_argument("--in-flight", type=int, default=None, help="rows held per workspace")
    parser.add_argument("--backoff-base", type=float, default=2.0)
    parser.add_argument(
        "--no-shared-pacing",
        action="store_true",
        help="pace this process on its own (to measure what sharing the pace changes)",
    )
    parser.add_argument("--until-idle", action="store_true")
    args = parser.parse_args(argv)

    settings = Settings(
        _env_file=None,
        slack_bot_token=args.token,
        slack_api_url=args.slack_api_url,
        database_url=args.database_url,
    )
    deps = build_deps(settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    run_sender(
        deps,
        stop,
        worker_id=args.worker_id,
        until_idle=args.until_idle,
        idle_wait=0.1,
        limits=SLACK_LIMITS.scaled(args.rate_scale),
        lease=timedelta(seconds=args.lease),
        http_timeout=args.http_timeout,
        concurrency=args.concurrency,
        claim_batch=args.claim_batch,
        per_workspace_in_flight=args.in_flight,
        backoff_base=args.backoff_base,
        shared_pacing=False if args.no_shared_pacing else None,
    )
    deps.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
