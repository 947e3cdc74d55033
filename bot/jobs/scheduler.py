"""APScheduler in each process that runs jobs: an in-memory store, one tick a minute.

Job stores are never shared between processes (APScheduler 3 can't do that safely):
each process ticks on its own and the database makes sure work happens once.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from bot.deps import Deps
from bot.jobs.tick import tick

TICK_SECONDS = 60


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def build_scheduler(deps: Deps) -> BackgroundScheduler:
    """A scheduler (not started) that ticks every minute, starting now."""
    scheduler = BackgroundScheduler(
        jobstores={"default": MemoryJobStore()},
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": TICK_SECONDS},
        timezone=UTC,
    )
    name = worker_name()
    scheduler.add_job(
        tick,
        "interval",
        seconds=TICK_SECONDS,
        kwargs={"deps": deps, "worker_id": name},
        id="tick",
        next_run_time=datetime.now(UTC),
    )
    return scheduler


def start_scheduler(deps: Deps) -> BackgroundScheduler:
    scheduler = build_scheduler(deps)
    scheduler.start()
    return scheduler
