"""A person deleted from Slack: out of matching, their pairs ended kindly, nothing sent to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from bot.db.models import (
    EndReason,
    Member,
    MentoringRequest,
    OutboxMessage,
    OutboxStatus,
    Pair,
    PairStatus,
    RequestStatus,
)
from bot.db.session import rowcount
from bot.delivery.outbox import enqueue_reply
from bot.services.pairs import end_pair
from bot.services.people import find_member
from bot.ui.leaving import partner_left_notice


@dataclass(frozen=True, slots=True)
class EndedPairing:
    """A pair ended because one person left, seen from the person who stays."""

    pair_id: int
    partner: str  # the Slack id of the person who stays
    skill: str
    started_at: datetime
    reopened: tuple[str, ...]  # labels of the partner's requests back in the queue


def addressed_to(user_id: str) -> ColumnElement[bool]:
    """Outbox rows whose DM or group DM includes `user_id` (`users` is "U1,U2,…")."""
    users = OutboxMessage.users
    return or_(
        users == user_id,
        users.startswith(f"{user_id},", autoescape=True),
        users.endswith(f",{user_id}", autoescape=True),
        users.contains(f",{user_id},", autoescape=True),
    )


def active_pairs_of(session: Session, member: Member) -> list[Pair]:
    return list(
        session.scalars(
            select(Pair)
            .where(
                Pair.team_id == member.team_id,
                Pair.status == PairStatus.ACTIVE,
                or_(Pair.mentor_id == member.id, Pair.mentee_id == member.id),
            )
            .order_by(Pair.id)
        )
    )


def _open_labels(session: Session, member_id: int, skill_ids: set[int]) -> tuple[str, ...]:
    if not skill_ids:
        return ()
    requests = session.scalars(
        select(MentoringRequest).where(
            MentoringRequest.member_id == member_id,
            MentoringRequest.skill_id.in_(skill_ids),
            MentoringRequest.status == RequestStatus.OPEN,
        )
    )
    return tuple(sorted({request.skill.label for request in requests}))


def end_pairs_of_leaver(session: Session, member: Member, now: datetime) -> list[EndedPairing]:
    """End every active pair of someone who is leaving, kindly for the one who stays.

    The partner's request goes back in the queue, the leaver's is closed, and the pair's
    unsent messages are dropped. Nobody is told yet: see `tell_partners`.
    """
    ended = []
    for pair in active_pairs_of(session, member):
        partner = pair.mentee if pair.mentor_id == member.id else pair.mentor
        end_pair(session, pair, reason=EndReason.LEFT, now=now, reopen_for={partner.id})
        session.flush()
        learned = set()
        if partner.id == pair.mentee_id:
            learned.add(pair.skill_id)
        if partner.id == pair.mentor_id and pair.return_skill_id is not None:
            learned.add(pair.return_skill_id)
        ended.append(
            EndedPairing(
                pair_id=pair.id,
                partner=partner.slack_user_id,
                skill=pair.skill.label,
                started_at=pair.started_at,
                reopened=_open_labels(session, partner.id, learned),
            )
        )
    return ended


def tell_partners(
    session: Session, team_id: str, ended: Iterable[EndedPairing], now: datetime
) -> None:
    """One DM to each person who stays: the pairing has ended (never why, never who)."""
    for pairing in ended:
        notice = partner_left_notice(
            skill=pairing.skill, started_at=pairing.started_at, reopened=pairing.reopened
        )
        enqueue_reply(
            session,
            notice,
            team_id=team_id,
            key=f"pair={pairing.pair_id}:partner_left:{pairing.partner}",
            kind="partner_left",
            not_before=now,
            users=(pairing.partner,),
        )


def drop_pending_for(session: Session, *, team_id: str, user_id: str) -> int:
    """Mark every unsent message to `user_id` (DMs and group DMs with them) as dropped."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.team_id == team_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            addressed_to(user_id),
        )
        .values(status=OutboxStatus.DROPPED)
    )
    return rowcount(result) or 0


def close_open_requests(session: Session, member: Member) -> int:
    result = session.execute(
        update(MentoringRequest)
        .where(
            MentoringRequest.member_id == member.id,
            MentoringRequest.status == RequestStatus.OPEN,
        )
        .values(status=RequestStatus.CLOSED)
    )
    return rowcount(result) or 0


@dataclass(frozen=True, slots=True)
class DeletedUser:
    known: bool  # we had a member for them
    ended: tuple[EndedPairing, ...] = ()
    dropped: int = 0


def handle_deleted_user(
    session: Session, *, team_id: str, user_id: str, now: datetime
) -> DeletedUser:
    """Slack deleted the account: out of matching, pairs ended kindly, nothing sent to it.

    The member row stays (deactivated) so past pairs still count; a second delivery of
    the same news finds nothing left to do.
    """
    member = find_member(session, team_id=team_id, user_id=user_id)
    ended: list[EndedPairing] = []
    if member is not None:
        member.active = False
        ended = end_pairs_of_leaver(session, member, now)
        close_open_requests(session, member)
    dropped = drop_pending_for(session, team_id=team_id, user_id=user_id)
    tell_partners(session, team_id, ended, now)
    return DeletedUser(known=member is not None, ended=tuple(ended), dropped=dropped)
