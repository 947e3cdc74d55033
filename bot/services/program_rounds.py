"""A program's own rounds: on its cadence, within its dates, with only the people who
joined it — learners with what they asked to learn, teachers with what they offer.

The engine and its rules are the everyday rounds' (matched by skill, never by title);
a program only narrows who takes part and, with focus skills, which skills.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.cycle.schedule import Cadence, Occurrence, ScheduleRule, is_known_zone, latest_due
from bot.db.models import InvitationStatus, Program, ProgramInvitation, Round, Schedule
from bot.db.session import transaction
from bot.domain.round_preview import RoundOutcome
from bot.matching import Participant, RoundResult, match_round
from bot.services.period_claims import claim_period
from bot.services.programs import (
    PROGRAM_ROUND,
    focus_slugs,
    invite_group_newcomers,
    local_today,
    program_end,
    program_period,
)
from bot.services.rounds import OnRun, RoundInput, _store_pair, load_round_input
from bot.services.schedules import DEFAULT_ZONE, ensure_schedule
from bot.services.two_way import fold_two_way

log = logging.getLogger(__name__)


def program_rule(schedule: Schedule, program: Program) -> ScheduleRule:
    """The workspace's day and time, the program's cadence, counted from its start."""
    return ScheduleRule(
        weekday=schedule.weekday,
        at=time(schedule.hour, schedule.minute),
        timezone=schedule.timezone if is_known_zone(schedule.timezone) else DEFAULT_ZONE,
        cadence=Cadence(program.cadence),
        anchor=program.starts_on,
    )


def due_program_round(
    session: Session, schedule: Schedule, program: Program, now: datetime
) -> Occurrence | None:
    """The program's round that is due now and has not run, if any: never before the
    program existed, before its first day or after its last."""
    occurrence = latest_due(program_rule(schedule, program), now)
    if occurrence is None or occurrence.at < program.created_at:
        return None
    day = local_today(schedule, occurrence.at)
    if not program.starts_on <= day <= program.ends_on:
        return None
    period = program_period(program.id, occurrence.key)
    taken = session.scalar(
        select(Round.id).where(Round.team_id == program.team_id, Round.period == period)
    )
    return None if taken is not None else Occurrence(key=period, at=occurrence.at)


def due_program_rounds(session: Session, now: datetime) -> list[tuple[str, int, Occurrence]]:
    """(team, program id, occurrence) of every program round due now."""
    due = []
    programs = session.scalars(
        select(Program).where(Program.reported_at.is_(None)).order_by(Program.id)
    ).all()
    for program in programs:
        schedule = ensure_schedule(session, program.team_id, now)
        occurrence = due_program_round(session, schedule, program, now)
        if occurrence is not None:
            due.append((program.team_id, program.id, occurrence))
    return due


def _joined(session: Session, program_id: int) -> tuple[set[str], set[str]]:
    learners: set[str] = set()
    teachers: set[str] = set()
    for user, status in session.execute(
        select(ProgramInvitation.slack_user_id, ProgramInvitation.status).where(
            ProgramInvitation.program_id == program_id
        )
    ):
        if status == InvitationStatus.LEARNER:
            learners.add(user)
        elif status == InvitationStatus.TEACHER:
            teachers.add(user)
    return learners, teachers


def narrow_to_program(
    participants: list[Participant],
    *,
    learners: set[str],
    teachers: set[str],
    focus: set[str],
) -> list[Participant]:
    """Only the program's people: learners keep their requests, teachers their offers,
    both within the focus skills when the program has any (pure)."""

    def kept(skills: dict[str, int]) -> dict[str, int]:
        return {slug: v for slug, v in skills.items() if not focus or slug in focus}

    narrowed = []
    for person in participants:
        offers = kept(dict(person.offers)) if person.id in teachers else {}
        requests = kept(dict(person.requests)) if person.id in learners else {}
        if offers or requests:
            narrowed.append(
                dataclasses.replace(
                    person,
                    offers=offers,
                    requests=requests,
                    capacity=person.capacity if offers else 0,
                )
            )
    return narrowed


@dataclasses.dataclass(frozen=True, slots=True)
class ProgramPlan:
    """A program round worked out: who takes part and the engine's answer."""

    input: RoundInput  # the workspace's round input, narrowed to the program's people
    result: RoundResult

    @property
    def people(self) -> list[Participant]:
        return list(self.input.participants)

    def counts(self) -> tuple[int, int, int]:
        """Pairs, requests served and requests left unserved (counts only)."""
        pairs = len(fold_two_way(self.result.pairs))
        return pairs, len(self.result.pairs), len(self.result.unserved)


def plan_program_round(
    session: Session, schedule: Schedule, program: Program, now: datetime
) -> ProgramPlan:
    """The program's round as it would run now: eligibility read afresh, nothing stored."""
    data = load_round_input(session, schedule, now, every_pair=True)
    learners, teachers = _joined(session, program.id)
    people = narrow_to_program(
        data.participants, learners=learners, teachers=teachers, focus=focus_slugs(program)
    )
    result = match_round(
        people,
        history=data.history,
        blocks=data.blocks,
        settings=data.settings,
        skill_labels=data.labels,
    )
    return ProgramPlan(input=dataclasses.replace(data, participants=people), result=result)


def program_is_open(schedule: Schedule, program: Program, now: datetime) -> bool:
    """Whether the program still runs rounds: not finished, its last day not over."""
    return program.reported_at is None and now < program_end(schedule, program)


def run_program_round(
    deps: Deps,
    team_id: str,
    *,
    program_id: int,
    occurrence: Occurrence,
    now: datetime,
    group_members: Mapping[str, Sequence[str]] | None = None,
    on_run: OnRun | None = None,
) -> RoundOutcome | None:
    """Run one program round; what it made, or None when it already ran.

    `group_members`: who is in the program's user groups now. Whoever joined a group since
    the program was made is invited by the process that claimed the round (so only once);
    they are not in this round: they take part once they say yes.

    `on_run` runs in the round's own transaction (as for the workspace's round): if it
    raises, nothing of the round stays."""
    with transaction(deps.sessions) as session:
        program = session.get(Program, program_id)
        if program is None or program.team_id != team_id:
            return None
        schedule = ensure_schedule(session, team_id, now)
        claim = Round(team_id=team_id, period=occurrence.key, trigger=PROGRAM_ROUND, ran_at=now)
        if not claim_period(session, claim):
            return None
        invited = invite_group_newcomers(session, program, group_members or {}, now)
        plan = plan_program_round(session, schedule, program, now)
        end = program_end(schedule, program)
        stored = []
        for folded in fold_two_way(plan.result.pairs):
            row = _store_pair(session, plan.input, claim, folded, now)
            row.program_id = program.id
            # The pairing's stretch never outlasts the program.
            row.ends_at = min(row.ends_at or end, end)
            stored.append(row)
        people = plan.people
        claim.input_digest = _digest(plan.input)
        claim.summary = {
            "pairs": len(stored),
            "participants": len(people),
            "open_requests": sum(len(p.requests) for p in people),
            "served": len(plan.result.pairs),
        }
        log.info(
            "program round %s: %d people, %d pairs, %d newly invited",
            occurrence.key,
            len(people),
            len(stored),
            invited,
            extra={"team_id": team_id, "job": "program-round"},
        )
        outcome = RoundOutcome(
            period=occurrence.key,
            pairs=len(stored),
            unmatched_people=len({u.participant for u in plan.result.unserved}),
            summary={k: float(v) for k, v in claim.summary.items()},
        )
        if on_run is not None:
            on_run(session, outcome)
        return outcome


def _digest(data: RoundInput) -> str:
    return data.digest()
