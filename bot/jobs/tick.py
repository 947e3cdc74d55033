"""The minute tick: run due rounds (or ask admins to approve them) and check-in passes,
and the small clean-ups.

Every process started with the scheduler ticks; the database decides who does what:
a round or a week's check-ins is claimed by a unique row. What they queue is delivered
by the process's sender thread (`jobs.scheduler`), never by the tick.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.cycle.schedule import Occurrence
from bot.db.models import Schedule
from bot.db.session import transaction
from bot.jobs.housekeeping import end_lapsed_pauses, forget_handled_events, nudge_unscheduled_pairs
from bot.jobs.programs import run_program_jobs
from bot.jobs.run_job import run_job
from bot.services.checkin_sweep import run_checkin_sweep
from bot.services.round_approvals import approval_of, remind_waiting, run_scheduled_round
from bot.services.schedules import due_round, due_sweep, ensure_schedule, workspace_ids

# Finds, for one workspace's schedule, the occurrence that is due and not yet claimed.
FindDue = Callable[[Session, Schedule, datetime], Occurrence | None]
# Runs one due occurrence for one workspace.
RunDue = Callable[[str, Occurrence, datetime], object]


def run_due(deps: Deps, job: str, find_due: FindDue, run: RunDue) -> int:
    """Run, each as its own logged job, what `find_due` finds due in every workspace;
    how many of them ran to the end."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        due = []
        for team_id in workspace_ids(session):
            occurrence = find_due(session, ensure_schedule(session, team_id, now), now)
            if occurrence is not None:
                due.append((team_id, occurrence))
    ran = 0
    for team_id, occurrence in due:
        outcome = run_job(job, partial(run, team_id, occurrence, now), team_id=team_id)
        ran += outcome is not None
    return ran


def due_scheduled_round(session: Session, schedule: Schedule, now: datetime) -> Occurrence | None:
    """The due round, unless it is already waiting for an admin's Send."""
    occurrence = due_round(session, schedule, now)
    if occurrence is None or approval_of(session, schedule.team_id, occurrence.key) is not None:
        return None
    return occurrence


def run_due_rounds(deps: Deps) -> int:
    return run_due(
        deps,
        "round",
        due_scheduled_round,
        lambda team_id, occurrence, now: run_scheduled_round(deps, team_id, occurrence, now),
    )


def run_due_checkins(deps: Deps) -> int:
    return run_due(
        deps,
        "checkins",
        due_sweep,
        lambda team_id, occurrence, now: run_checkin_sweep(deps, team_id, occurrence, now),
    )


def tick(deps: Deps) -> None:
    """One pass: programs, then rounds, then check-ins, then the clean-ups."""
    # Programs first: their rounds pick among the people who joined them before the
    # everyday round takes what is left.
    run_job("programs", lambda: run_program_jobs(deps))
    run_job("rounds", lambda: run_due_rounds(deps))
    run_job("approval-reminders", lambda: remind_waiting(deps))
    run_job("checkins", lambda: run_due_checkins(deps))
    run_job("forget-events", lambda: forget_handled_events(deps))
    run_job("end-pauses", lambda: end_lapsed_pauses(deps))
    run_job("meeting-nudges", lambda: nudge_unscheduled_pairs(deps))
