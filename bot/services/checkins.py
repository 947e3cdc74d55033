"""A check-in itself: the pair's rhythm, and people's answers, notes and calls for help.

The weekly pass that sends check-ins is `checkin_sweep`; the end of a pairing is
`pair_endings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cycle.checkins import Answer, next_checkin_at
from bot.cycle.schedule import weekly
from bot.db.models import CheckIn, CheckInAnswer, Expectations, MentoringRequest, Pair, Schedule
from bot.delivery.outbox import HELP_REQUEST, enqueue_reply
from bot.services.pairs import NOT_YOURS, PAIR_OVER, NotYours, PairAccess, pair_for, parse_id
from bot.services.schedules import rule_of, runs_since
from bot.ui import help_request as help_ui
from bot.vocabulary import FREQUENCY_WEEKS, known_frequency

# Check-ins follow the rhythm the pair agreed (or the learner asked for), in weeks.


def checkin_interval(session: Session, pair: Pair) -> int:
    """Weeks between check-ins: the agreed cadence, else the request's, else every week."""
    agreed = session.scalar(select(Expectations.cadence).where(Expectations.pair_id == pair.id))
    code = known_frequency(agreed)
    if code is None and pair.request_id is not None:
        request = session.get(MentoringRequest, pair.request_id)
        code = known_frequency(request.frequency if request is not None else None)
    return FREQUENCY_WEEKS.get(code or "", 1)


def pair_skills(pair: Pair) -> str:
    """What the pair is about: both skills of a two-way exchange, not only the first."""
    back = pair.return_skill.label if pair.return_skill is not None else None
    return f"{pair.skill.label} and {back}" if back else pair.skill.label


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
        enqueue_reply(
            session,
            message,
            team_id=pair.team_id,
            key=f"pair={pair.id}:help:checkin={found.checkin.id}:{member.slack_user_id}:{admin}",
            kind=HELP_REQUEST,
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
