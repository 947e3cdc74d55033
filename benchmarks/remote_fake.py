"""A fake Slack in a process of its own, as Slack is: it does not share a benchmark's GIL.

A benchmark starts its own script again with ``--serve-fake CONFIG`` (:class:`RemoteFake`);
that process serves the fake with :func:`serve`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tests.support.fake_slack import FakeSlack


def intro_users(n: int) -> tuple[str, str]:
    """The two people of the benchmarks' intro number `n`."""
    return f"UA{n:05d}", f"UB{n:05d}"


def serve(
    limits: Mapping[str, Sequence[float]],
    report: Callable[[FakeSlack], dict[str, Any]],
    *,
    intros: int,
    prepare: Callable[[FakeSlack], None] | None = None,
) -> None:
    """Serve a fake Slack that enforces `limits` (calls, seconds per method) per workspace,
    knows the people of `intros` intros (it refuses a DM with anyone else) and is set up
    further by `prepare`: print its base URL, serve until a line arrives on stdin, then
    print what `report` makes of what it saw, as one line of JSON."""
    with FakeSlack() as fake:
        fake.ts_clock = time.time
        fake.enforce_rate_limits({k: tuple(v) for k, v in limits.items()})
        for n in range(intros):
            for user in intro_users(n):
                fake.add_user(user)
        if prepare is not None:
            prepare(fake)
        print(fake.base_url, flush=True)
        sys.stdin.readline()
        print(json.dumps(report(fake)), flush=True)


class RemoteFake:
    """`script --serve-fake CONFIG` in a child process; :attr:`base_url` is where it serves."""

    def __init__(self, script: str, config: object) -> None:
        self.process = subprocess.Popen(
            [sys.executable, script, "--serve-fake", json.dumps(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().strip()

    def finish(self, timeout: float = 60) -> dict[str, Any]:
        """Stop the fake; returns its report."""
        assert self.process.stdout is not None and self.process.stdin is not None
        self.process.stdin.write("done\n")
        self.process.stdin.flush()
        seen = json.loads(self.process.stdout.readline())
        self.process.wait(timeout=timeout)
        return seen
