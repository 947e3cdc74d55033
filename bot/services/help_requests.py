"""What a program admin does with a help request: take it on, look at the pairing, or
end the pairing so both can be matched again. Callers check that the clicker is an admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.cycle.checkins import Answer
from bot.db.models import CheckIn, CheckInAnswer, EndReason, Member, Pair
from bot.delivery.outbox import enqueue_reply
from bot.services.checkins import checkin_interval, next_checkin, pair_skills
from bot.services.pairs import NotYours, end_and_tell_both, parse_id
from bot.ui import help_request as help_ui

UNKNOWN = "That help request is no longer known (the person may have left), so nothing changed."


@dataclass(frozen=True, slots=True)
class HelpRequest:
    answer: CheckInAnswer
    pair: Pair
    asker: Member


def help_request(session: Session, team_id: str, value: object) -> HelpRequest:
    """The help request a button names, in this workspace only."""
    number = parse_id(value)
    answer = session.get(CheckInAnswer, number) if number is not None else None
    if answer is None or answer.team_id != team_id or answer.help_text is None:
        raise NotYours(UNKNOWN)
    checkin = session.get(CheckIn, answer.checkin_id)
    pair = session.get(Pair, checkin.pair_id) if checkin is not None else None
    asker = session.get(Member, answer.member_id)
    if pair is None or asker is None:
        raise NotYours(UNKNOWN)
    return HelpRequest(answer=answer, pair=pair, asker=asker)


@dataclass(frozen=True, slots=True)
class Taken:
    taken_by: str
    at: datetime
    by_you: bool


def take(session: Session, found: HelpRequest, admin: str, now: datetime) -> Taken:
    """The first admin to click takes it on, and the person who asked is told who."""
    answer = found.answer
    if answer.help_taken_by is not None and answer.help_taken_at is not None:
        return Taken(answer.help_taken_by, answer.help_taken_at, answer.help_taken_by == admin)
    answer.help_taken_by, answer.help_taken_at = admin, now
    if found.asker.slack_user_id:
        message = help_ui.help_taken_message(admin=admin)
        enqueue_reply(
            session,
            message,
            team_id=answer.team_id,
            key=f"help={answer.id}:taken",
            kind="help_taken",
            not_before=now,
            users=(found.asker.slack_user_id,),
        )
    session.flush()
    return Taken(admin, now, True)


def end_and_rematch(session: Session, found: HelpRequest, now: datetime) -> bool:
    """End the pairing and put both people's requests back; False when it had ended."""
    pair = found.pair
    if not pair.active:
        return False
    end_and_tell_both(
        session,
        pair,
        reason=EndReason.REMATCH,
        reopen_for={pair.mentor_id, pair.mentee_id},
        reply=help_ui.admin_ended_message(mentions=pair.slack_ids()),
        now=now,
    )
    session.flush()
    return True


def pairing_facts(session: Session, found: HelpRequest, now: datetime) -> help_ui.PairingFacts:
    pair = found.pair
    sent = session.scalar(select(func.count(CheckIn.id)).where(CheckIn.pair_id == pair.id)) or 0
    met = session.scalar(
        select(func.count(func.distinct(CheckIn.id)))
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .where(CheckIn.pair_id == pair.id, CheckInAnswer.answer == Answer.MET)
    )
    mentor, mentee = pair.slack_ids()
    return help_ui.PairingFacts(
        mentor=mentor,
        mentee=mentee,
        skills=pair_skills(pair),
        two_way=pair.return_skill_id is not None,
        asker=found.asker.slack_user_id,
        active=pair.active,
        started_at=pair.started_at,
        ends_at=pair.ends_at,
        checkin_weeks=checkin_interval(session, pair),
        first_meeting_at=pair.first_meeting_at,
        checkins_sent=sent,
        checkins_met=met or 0,
        next_checkin_at=next_checkin(session, pair, now),
    )
