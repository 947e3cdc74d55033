"""One wrapper for every job: one log line per run, and no failure ever escapes.

A scheduler thread must survive a failing job (the next tick tries again), so this is
the one place where any exception is caught. The line itself comes from
`bot.core.logging_setup.job_log`, the single way jobs are logged: `job done` (or `job failed`
with the traceback), the job's name, its workspace when it has one, its duration and,
for jobs that return a number (rounds run, messages attempted), that number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.core.logging_setup import job_log

T = TypeVar("T")


def run_job(name: str, job: Callable[[], T], *, team_id: str | None = None) -> T | None:
    """Run `job` and return its result, or None when it failed (already logged)."""
    try:
        with job_log(name, team_id=team_id) as run:
            result = job()
            if isinstance(result, int) and not isinstance(result, bool):
                run.count = result
    except Exception:  # the job boundary: job_log logged it; the next tick retries
        return None
    return result
