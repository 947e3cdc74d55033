"""Data lifecycle: a workspace leaving, a person leaving Slack, events seen before."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.db.models import (
    Base,
    EndReason,
    Member,
    MentoringRequest,
    OutboxMessage,
    OutboxStatus,
    Pair,
    PairStatus,
    ProcessedEvent,
    RequestStatus,
    slack_bots,
    slack_installations,
)
from bot.db.session import rowcount
from bot.delivery.outbox import enqueue
from bot.services.pairs import end_pair
from bot.services.people import find_member
from bot.ui.leaving import partner_left_notice

# Slack retries an event within minutes; a few days covers any redelivery with room.
PROCESSED_EVENTS_KEPT_FOR = timedelta(days=3)
# Not workspace data: the record that an uninstall was handled must survive the purge it
# triggered, or a retry of that event would look new (it is pruned after a few days).
_KEPT_ON_PURGE = frozenset({ProcessedEvent.__tablename__})


def purge_workspace(
    session: Session,
    team_id: str,
    *,
    enterprise_id: str | None = None,
    enterprise_install: bool = False,
) -> int:
    """Delete every row of ours that belongs to the workspace; returns rows deleted.

    Walks all tables with a `team_id` column, children first, so a table added later is
    covered without touching this function. That includes the OAuth installation and bot
    rows (their tokens), and the outbox: queued messages for the workspace are gone.
    An org-wide install is stored without a team, under its enterprise id.
    """
    deleted = 0
    for table in reversed(Base.metadata.sorted_tables):
        if "team_id" in table.c and table.name not in _KEPT_ON_PURGE:
            result = session.execute(delete(table).where(table.c.team_id == team_id))
            deleted += rowcount(result) or 0
    if enterprise_install and enterprise_id:
        for table in (slack_installations, slack_bots):
            result = session.execute(
                delete(table).where(
                    table.c.enterprise_id == enterprise_id, table.c.team_id.is_(None)
                )
            )
            deleted += rowcount(result) or 0
    return deleted


def forget_user_tokens(session: Session, team_id: str, user_ids: Iterable[str]) -> int:
    """Drop the user tokens Slack says were revoked (the bot's own token stays)."""
    users = list(user_ids)
    if not users:
        return 0
    result = session.execute(
        update(slack_installations)
        .where(slack_installations.c.team_id == team_id, slack_installations.c.user_id.in_(users))
        .values(user_token=None, user_refresh_token=None, user_token_expires_at=None)
    )
    return rowcount(result) or 0


def record_event(
    session: Session, *, team_id: str, event_id: str, event_type: str, now: datetime
) -> bool:
    """Remember an Events API delivery; False when it was seen before (a retry).

    One statement, since it runs before Slack gets its ack: the insert does nothing when
    the (workspace, event id) row exists, and what it returns tells which case this was.
    Old rows are forgotten by `forget_old_events`, on the scheduler's tick.
    """
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = (
        insert(ProcessedEvent)
        .values(
            team_id=team_id, event_id=event_id[:64], event_type=event_type[:64], received_at=now
        )
        .on_conflict_do_nothing(index_elements=["team_id", "event_id"])
        .returning(ProcessedEvent.id)
    )
    # Core execution: an ORM-level insert would not report the skipped row.
    return session.connection().execute(statement).first() is not None


def forget_old_events(session: Session, now: datetime) -> int:
    """Drop deliveries older than PROCESSED_EVENTS_KEPT_FOR (Slack retries within minutes)."""
    result = session.execute(
        delete(ProcessedEvent).where(ProcessedEvent.received_at < now - PROCESSED_EVENTS_KEPT_FOR)
    )
    return rowcount(result) or 0


# ---------------------------------------------------------------- a person leaving


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
        enqueue(
            session,
            team_id=team_id,
            key=f"pair={pairing.pair_id}:partner_left:{pairing.partner}",
            kind="partner_left",
            text=notice.text,
            blocks=notice.blocks,
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
