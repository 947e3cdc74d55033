"""Background work of a process: APScheduler ticking once a minute, and the sender loop.

Job stores are never shared between processes (APScheduler 3 can't do that safely):
each process ticks on its own and the database makes sure work happens once.

Delivery runs in its own thread rather than inside the tick: a fan-out paced to Slack's
limits can take longer than a minute, and it must never hold back the next round or
check-in pass.
"""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from bot.core.deps import Deps
from bot.delivery.sender import run_sender
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
    scheduler.add_job(
        tick,
        "interval",
        seconds=TICK_SECONDS,
        kwargs={"deps": deps},
        id="tick",
        next_run_time=datetime.now(UTC),
    )
    return scheduler


@dataclass
class BackgroundWork:
    scheduler: BackgroundScheduler
    sender: threading.Thread
    stop_sending: threading.Event

    def shutdown(self, *, wait: bool = True) -> None:
        self.stop_sending.set()
        self.scheduler.shutdown(wait=wait)
        if wait:
            self.sender.join()


def start_background_work(deps: Deps) -> BackgroundWork:
    """Start the minute tick (rounds, check-ins) and the sender loop in this process."""
    name = worker_name()
    scheduler = build_scheduler(deps)
    stop = threading.Event()
    sender = threading.Thread(
        target=run_sender, args=(deps, stop), kwargs={"worker_id": name}, name="sender", daemon=True
    )
    scheduler.start()
    sender.start()
    return BackgroundWork(scheduler=scheduler, sender=sender, stop_sending=stop)
