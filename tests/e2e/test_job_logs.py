"""Job logs through the real tick on the database: one line per job run, with workspace,
job name and duration, and never a token or anything a person wrote."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.core.deps import Deps
from bot.core.logging_setup import ContextFormatter
from bot.db.models import CheckIn, CheckInAnswer, Member
from bot.db.session import make_engine, make_session_factory, transaction
from bot.jobs.tick import tick
from tests.conftest import BOT_TOKEN
from tests.e2e.cycle_helpers import (
    add_person,
    deliver,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)

FORMAT = ContextFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
PRIVATE_NOTE = "I worry my manager reads this"
PRIVATE_GOAL = "Prepare for my salary talk in March"


def job_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "mentorbot.jobs"]


def test_each_job_run_logs_one_line_and_nothing_private(deps, fake_slack, clock, caplog):
    add_person(deps, fake_slack, "U1", "Ada", offers={"negotiation": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"negotiation": PRIVATE_GOAL})
    caplog.set_level(logging.DEBUG)
    finish_setup(deps)
    clock.advance(hours=1)  # Monday 09:00: the round and the week's check-in pass are due
    tick(deps)
    [pair] = pairs(deps)

    runs = [(r.job, r.team_id) for r in job_records(caplog)]
    assert sorted(runs, key=str) == sorted(
        [("round", "T1"), ("rounds", None), ("checkins", "T1"), ("checkins", None),
         ("programs", None), ("approval-reminders", None), ("forget-events", None),
         ("end-pauses", None), ("meeting-nudges", None)],
        key=str,
    )  # fmt: skip
    for record in job_records(caplog):
        assert record.getMessage() == "job done"
        assert isinstance(record.duration_ms, int) and record.duration_ms >= 0  # type: ignore[attr-defined]
    deliver(deps)  # the sender thread, not the tick, delivers the intro
    assert len(posts(fake_slack, channel_prefix="G")) == 1

    # A week on, with a private note stored: still one line per run, nothing private.
    with transaction(deps.sessions) as session:
        checkin = CheckIn(team_id="T1", pair_id=pair.id, period="p", number=1, sent_at=clock())
        session.add(checkin)
        session.flush()
        ada = session.scalar(select(Member).where(Member.slack_user_id == "U1"))
        session.add(CheckInAnswer(team_id="T1", checkin_id=checkin.id, member_id=ada.id,
                                  answer="met", note=PRIVATE_NOTE))  # fmt: skip
    caplog.clear()
    clock.advance(days=7)
    tick_and_deliver(deps)
    assert len(job_records(caplog)) == 9
    everything = "\n".join(FORMAT.format(r) for r in caplog.records)
    for secret in (BOT_TOKEN, PRIVATE_NOTE, PRIVATE_GOAL):
        assert secret not in everything


def test_failing_jobs_are_one_error_line_each_and_the_tick_goes_on(deps, tmp_path, caplog):
    # A database that can't be opened: every job fails for real.
    broken = make_engine(f"sqlite:///{tmp_path}/missing/folder/mentorbot.db")
    unreachable = Deps(settings=deps.settings, engine=broken,
                       sessions=make_session_factory(broken), clock=deps.clock)  # fmt: skip
    caplog.set_level(logging.INFO)
    tick(unreachable)  # does not raise
    failed = job_records(caplog)
    assert [r.job for r in failed] == [
        "programs", "rounds", "approval-reminders", "checkins", "forget-events", "end-pauses",
        "meeting-nudges",
    ]  # fmt: skip  # type: ignore[attr-defined]
    for record in failed:
        assert record.levelname == "ERROR" and record.getMessage() == "job failed"
        assert "Traceback" in FORMAT.format(record)
