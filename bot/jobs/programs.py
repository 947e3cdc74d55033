"""The programs' part of the minute tick: due program rounds, the one reminder a week
after an invitation, and finishing programs whose last day is over."""

from __future__ import annotations

from functools import partial

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.jobs.run_job import run_job
from bot.services.program_rounds import due_program_rounds, run_program_round
from bot.services.programs import ended_programs, finish_program, send_reminders


def run_program_jobs(deps: Deps) -> int:
    """Everything programs need this minute; how many rounds ran."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        due = due_program_rounds(session, now)
    ran = 0
    for team_id, program_id, occurrence in due:
        outcome = run_job(
            "program-round",
            partial(
                run_program_round,
                deps,
                team_id,
                program_id=program_id,
                occurrence=occurrence,
                now=now,
            ),
            team_id=team_id,
        )
        ran += outcome is not None
    with transaction(deps.sessions) as session:
        send_reminders(session, now)
    with transaction(deps.sessions) as session:
        for program, schedule in ended_programs(session, now):
            finish_program(session, program, schedule, now)
    return ran
