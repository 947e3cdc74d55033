"""People who are away, from their Slack status: stored per member, and excusing the
check-ins their pairs could not answer meanwhile.

The rule for what counts as away lives in bot.cycle.away; this module keeps the stored state
(`members.away_until`) in step with what Slack tells us, whenever a profile is read.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.cycle.away import AwayStatus, away_from_status, is_away
from bot.db.models import CheckIn, CheckInAnswer, Member, Pair, PairStatus
from bot.domain.people import SlackProfile


def member_is_away(member: Member, now: datetime) -> bool:
    return is_away(member.away_until, now)


def pair_member_away(pair: Pair, now: datetime) -> bool:
    """True while either person in the pair is away."""
    return member_is_away(pair.mentor, now) or member_is_away(pair.mentee, now)


def note_status(session: Session, member: Member, profile: SlackProfile, now: datetime) -> bool:
    """Store what the person's Slack status says about being away; True if they are away now.

    Someone who has just gone away has their pairs' latest unanswered check-in excused:
    it went out while they were leaving, so its silence is not a pair drifting apart.
    """
    current = (
        AwayStatus(until=member.away_until, from_expiry=member.away_until_known)
        if member_is_away(member, now) and member.away_until is not None
        else None
    )
    status = away_from_status(
        text=profile.status_text,
        emoji=profile.status_emoji,
        expiration=profile.status_expiration or None,
        now=now,
        current=current,
    )
    if status is None:
        member.away_until = None
        member.away_until_known = False
        return False
    member.away_until = status.until
    member.away_until_known = status.from_expiry
    if current is None:
        excuse_latest_checkins(session, member_id=member.id)
    return True


def note_status_of(session: Session, *, team_id: str, profile: SlackProfile, now: datetime) -> bool:
    """`note_status` for the member behind a profile; False for people we don't know (nothing
    is stored about people who never used the app) or who left."""
    member = session.scalar(
        select(Member).where(Member.team_id == team_id, Member.slack_user_id == profile.user_id)
    )
    if member is None or not member.active:
        return False
    return note_status(session, member, profile, now)


def excuse_latest_checkins(session: Session, *, member_id: int) -> int:
    """Excuse the latest check-in of each of the member's active pairs; returns how many."""
    pair_ids = session.scalars(
        select(Pair.id).where(
            Pair.status == PairStatus.ACTIVE,
            or_(Pair.mentor_id == member_id, Pair.mentee_id == member_id),
        )
    ).all()
    return sum(excuse_latest_checkin(session, pair_id=pair_id) for pair_id in pair_ids)


def excuse_latest_checkin(session: Session, *, pair_id: int) -> bool:
    """Mark the pair's latest check-in as excused when nobody has answered it yet."""
    latest = session.scalars(
        select(CheckIn).where(CheckIn.pair_id == pair_id).order_by(CheckIn.number.desc())
    ).first()
    if latest is None or latest.excused_away:
        return False
    answered = session.scalar(
        select(CheckInAnswer.id).where(CheckInAnswer.checkin_id == latest.id).limit(1)
    )
    if answered is not None:
        return False
    latest.excused_away = True
    return True
