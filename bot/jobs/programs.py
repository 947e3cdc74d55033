"""The programs' part of the minute tick: due program rounds (after inviting whoever joined
the program's user groups since), held for an admin's Send when the workspace approves
rounds; the one reminder a week after an invitation; and finishing programs whose last
day is over (a round of theirs still waiting for a Send never goes out)."""

from __future__ import annotations

import logging
from functools import partial

from bot.core.deps import Deps
from bot.db.models import Program
from bot.db.session import transaction
from bot.jobs.run_job import run_job
from bot.services.program_rounds import due_program_rounds
from bot.services.programs import (
    ended_programs,
    finish_program,
    program_groups,
    send_reminders,
)
from bot.services.round_approvals import (
    approval_of,
    end_program_drafts,
    run_or_ask_program_round,
)
from bot.slack.client import interactive_client
from bot.slack.tokens import bot_token_for
from bot.slack.usergroups import UserGroupsUnreadable, group_members

log = logging.getLogger(__name__)


def read_groups(deps: Deps, team_id: str, groups: tuple[str, ...]) -> dict[str, list[str]]:
    """Who is in each of the user groups now, as Slack says; a group Slack didn't answer
    for is left out (its newcomers are invited at a later round), and a deleted one is
    empty."""
    if not groups:
        return {}
    token = bot_token_for(deps, team_id=team_id)
    if token is None:
        return {}
    client = interactive_client(deps.settings, token)
    found: dict[str, list[str]] = {}
    for group in groups:
        try:
            members = group_members(client, group)
        except UserGroupsUnreadable as unreadable:
            log.warning(
                "program user group not read",
                extra={"team_id": team_id, "error": unreadable.problem},
            )
            continue
        found[group] = members or []
    return found


def _groups_of(deps: Deps, program_id: int) -> tuple[str, ...]:
    with deps.sessions() as session:
        program = session.get(Program, program_id)
        return program_groups(program) if program is not None else ()


def run_program_jobs(deps: Deps) -> int:
    """Everything programs need this minute; how many rounds ran."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        # A round already waiting for an admin's Send is not due again.
        due = [
            (team_id, program_id, occurrence)
            for team_id, program_id, occurrence in due_program_rounds(session, now)
            if approval_of(session, team_id, occurrence.key) is None
        ]
    ran = 0
    for team_id, program_id, occurrence in due:
        outcome = run_job(
            "program-round",
            partial(
                run_or_ask_program_round,
                deps,
                team_id,
                program_id=program_id,
                occurrence=occurrence,
                now=now,
                group_members=read_groups(deps, team_id, _groups_of(deps, program_id)),
            ),
            team_id=team_id,
        )
        ran += outcome is not None
    with transaction(deps.sessions) as session:
        send_reminders(session, now)
    with transaction(deps.sessions) as session:
        for program, schedule in ended_programs(session, now):
            if finish_program(session, program, schedule, now):
                end_program_drafts(session, program, schedule, now)
    return ran
