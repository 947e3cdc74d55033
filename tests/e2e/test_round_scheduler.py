"""A process's background work: the tick runs at once and then every minute, and the
sender thread delivers what the round queued."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from bot.db.models import Round
from bot.jobs.scheduler import TICK_SECONDS, start_background_work
from bot.jobs.tick import tick
from tests.e2e.cycle_helpers import add_person, finish_setup, posts


def test_started_scheduler_runs_the_due_round_and_sends_the_intro(deps, fake_slack, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick(deps)  # creates the schedule at 08:00
    clock.advance(hours=1)
    background = start_background_work(deps)
    try:
        [job] = background.scheduler.get_jobs()
        assert job.trigger.interval.total_seconds() == TICK_SECONDS
        deadline = time.monotonic() + 10
        while not posts(fake_slack, channel_prefix="G") and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        background.shutdown(wait=True)
    assert not background.sender.is_alive()
    assert len(posts(fake_slack, channel_prefix="G")) == 1
    with deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Round)) == 1
