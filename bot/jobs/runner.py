"""One wrapper for every job: logs its start, end and failure, and never lets one escape.

A scheduler thread must survive a failing job (the next tick tries again), so this is
the one place where any exception is caught — and logged with its traceback.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def run_job(name: str, job: Callable[[], T], *, team_id: str | None = None) -> T | None:
    started = time.perf_counter()
    log.debug("job started", extra={"job": name, "team_id": team_id})
    try:
        result = job()
    except Exception:  # the job boundary: log it and let the next tick retry
        log.exception("job failed", extra={"job": name, "team_id": team_id})
        return None
    log.debug(
        "job finished",
        extra={
            "job": name,
            "team_id": team_id,
            "duration_ms": round((time.perf_counter() - started) * 1000),
        },
    )
    return result
