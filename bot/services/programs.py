"""Programs: created by an admin with the people it invites, answered by each person,
reminded once, and finished with the ending questions and a report.

Nobody is ever added to a program: an invitation row records who was asked and what they
answered, and only those who said "join" take part in its rounds (bot/services/
program_rounds.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.cycle.checkins import Answer
from bot.cycle.schedule import zone
from bot.db.models import (
    CheckIn,
    CheckInAnswer,
    InvitationStatus,
    Member,
    MentoringRequest,
    Offer,
    Pair,
    PairStatus,
    Program,
    ProgramAdmin,
    ProgramInvitation,
    RequestStatus,
    Round,
    Schedule,
)
from bot.db.session import rowcount
from bot.delivery.outbox import enqueue_reply
from bot.domain.program_health import PeriodHealth
from bot.domain.programs import ANYONE, GROUP, ProgramCard, ProgramDraft, ProgramReport
from bot.services.goal_stats import goals_overview
from bot.services.pair_endings import ask_for_feedback
from bot.services.schedules import ensure_schedule
from bot.ui import programs as programs_ui

REMIND_AFTER = timedelta(days=7)
PROGRAM_ROUND = "program"  # Round.trigger of a program's own round
INVITATION = "program_invitation"  # outbox kinds
REPORT = "program_report"


def program_period(program_id: int, key: str) -> str:
    """The claim row's period of one program round: unique beside the everyday rounds'."""
    return f"program={program_id}:{key}"


def local_today(schedule: Schedule, now: datetime) -> date:
    return now.astimezone(zone(schedule.timezone)).date()


def program_end(schedule: Schedule, program: Program) -> datetime:
    """The moment a program is over: midnight after its last day, in the workspace's zone."""
    return datetime.combine(
        program.ends_on + timedelta(days=1), time(), tzinfo=zone(schedule.timezone)
    )


def card_of(program: Program, invitation: ProgramInvitation, labels: Sequence[str]) -> ProgramCard:
    return ProgramCard(
        program_id=program.id,
        name=program.name,
        starts_on=program.starts_on,
        ends_on=program.ends_on,
        cadence=program.cadence,
        focus=tuple(labels),
        status=invitation.status,
        may_learn=invitation.may_learn,
        may_teach=invitation.may_teach,
    )


def _focus_labels(program: Program) -> list[str]:
    # Stored as [slug, label] pairs: the label is what the admin typed.
    return [str(label) for _slug, label in program.focus_skills]


def focus_slugs(program: Program) -> set[str]:
    return {str(slug) for slug, _label in program.focus_skills}


def _active_members(session: Session, team_id: str) -> list[str]:
    return list(
        session.scalars(
            select(Member.slack_user_id)
            .where(Member.team_id == team_id, Member.active.is_(True))
            .order_by(Member.id)
        )
    )


def _invitees(
    session: Session,
    team_id: str,
    draft: ProgramDraft,
    group_members: Mapping[str, Sequence[str]],
) -> dict[str, tuple[bool, bool]]:
    """Slack user id -> (may learn, may teach), for everyone the program is open to.
    `group_members`: the members of each user group the draft names, as Slack said."""
    anyone = ANYONE in (draft.learners, draft.teachers)
    everyone = _active_members(session, team_id) if anyone else []

    def audience(choice: str, listed: Sequence[str], group: str | None) -> list[str]:
        if choice == ANYONE:
            return everyone
        if choice == GROUP:
            return list(group_members.get(group or "", ()))
        return list(listed)

    learners = audience(draft.learners, draft.learner_ids, draft.learner_group)
    teachers = audience(draft.teachers, draft.teacher_ids, draft.teacher_group)
    may_learn, may_teach = set(learners), set(teachers)
    return {
        user: (user in may_learn, user in may_teach)
        for user in dict.fromkeys([*everyone, *learners, *teachers])
        if user in may_learn or user in may_teach
    }


def _invite(
    session: Session,
    program: Program,
    invitees: Mapping[str, tuple[bool, bool]],
    now: datetime,
) -> None:
    for user, (may_learn, may_teach) in invitees.items():
        invitation = ProgramInvitation(
            team_id=program.team_id,
            program_id=program.id,
            slack_user_id=user,
            may_learn=may_learn,
            may_teach=may_teach,
            status=InvitationStatus.INVITED,
            invited_at=now,
        )
        session.add(invitation)
        _queue_invitation(session, program, invitation, now, step="invite")
    session.flush()


def _queue_invitation(
    session: Session, program: Program, invitation: ProgramInvitation, now: datetime, *, step: str
) -> None:
    card = card_of(program, invitation, _focus_labels(program))
    enqueue_reply(
        session,
        programs_ui.invitation_message(card, reminder=step == "remind"),
        team_id=program.team_id,
        key=f"program={program.id}:{step}:{invitation.slack_user_id}",
        kind=INVITATION,
        not_before=now,
        users=(invitation.slack_user_id,),
    )


def create_program(
    session: Session,
    draft: ProgramDraft,
    *,
    team_id: str,
    created_by: str,
    now: datetime,
    group_members: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Program, int]:
    """Store the program and queue one invitation per person it is open to; returns the
    program and how many were invited. `group_members` holds the members of the user
    groups the draft names (read from Slack by the caller)."""
    ensure_schedule(session, team_id, now)
    program = Program(
        team_id=team_id,
        name=draft.name,
        starts_on=draft.starts_on,
        ends_on=draft.ends_on,
        cadence=draft.cadence,
        learners=draft.learners,
        teachers=draft.teachers,
        focus_skills=[list(skill) for skill in draft.focus_skills],
        counts_in_pool=draft.counts_in_pool,
        learner_group=draft.learner_group,
        teacher_group=draft.teacher_group,
        created_by=created_by,
        created_at=now,
    )
    session.add(program)
    session.flush()
    invitees = _invitees(session, team_id, draft, group_members or {})
    _invite(session, program, invitees, now)
    return program, len(invitees)


def program_groups(program: Program) -> tuple[str, ...]:
    """The user groups a program is open to, each once (none for most programs)."""
    named = (
        program.learner_group if program.learners == GROUP else None,
        program.teacher_group if program.teachers == GROUP else None,
    )
    return tuple(dict.fromkeys(group for group in named if group))


def invite_group_newcomers(
    session: Session,
    program: Program,
    group_members: Mapping[str, Sequence[str]],
    now: datetime,
) -> int:
    """Invite the people now in the program's user groups who were never asked (they
    joined a group after the program was made); returns how many. An invitation, never
    an enrolment: they take part once they say yes, from the following round. Someone
    asked for one role who has not answered yet and is now in the other role's group may
    take either. Groups missing from `group_members` (Slack didn't answer) are left for
    the next round."""
    if program.reported_at is not None:
        return 0
    invitations = session.scalars(
        select(ProgramInvitation).where(ProgramInvitation.program_id == program.id)
    ).all()
    asked = {invitation.slack_user_id: invitation for invitation in invitations}
    learners = set(group_members.get(program.learner_group or "", ()))
    teachers = set(group_members.get(program.teacher_group or "", ()))
    if program.learners != GROUP:
        learners = set()
    if program.teachers != GROUP:
        teachers = set()
    for user, invitation in asked.items():
        # Someone who joined the other role's group before answering may now take either
        # role: their App Home card and the one reminder offer both. An answer stands.
        if invitation.status == InvitationStatus.INVITED:
            invitation.may_learn = invitation.may_learn or user in learners
            invitation.may_teach = invitation.may_teach or user in teachers
    newcomers = [u for u in dict.fromkeys([*learners, *teachers]) if u not in asked]
    if not newcomers:
        return 0
    members = set(_active_members(session, program.team_id))
    anyone_learns, anyone_teaches = program.learners == ANYONE, program.teachers == ANYONE
    invitees = {
        user: (
            user in learners or (anyone_learns and user in members),
            user in teachers or (anyone_teaches and user in members),
        )
        for user in newcomers
    }
    _invite(session, program, invitees, now)
    return len(invitees)


@dataclass(frozen=True)
class Answered:
    card: ProgramCard
    has_skills: bool  # learners: an open request; teachers: an offer


ANSWERS = {
    "learner": InvitationStatus.LEARNER,
    "teacher": InvitationStatus.TEACHER,
    "declined": InvitationStatus.DECLINED,
}


def _has_skills(session: Session, team_id: str, user_id: str, status: str) -> bool:
    member_id = session.scalar(
        select(Member.id).where(Member.team_id == team_id, Member.slack_user_id == user_id)
    )
    if member_id is None:
        return False
    if status == InvitationStatus.LEARNER:
        found = session.scalar(
            select(MentoringRequest.id).where(
                MentoringRequest.member_id == member_id,
                MentoringRequest.status == RequestStatus.OPEN,
            )
        )
    else:
        found = session.scalar(select(Offer.id).where(Offer.member_id == member_id))
    return found is not None


def answer_invitation(
    session: Session, *, team_id: str, user_id: str, program_id: int, answer: str, now: datetime
) -> Answered | None:
    """Record the person's answer; None when they were never invited, the program is over,
    or the answer is not one their invitation allows (a forged click)."""
    found = session.execute(
        select(Program, ProgramInvitation)
        .join(ProgramInvitation, ProgramInvitation.program_id == Program.id)
        .where(
            Program.id == program_id,
            Program.team_id == team_id,
            ProgramInvitation.slack_user_id == user_id,
        )
    ).one_or_none()
    status = ANSWERS.get(answer)
    if found is None or status is None:
        return None
    program, invitation = found
    schedule = ensure_schedule(session, team_id, now)
    if local_today(schedule, now) > program.ends_on:
        return None
    if (status == InvitationStatus.LEARNER and not invitation.may_learn) or (
        status == InvitationStatus.TEACHER and not invitation.may_teach
    ):
        return None
    invitation.status = status
    invitation.answered_at = now
    session.flush()
    return Answered(
        card=card_of(program, invitation, _focus_labels(program)),
        has_skills=status != InvitationStatus.DECLINED
        and _has_skills(session, team_id, user_id, status),
    )


def cards_for(session: Session, *, team_id: str, user_id: str, now: datetime) -> list[ProgramCard]:
    """The programs, not yet over, that a person is in or invited to (not the declined).

    Reads only: App Home is published for people and workspaces not stored yet."""
    timezone = session.scalar(select(Schedule.timezone).where(Schedule.team_id == team_id))
    today = now.astimezone(zone(timezone or "UTC")).date()
    rows = session.execute(
        select(Program, ProgramInvitation)
        .join(ProgramInvitation, ProgramInvitation.program_id == Program.id)
        .where(
            Program.team_id == team_id,
            Program.ends_on >= today,
            ProgramInvitation.slack_user_id == user_id,
            ProgramInvitation.status != InvitationStatus.DECLINED,
        )
        .order_by(Program.starts_on, Program.id)
    ).all()
    return [card_of(program, invitation, _focus_labels(program)) for program, invitation in rows]


def send_reminders(session: Session, now: datetime) -> int:
    """One reminder, a week after the invitation, to whoever hasn't answered; never a
    second one. Returns how many were queued."""
    due = session.execute(
        select(Program, ProgramInvitation)
        .join(ProgramInvitation, ProgramInvitation.program_id == Program.id)
        .where(
            ProgramInvitation.status == InvitationStatus.INVITED,
            ProgramInvitation.reminded_at.is_(None),
            ProgramInvitation.invited_at <= now - REMIND_AFTER,
            Program.reported_at.is_(None),
        )
        .order_by(ProgramInvitation.id)
    ).all()
    sent = 0
    for program, invitation in due:
        # Claimed row by row, so two processes never remind the same person twice.
        claimed = rowcount(
            session.execute(
                update(ProgramInvitation)
                .where(
                    ProgramInvitation.id == invitation.id,
                    ProgramInvitation.reminded_at.is_(None),
                )
                .values(reminded_at=now)
            )
        )
        if claimed:
            _queue_invitation(session, program, invitation, now, step="remind")
            sent += 1
    return sent


def _pairs_of(session: Session, program_id: int) -> list[Pair]:
    return list(session.scalars(select(Pair).where(Pair.program_id == program_id)))


def program_report(session: Session, program: Program, timezone: str) -> ProgramReport:
    """Counts only: who was invited and joined, its pairs round by round, and its learners'
    goals and level change as aggregates under the small-number rule."""
    statuses = list(
        session.scalars(
            select(ProgramInvitation.status).where(ProgramInvitation.program_id == program.id)
        )
    )
    pairs = _pairs_of(session, program.id)
    met_ids = set(
        session.scalars(
            select(CheckIn.pair_id)
            .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
            .where(CheckIn.pair_id.in_([p.id for p in pairs]), CheckInAnswer.answer == Answer.MET)
        )
    )
    rounds = session.execute(
        select(Round.id, Round.ran_at, Round.summary)
        .where(Round.team_id == program.team_id, Round.period.startswith(f"program={program.id}:"))
        .order_by(Round.ran_at, Round.id)
    ).all()
    per_round = []
    for round_id, ran_at, summary in rounds:
        made = [p for p in pairs if p.round_id == round_id]
        local = ran_at.astimezone(zone(timezone))
        left_open = int((summary or {}).get("open_requests", 0) - (summary or {}).get("served", 0))
        per_round.append(
            PeriodHealth(
                label=f"{local:%b} {local.day}",
                new_pairs=len(made),
                pairs_met=sum(1 for p in made if p.id in met_ids),
                open_requests=max(0, left_open),
            )
        )
    return ProgramReport(
        program_id=program.id,
        name=program.name,
        starts_on=program.starts_on,
        ends_on=program.ends_on,
        invited=len(statuses),
        learners=statuses.count(InvitationStatus.LEARNER),
        teachers=statuses.count(InvitationStatus.TEACHER),
        declined=statuses.count(InvitationStatus.DECLINED),
        pairs=len(pairs),
        pairs_met=len(met_ids),
        rounds=len(rounds),
        per_round=tuple(per_round),
        goals=goals_overview(session, program.team_id, program_id=program.id),
    )


def report_recipients(session: Session, program: Program) -> list[str]:
    """Who made the program, and the workspace's named program admins."""
    named = session.scalars(
        select(ProgramAdmin.slack_user_id)
        .where(ProgramAdmin.team_id == program.team_id)
        .order_by(ProgramAdmin.slack_user_id)
    )
    # created_by is empty once its author used forget-me.
    return [user for user in dict.fromkeys([program.created_by, *named]) if user]


def finish_program(session: Session, program: Program, schedule: Schedule, now: datetime) -> bool:
    """Once a program is over: its pairs get the ending questions, and admins its report.
    False when someone else finished it already."""
    claimed = rowcount(
        session.execute(
            update(Program)
            .where(Program.id == program.id, Program.reported_at.is_(None))
            .values(reported_at=now)
        )
    )
    if not claimed:
        return False
    for pair in _pairs_of(session, program.id):
        if pair.status != PairStatus.ACTIVE or pair.ending_asked_cycle >= pair.cycle:
            continue
        pair.ends_at = min(pair.ends_at or now, now)
        ask_for_feedback(session, pair, now)
    report = program_report(session, program, schedule.timezone)
    for admin in report_recipients(session, program):
        enqueue_reply(
            session,
            programs_ui.report_message(report),
            team_id=program.team_id,
            key=f"program={program.id}:report:{admin}",
            kind=REPORT,
            not_before=now,
            users=(admin,),
        )
    return True


def ended_programs(session: Session, now: datetime) -> list[tuple[Program, Schedule]]:
    """Programs whose last day is over and whose report has not gone out."""
    rows = session.execute(
        select(Program, Schedule)
        .join(Schedule, Schedule.team_id == Program.team_id)
        .where(Program.reported_at.is_(None))
        .order_by(Program.id)
    ).all()
    return [(p, s) for p, s in rows if now >= program_end(s, p)]


def find_program(session: Session, team_id: str, name: str) -> Program | None:
    """The workspace's program of that name (case-insensitive), the newest if several."""
    wanted = " ".join(name.split()).casefold()
    for program in session.scalars(
        select(Program).where(Program.team_id == team_id).order_by(Program.id.desc())
    ):
        if program.name.casefold() == wanted:
            return program
    return None


def program_names(session: Session, team_id: str) -> list[str]:
    return list(
        session.scalars(select(Program.name).where(Program.team_id == team_id).order_by(Program.id))
    )
