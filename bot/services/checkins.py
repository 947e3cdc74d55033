"""The weekly check-in pass, and people's answers, notes and end-of-pairing feedback."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.cycle.checkins import (
    FIRST_CHECKIN_AFTER,
    Answer,
    CheckInRecord,
    Step,
    checkin_falls_due,
    next_checkin_at,
    next_step,
    weeks_without_meeting,
)
from bot.cycle.endings import Outcome, ending_is_due, extended, normalise_frequency, outcome_of
from bot.cycle.prompts import prompt_index
from bot.cycle.schedule import Occurrence, weekly
from bot.db.models import (
    CheckIn,
    CheckInAnswer,
    CheckInSweep,
    EndReason,
    Expectations,
    Feedback,
    MentoringRequest,
    Pair,
    PairStatus,
    Schedule,
)
from bot.db.session import transaction
from bot.delivery.outbox import HELP_REQUEST, enqueue
from bot.services.pairs import (
    NOT_YOURS,
    PAIR_OVER,
    NotYours,
    PairAccess,
    end_pair,
    pair_for,
    parse_id,
    tell_both,
)
from bot.services.schedules import ensure_schedule, rule_of, runs_since, thresholds
from bot.ui import checkin as checkin_ui
from bot.ui import endings as endings_ui
from bot.ui import help_request as help_ui
from bot.ui.endings import FeedbackForm

log = logging.getLogger(__name__)

# Check-ins follow the rhythm the pair agreed (or the learner asked for), in weeks.
CHECKIN_EVERY_WEEKS = {"weekly": 1, "every_two_weeks": 2, "monthly": 4}


@dataclass(frozen=True)
class SweepOutcome:
    period: str
    checkins: int
    nudges: int
    closed: int
    endings: int


def _history(session: Session, pair: Pair) -> list[CheckInRecord]:
    checkins = session.scalars(
        select(CheckIn).where(CheckIn.pair_id == pair.id).order_by(CheckIn.number)
    ).all()
    answers: dict[int, list[str | None]] = defaultdict(list)
    if checkins:
        for checkin_id, answer in session.execute(
            select(CheckInAnswer.checkin_id, CheckInAnswer.answer).where(
                CheckInAnswer.checkin_id.in_([c.id for c in checkins])
            )
        ):
            answers[checkin_id].append(answer)
    return [CheckInRecord.of(answers[c.id]) for c in checkins]


def checkin_interval(session: Session, pair: Pair) -> int:
    """Weeks between check-ins: the agreed cadence, else the request's, else every week."""
    agreed = session.scalar(select(Expectations.cadence).where(Expectations.pair_id == pair.id))
    code = normalise_frequency(agreed)
    if code is None and pair.request_id is not None:
        request = session.get(MentoringRequest, pair.request_id)
        code = normalise_frequency(request.frequency if request is not None else None)
    return CHECKIN_EVERY_WEEKS.get(code or "", 1)


def pair_skills(pair: Pair) -> str:
    """What the pair is about: both skills of a two-way exchange, not only the first."""
    back = pair.return_skill.label if pair.return_skill is not None else None
    return f"{pair.skill.label} and {back}" if back else pair.skill.label


def _ask_for_feedback(session: Session, pair: Pair, now: datetime) -> None:
    for member, partner in ((pair.mentor, pair.mentee), (pair.mentee, pair.mentor)):
        message = endings_ui.ending_prompt(
            pair_id=pair.id,
            cycle=pair.cycle,
            partner=partner.slack_user_id,
            skill=pair_skills(pair),
        )
        enqueue(
            session,
            team_id=pair.team_id,
            key=f"pair={pair.id}:ending:cycle={pair.cycle}:{member.slack_user_id}",
            kind="ending",
            text=message.text,
            blocks=message.blocks,
            not_before=now,
            users=(member.slack_user_id,),
        )
    pair.ending_asked_cycle = pair.cycle


def _send_checkin(
    session: Session,
    pair: Pair,
    period: str,
    number: int,
    now: datetime,
    nudge: str | None = None,
) -> CheckIn:
    bank = checkin_ui.discussion_prompts()
    index = prompt_index(number, len(bank), pair_id=pair.id)
    checkin = CheckIn(
        team_id=pair.team_id,
        pair_id=pair.id,
        period=period,
        number=number,
        prompt_index=index,
        sent_at=now,
    )
    session.add(checkin)
    session.flush()
    message = checkin_ui.checkin_message(
        checkin_id=checkin.id,
        mentions=pair.slack_ids(),
        skill=pair_skills(pair),
        prompt=bank[index] if index is not None else None,
        nudge=nudge,
    )
    tell_both(session, pair, key=f"checkin:{period}", kind="checkin", reply=message, now=now)
    return checkin


def run_checkin_sweep(
    deps: Deps, team_id: str, occurrence: Occurrence, now: datetime
) -> SweepOutcome | None:
    """This week's pass over every active pair; None when it already ran."""
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        claim = CheckInSweep(team_id=team_id, period=occurrence.key, ran_at=now)
        try:
            with session.begin_nested():
                session.add(claim)
                session.flush()
        except IntegrityError:
            return None
        limits = thresholds(schedule)
        counts = {"checkins": 0, "nudges": 0, "closed": 0, "endings": 0}
        pairs = session.scalars(
            select(Pair)
            .where(
                Pair.team_id == team_id,
                Pair.status == PairStatus.ACTIVE,
                Pair.started_at <= occurrence.at - FIRST_CHECKIN_AFTER,
            )
            .order_by(Pair.id)
        ).all()
        for pair in pairs:
            if ending_is_due(
                ends=pair.ends_at, cycle=pair.cycle, asked_cycle=pair.ending_asked_cycle, now=now
            ):
                _ask_for_feedback(session, pair, now)
                counts["endings"] += 1
                continue
            if not checkin_falls_due(
                started_at=pair.started_at,
                at=occurrence.at,
                every_weeks=checkin_interval(session, pair),
                first_meeting_at=pair.first_meeting_at,
            ):
                continue  # off their rhythm, or before their first meeting: no nudge either
            history = _history(session, pair)
            step = next_step(history, limits)
            if step == Step.CLOSE:
                end_pair(
                    session,
                    pair,
                    reason=EndReason.NO_ANSWER,
                    now=now,
                    reopen_for={pair.mentee_id, pair.mentor_id},
                )
                message = checkin_ui.closed_message(mentions=pair.slack_ids())
                tell_both(session, pair, key="closed", kind="pair_closed", reply=message, now=now)
                counts["closed"] += 1
                continue
            nudge = None
            if step == Step.CHECK_IN_AND_NUDGE:
                nudge = checkin_ui.nudge_text(
                    weeks=weeks_without_meeting(history),
                    # A pair that continued after its first stretch has met, whatever
                    # its recent check-ins say.
                    met_before=pair.cycle > 1 or any(record.met for record in history),
                    scheduled=pair.first_meeting_scheduled_at is not None,
                )
                counts["nudges"] += 1
            _send_checkin(session, pair, occurrence.key, len(history) + 1, now, nudge)
            counts["checkins"] += 1
        claim.summary = dict(counts)
        log.info(
            "check-ins %s: %s",
            occurrence.key,
            counts,
            extra={"team_id": team_id, "job": "checkins"},
        )
        return SweepOutcome(period=occurrence.key, **counts)


@dataclass(frozen=True)
class CheckInAccess:
    checkin: CheckIn
    access: PairAccess


def checkin_for(
    session: Session, checkin_id: object, *, team_id: str, user_id: str
) -> CheckInAccess:
    number = parse_id(checkin_id)
    checkin = session.get(CheckIn, number) if number is not None else None
    if checkin is None or checkin.team_id != team_id:
        raise NotYours(NOT_YOURS)
    return CheckInAccess(
        checkin=checkin,
        access=pair_for(session, team_id=team_id, pair_id=checkin.pair_id, user_id=user_id),
    )


def _answer_row(session: Session, found: CheckInAccess) -> CheckInAnswer:
    row = session.scalar(
        select(CheckInAnswer).where(
            CheckInAnswer.checkin_id == found.checkin.id,
            CheckInAnswer.member_id == found.access.member.id,
        )
    )
    if row is None:
        row = CheckInAnswer(
            team_id=found.checkin.team_id,
            checkin_id=found.checkin.id,
            member_id=found.access.member.id,
        )
        session.add(row)
    return row


def record_answer(session: Session, found: CheckInAccess, answer: Answer, now: datetime) -> bool:
    """Store this person's answer; False when it was already their answer (double click)."""
    if not found.access.pair.active:
        raise NotYours(PAIR_OVER)
    row = _answer_row(session, found)
    if row.answer == answer:
        return False
    row.answer = answer
    row.answered_at = now
    session.flush()
    return True


def save_note(session: Session, found: CheckInAccess, note: str, now: datetime) -> None:
    row = _answer_row(session, found)
    row.note = note
    row.noted_at = now
    session.flush()


def current_note(session: Session, found: CheckInAccess) -> str | None:
    return session.scalar(
        select(CheckInAnswer.note).where(
            CheckInAnswer.checkin_id == found.checkin.id,
            CheckInAnswer.member_id == found.access.member.id,
        )
    )


def ask_for_help(session: Session, found: CheckInAccess, said: str, now: datetime) -> bool:
    """Record "Need help" with what the person said would help; False when this check-in
    already had their request (a double submission), which then changes nothing."""
    changed = record_answer(session, found, Answer.NEED_HELP, now)
    if changed:
        # "" when they said nothing more: the request is still one, and reads as such.
        _answer_row(session, found).help_text = said
        session.flush()
    return changed


def ask_admins_for_help(
    session: Session, found: CheckInAccess, admins: list[str], now: datetime
) -> int:
    """One DM per admin naming the pair, with what the person wrote for them (never their
    private note); returns how many were queued."""
    pair, member = found.access.pair, found.access.member
    row = _answer_row(session, found)
    session.flush()
    message = help_ui.help_request_message(
        request_id=row.id,
        asker=member.slack_user_id,
        partner=found.access.partner.slack_user_id,
        skill=pair_skills(pair),
        said=row.help_text,
    )
    queued = 0
    for admin in admins:
        if admin in pair.slack_ids():
            continue
        enqueue(
            session,
            team_id=pair.team_id,
            key=f"pair={pair.id}:help:checkin={found.checkin.id}:{member.slack_user_id}:{admin}",
            kind=HELP_REQUEST,
            text=message.text,
            blocks=message.blocks,
            not_before=now,
            users=(admin,),
        )
        queued += 1
    return queued


def next_checkin(session: Session, pair: Pair, now: datetime) -> datetime | None:
    """When the pair's next check-in goes out, by the very rule the weekly pass applies."""
    schedule = session.scalar(select(Schedule).where(Schedule.team_id == pair.team_id))
    if schedule is None or not pair.active:
        return None
    return next_checkin_at(
        weekly(rule_of(schedule)),
        after=max(now, runs_since(schedule)),
        started_at=pair.started_at,
        every_weeks=checkin_interval(session, pair),
        first_meeting_at=pair.first_meeting_at,
    )


@dataclass(frozen=True)
class FeedbackResult:
    outcome: Outcome
    recorded: bool  # False when the same person had already answered this stretch


def save_feedback(
    session: Session,
    access: PairAccess,
    *,
    cycle: object,
    form: FeedbackForm,
    now: datetime,
) -> FeedbackResult:
    """Record one person's private end-of-pairing answers and apply their decision."""
    pair, member = access.pair, access.member
    stretch = parse_id(cycle) or pair.cycle
    if stretch > pair.cycle:
        raise NotYours(NOT_YOURS)
    existing = session.scalar(
        select(Feedback).where(
            Feedback.pair_id == pair.id,
            Feedback.member_id == member.id,
            Feedback.kind == "ending",
            Feedback.cycle == stretch,
        )
    )
    if existing is not None:
        return FeedbackResult(outcome=Outcome.RECORD_ONLY, recorded=False)
    session.add(
        Feedback(
            team_id=pair.team_id,
            pair_id=pair.id,
            member_id=member.id,
            kind="ending",
            cycle=stretch,
            learned=form.learned,
            taught=form.taught,
            decision=form.decision,
            created_at=now,
        )
    )
    outcome = outcome_of(
        form.decision, pair_active=pair.active, pair_cycle=pair.cycle, answered_cycle=stretch
    )
    if outcome == Outcome.EXTEND:
        pair.ends_at = extended(pair.ends_at, pair.started_at, pair.duration)
        pair.cycle += 1
        tell_both(
            session,
            pair,
            key=f"extended:cycle={stretch}",
            kind="pair_extended",
            reply=endings_ui.extended_message(
                mentions=pair.slack_ids(),
                stretch=endings_ui.stretch_words(pair.duration),
                until=pair.ends_at,
            ),
            now=now,
        )
    elif outcome in (Outcome.END, Outcome.END_AND_REOPEN):
        rematch = outcome == Outcome.END_AND_REOPEN
        reason = (
            EndReason.REMATCH
            if rematch
            else (EndReason.COMPLETED if pair.ending_asked_cycle >= stretch else EndReason.ENDED)
        )
        end_pair(
            session, pair, reason=reason, now=now, reopen_for={member.id} if rematch else set()
        )
        tell_both(
            session,
            pair,
            key="ended",
            kind="pair_ended",
            reply=checkin_ui.ended_message(mentions=pair.slack_ids(), rematch=rematch),
            now=now,
        )
    session.flush()
    return FeedbackResult(outcome=outcome, recorded=True)
