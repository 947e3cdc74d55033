"""Rounds claimed once: ticks racing in threads (PostgreSQL) or one after another (SQLite)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from bot.db.models import CheckInSweep, OutboxMessage, Pair, Round
from bot.jobs.tick import tick
from bot.services.rounds import run_round
from tests.e2e.cycle_helpers import add_person, deliver, finish_setup, tick_and_deliver


def seed(deps, fake_slack):
    for n in range(6):
        add_person(deps, fake_slack, f"UM{n}", f"Mentor {n}", offers={"python": 3})
        add_person(deps, fake_slack, f"UE{n}", f"Learner {n}", requests={"python": "Learn it"})


def count(deps, model):
    with deps.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_two_ticks_racing_run_the_round_once(deps, fake_slack, clock):
    seed(deps, fake_slack)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    if deps.engine.dialect.name == "postgresql":
        start = threading.Barrier(4)
        outcomes = []

        def race():
            start.wait()
            outcomes.append(run_round(deps, "T1", period="2026-W48", now=clock.now))

        threads = [threading.Thread(target=race) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sum(outcome is not None for outcome in outcomes) == 1
    else:
        tick_and_deliver(deps)
        tick_and_deliver(deps)
    assert run_round(deps, "T1", period="2026-W48", now=clock.now) is None
    tick_and_deliver(deps)
    deliver(deps)
    assert count(deps, Round) == 1
    assert count(deps, Pair) == 6
    assert count(deps, OutboxMessage) == 6
    assert len(fake_slack.calls_to("chat.postMessage")) == 6


def test_checkin_passes_racing_run_once(deps, fake_slack, clock):
    seed(deps, fake_slack)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    clock.advance(days=7)
    threads = [threading.Thread(target=tick, args=(deps,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deliver(deps)
    assert count(deps, CheckInSweep) == 2  # the pairs' own week, then this one
    checkins = [
        c for c in fake_slack.calls_to("chat.postMessage") if "check-in" in c.params["text"].lower()
    ]
    assert len(checkins) == 6
