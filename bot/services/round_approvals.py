"""Approve before send: a scheduled round waits for an admin's Send.

When a workspace turns it on, the tick prepares the due round instead of running it: a
`RoundApproval` row (one per period) and a DM to each admin asked to approve it, with the
draft's counts, Open preview and Send. The draft is the round's usual stored draft, so
Lock, Drop, Swap, Add pair and Re-solve shape it as they shape any next round.

Send runs the round through `run_round`, the scheduled round's own code: eligibility is
checked afresh (people who left, paused or filled up since are not paired; locks that can
no longer be kept are left out). The approval row moves from waiting to sent by a
conditional update in the round's own transaction, so two admins clicking at once send one
round. The admins' DMs are then edited in place to say who sent it and when.

Nobody sending within a day brings one reminder, and nothing after it. If the next round
falls due while a draft still waits, the old draft is replaced: it never runs, its locks
and drops carry over to the new round, and the admins' old DMs say so.

Programs' rounds are held the same way, one approval per program round (`program_id` set):
the DM names the program and has no preview (programs have no shaping screen), Send runs
the program's round through `run_program_round`, a program's later round replaces only
that program's waiting draft, and the program's end closes a draft nobody sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.core.deps import Deps
from bot.cycle.schedule import Occurrence
from bot.db.models import AdminChange, Program, Round, RoundApproval, Schedule
from bot.db.models.round_approval import ENDED, REPLACED, SENT, WAITING
from bot.db.session import rowcount, transaction
from bot.delivery.outbox import enqueue_edit, enqueue_reply
from bot.domain.round_approval import (
    AlreadySent,
    ApprovalDraft,
    NoLongerWaiting,
    SendResult,
    Sent,
)
from bot.domain.round_preview import RoundOutcome, RunResult
from bot.services import admin_rounds
from bot.services.admins import named_admins
from bot.services.period_claims import claim_period
from bot.services.program_rounds import plan_program_round, program_is_open, run_program_round
from bot.services.programs import invite_group_newcomers, program_period
from bot.services.round_drafts import draft_rows, solved_shaping
from bot.services.rounds import OnRun, RoundPlan, plan_round, run_round
from bot.services.schedules import ensure_schedule, rule_of
from bot.services.settings import next_round
from bot.services.two_way import fold_two_way
from bot.ui import round_approval as approval_ui
from bot.ui.replies import Reply

REMIND_AFTER = timedelta(hours=24)
ADMINS_LENGTH = 2000  # Schedule.approval_admins and RoundApproval.admins
KIND = "approval"
SEND = "send"  # AdminChange.action of a round an admin sent


def dm_key(period: str, admin: str) -> str:
    return f"approval:{period}:{admin}"


def reminder_key(period: str, admin: str) -> str:
    return f"approval:{period}:{admin}:reminder"


def approvers(session: Session, schedule: Schedule) -> list[str]:
    """Who is asked: every program admin — the named ones, the workspace's Slack owners and
    admins as read when approval was last saved, and the admin who turned it on."""
    people = named_admins(session, schedule.team_id)
    from_slack = [a for a in schedule.approval_admins.split(",") if a]
    for person in [*from_slack, schedule.approve_rounds_by]:
        if person and person not in people:
            people.append(person)
    return people


def remember_slack_admins(session: Session, schedule: Schedule, admins: list[str]) -> None:
    """Store who Slack says owns or administers the workspace, for the tick's DMs."""
    schedule.approval_admins = ",".join(_at_most_stored(sorted(set(admins))))


def keep_slack_admin_current(
    session: Session, *, team_id: str, user_id: str, slack_admin: bool
) -> None:
    """Every admin check reads the person's Slack profile afresh: a workspace owner or
    admin made since approval was saved joins the approval DMs, and one no longer an owner
    or admin leaves them, without waiting for the settings to be saved again."""
    schedule = session.scalar(select(Schedule).where(Schedule.team_id == team_id))
    if schedule is None or not schedule.approve_rounds:
        return
    stored = [admin for admin in schedule.approval_admins.split(",") if admin]
    if slack_admin and user_id not in stored:
        remember_slack_admins(session, schedule, [*stored, user_id])
    elif not slack_admin and user_id in stored:
        remember_slack_admins(session, schedule, [a for a in stored if a != user_id])


def _at_most_stored(admins: list[str]) -> list[str]:
    """As many as the column holds: some 150 admins, more than any workspace asks."""
    kept: list[str] = []
    for admin in admins:
        if len(",".join([*kept, admin])) > ADMINS_LENGTH:
            break
        kept.append(admin)
    return kept


def _admins_of(row: RoundApproval) -> list[str]:
    return [admin for admin in row.admins.split(",") if admin]


def _program_name(session: Session, row: RoundApproval) -> str | None:
    if row.program_id is None:
        return None
    program = session.get(Program, row.program_id)
    return program.name if program is not None else None


def _draft(session: Session, row: RoundApproval, schedule: Schedule, at: datetime) -> ApprovalDraft:
    return ApprovalDraft(
        period=row.period,
        at=at,
        timezone=rule_of(schedule).timezone,
        pairs=row.pairs,
        served=row.served,
        unserved=row.unserved,
        circles=row.circles,
        program=_program_name(session, row),
    )


def waiting_program_rounds(session: Session, schedule: Schedule) -> tuple[ApprovalDraft, ...]:
    """Programs' rounds prepared and still waiting for a Send, oldest first (App Home)."""
    rows = session.scalars(
        select(RoundApproval)
        .where(
            RoundApproval.team_id == schedule.team_id,
            RoundApproval.program_id.is_not(None),
            RoundApproval.status == WAITING,
        )
        .order_by(RoundApproval.prepared_at, RoundApproval.id)
    ).all()
    return tuple(_draft(session, row, schedule, row.prepared_at) for row in rows)


def run_scheduled_round(
    deps: Deps, team_id: str, occurrence: Occurrence, now: datetime
) -> RoundOutcome | ApprovalDraft | None:
    """The tick's round: run it, or, when admins approve rounds, ask them to."""
    with deps.sessions() as session:
        approve = ensure_schedule(session, team_id, now).approve_rounds
        session.rollback()
    if not approve:
        return run_round(deps, team_id, period=occurrence.key, now=now)
    return ask_for_approval(deps, team_id, occurrence, now)


def approval_of(session: Session, team_id: str, period: str) -> RoundApproval | None:
    return session.scalar(
        select(RoundApproval).where(
            RoundApproval.team_id == team_id, RoundApproval.period == period
        )
    )


def run_or_ask_program_round(
    deps: Deps,
    team_id: str,
    *,
    program_id: int,
    occurrence: Occurrence,
    now: datetime,
    group_members: Mapping[str, Sequence[str]] | None = None,
) -> RoundOutcome | ApprovalDraft | None:
    """A program's due round: run it, or, when admins approve rounds, ask them to."""
    with deps.sessions() as session:
        approve = ensure_schedule(session, team_id, now).approve_rounds
        session.rollback()
    if not approve:
        return run_program_round(
            deps,
            team_id,
            program_id=program_id,
            occurrence=occurrence,
            now=now,
            group_members=group_members,
        )
    return _ask(deps, team_id, occurrence, now, program_id=program_id, group_members=group_members)


def ask_for_approval(
    deps: Deps, team_id: str, occurrence: Occurrence, now: datetime
) -> ApprovalDraft | None:
    """Prepare the due round's draft and DM the admins; None when it was prepared already."""
    return _ask(deps, team_id, occurrence, now)


def _ask(
    deps: Deps,
    team_id: str,
    occurrence: Occurrence,
    now: datetime,
    *,
    program_id: int | None = None,
    group_members: Mapping[str, Sequence[str]] | None = None,
) -> ApprovalDraft | None:
    """Claim the approval of the workspace's round, or of one program's round, count what
    it would do and DM the admins; None when it was prepared already."""
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        program = session.get(Program, program_id) if program_id is not None else None
        if program_id is not None and (program is None or program.team_id != team_id):
            return None
        admins = _at_most_stored(approvers(session, schedule))
        row = RoundApproval(
            team_id=team_id,
            period=occurrence.key,
            program_id=program_id,
            status=WAITING,
            prepared_at=now,
            admins=",".join(admins),
        )
        if not claim_period(session, row):
            return None
        replaced = _replace_older(session, schedule, row, occurrence, now)
        if program is None:
            # Counted after the carry-over: the draft as the preview and Send will see it.
            shaping = solved_shaping(session, team_id=team_id, period=row.period)
            plan = plan_round(session, schedule, now, shaping=shaping)
            row.pairs, row.served, row.unserved, row.circles = _counts(plan)
        else:
            # Whoever joined the program's user groups since is invited now, by the process
            # that claimed the round, so once (as when the round runs straight away).
            invite_group_newcomers(session, program, group_members or {}, now)
            counts = plan_program_round(session, schedule, program, now).counts()
            row.pairs, row.served, row.unserved = counts
        draft = _draft(session, row, schedule, occurrence.at)
        if replaced is not None:
            draft = replace(draft, replaces=replaced)
        message = approval_ui.approval_message(draft)
        for admin in admins:
            enqueue_reply(
                session,
                message,
                team_id=team_id,
                key=dm_key(row.period, admin),
                kind=KIND,
                not_before=now,
                users=(admin,),
            )
    return draft


def _counts(plan: RoundPlan) -> tuple[int, int, int, int]:
    """Pairs, requests served, requests left unserved and circles, as the preview counts them."""
    folded = fold_two_way(plan.result.pairs)
    in_circles = sum(len(c.learners) for c in plan.result.circles)
    in_peers = sum(len(p.learners) for p in plan.peers)
    served = len(plan.result.pairs) + in_circles + in_peers
    circles = len(plan.result.circles) + len(plan.peers)
    return len(folded), served, len(plan.unserved), circles


def _replace_older(
    session: Session, schedule: Schedule, row: RoundApproval, occurrence: Occurrence, now: datetime
) -> datetime | None:
    """Older drafts still waiting are replaced by `row`: their locks and drops move to it
    and their DMs say so. Returns when the replaced round had fallen due."""
    older = session.scalars(
        select(RoundApproval).where(
            RoundApproval.team_id == row.team_id,
            _same_program(row.program_id),
            RoundApproval.status == WAITING,
            RoundApproval.id != row.id,
        )
    ).all()
    replaced_at: datetime | None = None
    for old in older:
        if not _decide(session, old, status=REPLACED, at=now):
            continue
        replaced_at = old.prepared_at
        if row.program_id is None:  # programs' rounds have no drafts to carry over
            _carry_over(session, team_id=row.team_id, old=old.period, new=row.period)
        edit = approval_ui.replaced_message(
            _draft(session, old, schedule, old.prepared_at), newer_at=occurrence.at
        )
        _edit_dms(session, old, edit, now, label="replaced")
    return replaced_at


def _decide(
    session: Session, row: RoundApproval, *, status: str, at: datetime, by: str | None = None
) -> bool:
    """Move a waiting approval to `status`, once: a conditional update, so of two processes
    (two admins' Sends, a Send and the next round) only one does. False for the other."""
    moved = session.execute(
        update(RoundApproval)
        .where(RoundApproval.id == row.id, RoundApproval.status == WAITING)
        .values(status=status, decided_by=by, decided_at=at)
    )
    return bool(rowcount(moved))


def _same_program(program_id: int | None) -> ColumnElement[bool]:
    """Approvals of the same round series: the workspace's own, or one program's."""
    if program_id is None:
        return RoundApproval.program_id.is_(None)
    return RoundApproval.program_id == program_id


def _carry_over(session: Session, *, team_id: str, old: str, new: str) -> None:
    """The admins' locks and drops on a replaced draft apply to the round that replaces it."""
    taken = {(r.mentor, r.mentee) for r in draft_rows(session, team_id=team_id, period=new)}
    for change in draft_rows(session, team_id=team_id, period=old):
        if (change.mentor, change.mentee) in taken:
            session.delete(change)
        else:
            change.period = new
    session.flush()


def _edit_dms(
    session: Session, row: RoundApproval, message: Reply, now: datetime, *, label: str
) -> None:
    """Edit, in place, every DM that asked the admins about `row`'s round."""
    for admin in _admins_of(row):
        keys = [dm_key(row.period, admin)]
        if row.reminded_at is not None:
            keys.append(reminder_key(row.period, admin))
        for key in keys:
            enqueue_edit(
                session,
                message,
                team_id=row.team_id,
                key=f"{key}:edit:{label}",
                edits_key=key,
                kind=KIND,
                not_before=now,
            )


def _mark_sent(team_id: str, period: str, actor: str, now: datetime) -> OnRun:
    """The round's last step: claim the approval for `actor`, record it, edit the DMs.

    Raises `_SentMeanwhile` when another admin claimed it first: the whole round rolls
    back, so one Send makes one round."""

    def mark(session: Session, outcome: RoundOutcome) -> None:
        row = approval_of(session, team_id, period)
        if row is None:
            return  # Run now without approval: nothing to mark
        if not _decide(session, row, status=SENT, at=now, by=actor):
            raise _SentMeanwhile
        session.refresh(row)
        session.add(AdminChange(team_id=team_id, actor=actor, action=SEND, period=period, at=now))
        schedule = ensure_schedule(session, team_id, now)
        message = approval_ui.sent_message(
            _draft(session, row, schedule, row.prepared_at), outcome, by=actor, at=now
        )
        _edit_dms(session, row, message, now, label="sent")

    return mark


class _SentMeanwhile(Exception):
    pass


def send_round(deps: Deps, team_id: str, *, actor: str, period: str) -> SendResult:
    """An admin's Send: run the waiting round once, with eligibility checked afresh."""
    now = deps.clock()
    with deps.sessions() as session:
        row = approval_of(session, team_id, period)
        program_id = row.program_id if row is not None else None
        runnable = row is not None and row.status == WAITING and _still_due(session, row, now)
        prepared_at = row.prepared_at if row is not None else now
        session.rollback()
    if not runnable:
        return _after_the_fact(deps, team_id, period)
    mark = _mark_sent(team_id, period, actor, now)
    try:
        if program_id is None:
            outcome = run_round(
                deps, team_id, period=period, now=now, trigger="approved", on_run=mark
            )
        else:
            outcome = run_program_round(
                deps,
                team_id,
                program_id=program_id,
                occurrence=Occurrence(key=period, at=prepared_at),
                now=now,
                on_run=mark,
            )
    except _SentMeanwhile:
        outcome = None
    if outcome is not None:
        return Sent(outcome, by=actor, at=now)
    return _after_the_fact(deps, team_id, period)


def _still_due(session: Session, row: RoundApproval, now: datetime) -> bool:
    """Whether the waiting draft is still the round to send: the workspace's next round,
    or the latest round of a program that has not ended (approval turned off meanwhile
    lets a later round of the program run straight away; the older draft is then past)."""
    schedule = ensure_schedule(session, row.team_id, now)
    if row.program_id is None:
        return next_round(session, schedule, now).period == row.period
    program = session.get(Program, row.program_id)
    if program is None or not program_is_open(schedule, program, now):
        return False
    later = session.scalar(
        select(Round.id).where(
            Round.team_id == row.team_id,
            Round.period.startswith(program_period(program.id, ""), autoescape=True),
            Round.ran_at >= row.prepared_at,
        )
    )
    return later is None


def _after_the_fact(deps: Deps, team_id: str, period: str) -> SendResult:
    """Why a Send did nothing, read afresh: someone sent it (maybe a moment ago), or it
    is no longer the round waiting."""
    with deps.sessions() as session:
        row = approval_of(session, team_id, period)
        if row is not None and row.status == SENT:
            return _decided(row)
        ran = session.scalar(
            select(Round.id).where(Round.team_id == team_id, Round.period == period)
        )
        program = _program_name(session, row) if row is not None else None
    return AlreadySent(None, None) if ran is not None else NoLongerWaiting(period, program)


def _decided(row: RoundApproval | None) -> AlreadySent:
    if row is None:
        return AlreadySent(None, None)
    return AlreadySent(row.decided_by, row.decided_at)


def run_now(
    deps: Deps, team_id: str, *, actor: str, period: str, fingerprint: str | None = None
) -> RunResult:
    """Run now from the preview or App Home: a round waiting for approval counts as sent."""
    return admin_rounds.run_now(
        deps,
        team_id,
        period=period,
        fingerprint=fingerprint,
        on_run=_mark_sent(team_id, period, actor, deps.clock()),
    )


def _ran_anyway(session: Session, row: RoundApproval) -> bool:
    """The round ran without a Send (`mentorbot round` from the command line): the draft is
    done, so it is marked sent, by nobody, and nobody is reminded of it."""
    ran_at = session.scalar(
        select(Round.ran_at).where(Round.team_id == row.team_id, Round.period == row.period)
    )
    if ran_at is None:
        return False
    _decide(session, row, status=SENT, at=ran_at)
    return True


def remind_waiting(deps: Deps) -> int:
    """One reminder to the admins of each round waiting a day; never a second one."""
    now = deps.clock()
    reminded = 0
    with transaction(deps.sessions) as session:
        due = session.scalars(
            select(RoundApproval).where(
                RoundApproval.status == WAITING,
                RoundApproval.reminded_at.is_(None),
                RoundApproval.prepared_at <= now - REMIND_AFTER,
            )
        ).all()
        for row in due:
            if _ran_anyway(session, row):
                continue
            if not _still_due(session, row, now):
                continue  # the schedule moved, or the program ended: nothing to remind of
            schedule = ensure_schedule(session, row.team_id, now)
            claimed = session.execute(
                update(RoundApproval)
                .where(RoundApproval.id == row.id, RoundApproval.reminded_at.is_(None))
                .values(reminded_at=now)
            )
            if not rowcount(claimed):
                continue
            message = approval_ui.reminder_message(_draft(session, row, schedule, row.prepared_at))
            for admin in _admins_of(row):
                enqueue_reply(
                    session,
                    message,
                    team_id=row.team_id,
                    key=reminder_key(row.period, admin),
                    kind=KIND,
                    not_before=now,
                    users=(admin,),
                )
            reminded += 1
    return reminded


def end_program_drafts(
    session: Session, program: Program, schedule: Schedule, now: datetime
) -> int:
    """The program is over: its round still waiting never goes out, and the admins' DMs
    say so. Returns how many drafts it closed."""
    waiting = session.scalars(
        select(RoundApproval).where(
            RoundApproval.program_id == program.id, RoundApproval.status == WAITING
        )
    ).all()
    ended = 0
    for row in waiting:
        if not _decide(session, row, status=ENDED, at=now):
            continue
        message = approval_ui.ended_message(_draft(session, row, schedule, row.prepared_at))
        _edit_dms(session, row, message, now, label="ended")
        ended += 1
    return ended
