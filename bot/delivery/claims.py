"""The outbox rows' life cycle in the database: claim, record the outcome, release.

A claim marks a row `sending` with a fresh `claim_token`. On PostgreSQL the candidates are
read with `FOR UPDATE SKIP LOCKED`, so senders racing for the same rows each get different
ones without waiting; on SQLite (one sender) the writes are serialised anyway. Either way
the claiming UPDATE re-checks the row's state, so a row can never be claimed twice.

Every later write names the claim token: a worker whose claim was taken over (it outlived
its lease) finds its updates matching nothing, and so can never overwrite the row.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Update, and_, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import rowcount
from bot.delivery.outbox import remember_channel


@dataclass(frozen=True)
class ClaimedMessage:
    """A claimed row, read once so that threads never share ORM objects."""

    id: int
    team_id: str
    key: str
    kind: str
    channel: str | None
    users: str | None
    thread_ts: str | None
    text: str
    blocks: list[dict[str, Any]]
    attempts: int
    claim_token: str
    claimed_at: datetime
    unconfirmed_since: datetime | None
    edits_key: str | None = None


def _claimable(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    return or_(
        and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before <= now),
        # A claim not renewed within its lease: its worker died, or is too late to post.
        and_(
            OutboxMessage.status == OutboxStatus.SENDING,
            func.coalesce(OutboxMessage.lease_renewed_at, OutboxMessage.claimed_at) < now - lease,
        ),
    )


def claim_due(
    session: Session,
    *,
    now: datetime,
    worker_id: str,
    lease: timedelta,
    limit: int,
    skip_teams: Collection[str] = (),
    per_team: int | None = None,
    held: Mapping[str, int] | None = None,
) -> list[ClaimedMessage]:
    """Claim up to `limit` due rows (oldest first), leaving out the workspaces in `skip_teams`.

    With `per_team`, at most that many rows per workspace, counting the `held` ones.
    """
    claimable = _claimable(now, lease)
    query = select(OutboxMessage.id).where(claimable)
    if skip_teams:
        query = query.where(OutboxMessage.team_id.not_in(list(skip_teams)))
    ordered = query.order_by(OutboxMessage.not_before, OutboxMessage.id)
    ids: list[int] = []
    if per_team is None:
        ids = list(session.scalars(ordered.limit(limit).with_for_update(skip_locked=True)))
    else:
        held = held or {}
        teams = select(OutboxMessage.team_id).where(claimable)
        if skip_teams:
            teams = teams.where(OutboxMessage.team_id.not_in(list(skip_teams)))
        # The workspaces with due rows, the one waiting longest first.
        by_wait = (
            teams.group_by(OutboxMessage.team_id)
            .order_by(func.min(OutboxMessage.not_before))
            .limit(limit)
        )
        for team_id in session.scalars(by_wait).all():
            room = min(per_team - held.get(team_id, 0), limit - len(ids))
            if room <= 0:
                continue
            ids += session.scalars(
                ordered.where(OutboxMessage.team_id == team_id)
                .limit(room)
                .with_for_update(skip_locked=True)
            )
            if len(ids) >= limit:
                break
    if not ids:
        return []
    token = uuid.uuid4().hex
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), claimable)
        .values(
            # Taking over a stale claim: its worker may have posted before dying, from the
            # moment it claimed the row. (SET sees the old values of the row.)
            unconfirmed_since=case(
                (
                    OutboxMessage.status == OutboxStatus.SENDING,
                    func.coalesce(OutboxMessage.unconfirmed_since, OutboxMessage.claimed_at),
                ),
                else_=OutboxMessage.unconfirmed_since,
            ),
            status=OutboxStatus.SENDING,
            claimed_at=now,
            lease_renewed_at=None,
            claimed_by=worker_id,
            claim_token=token,
        )
        .execution_options(synchronize_session=False)
    )
    rows = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.claim_token == token)
        .order_by(OutboxMessage.not_before, OutboxMessage.id)
    ).all()
    return [
        ClaimedMessage(
            id=row.id,
            team_id=row.team_id,
            key=row.idempotency_key,
            kind=row.kind,
            channel=row.channel,
            users=row.users,
            thread_ts=row.thread_ts,
            text=row.text,
            blocks=list(row.blocks or []),
            attempts=row.attempts,
            claim_token=token,
            claimed_at=now,
            unconfirmed_since=row.unconfirmed_since,
            edits_key=row.edits_key,
        )
        for row in rows
    ]


def _owned(message: ClaimedMessage) -> Update:
    """An UPDATE of the row that matches only while `message`'s claim still holds it."""
    return (
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message.id,
            OutboxMessage.claim_token == message.claim_token,
            OutboxMessage.status == OutboxStatus.SENDING,
        )
        .execution_options(synchronize_session=False)
    )


def _changed(session: Session, statement: Any) -> bool:
    return bool(rowcount(session.execute(statement)))


def record_channel(session: Session, message: ClaimedMessage, channel: str) -> bool:
    """Store the conversation opened for the row's people; False if the claim is lost."""
    if not _changed(session, _owned(message).values(channel=channel)):
        return False
    if message.users:
        try:
            with session.begin_nested():
                remember_channel(session, message.team_id, message.users, channel)
        except IntegrityError:
            pass  # another sender stored the same conversation first: it is the same channel
    return True


def record_sent(
    session: Session, message: ClaimedMessage, *, channel: str, ts: str | None, now: datetime
) -> bool:
    return _changed(
        session,
        _owned(message).values(
            status=OutboxStatus.SENT,
            channel=channel,
            ts=ts,
            sent_at=now,
            last_error=None,
            claim_token=None,
            unconfirmed_since=None,
            attempts=OutboxMessage.attempts + 1,
        ),
    )


def record_failed(session: Session, message: ClaimedMessage, *, reason: str) -> bool:
    return _changed(
        session,
        _owned(message).values(
            status=OutboxStatus.FAILED,
            last_error=reason,
            claim_token=None,
            attempts=OutboxMessage.attempts + 1,
        ),
    )


def record_dropped(session: Session, message: ClaimedMessage, *, reason: str) -> bool:
    return _changed(
        session,
        _owned(message).values(status=OutboxStatus.DROPPED, last_error=reason, claim_token=None),
    )


def record_retry(
    session: Session,
    message: ClaimedMessage,
    *,
    reason: str,
    not_before: datetime,
    unconfirmed_since: datetime | None,
) -> bool:
    """Back to pending until `not_before`; `unconfirmed_since` when the attempt may have posted."""
    values: dict[str, Any] = {
        "status": OutboxStatus.PENDING,
        "not_before": not_before,
        "last_error": reason,
        "claim_token": None,
        "attempts": OutboxMessage.attempts + 1,
    }
    if unconfirmed_since is not None:
        values["unconfirmed_since"] = func.coalesce(
            OutboxMessage.unconfirmed_since, unconfirmed_since
        )
    return _changed(session, _owned(message).values(**values))


def renew(session: Session, tokens: Collection[str], *, now: datetime) -> int:
    """The claims `tokens` are still being worked on: their lease starts again at `now`.

    `claimed_at` stays: a post may have happened any time since the claim began, and a
    sender taking the row over checks the history from there.
    """
    if not tokens:
        return 0
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.claim_token.in_(list(tokens)),
            OutboxMessage.status == OutboxStatus.SENDING,
        )
        .values(lease_renewed_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) or 0


def release(session: Session, messages: Iterable[ClaimedMessage]) -> int:
    """Hand back claims that were never acted on (the sender is stopping)."""
    released = 0
    for message in messages:
        released += _changed(
            session, _owned(message).values(status=OutboxStatus.PENDING, claim_token=None)
        )
    return released


def delivery_outstanding(session: Session) -> bool:
    """True while some row is still waiting to be sent or being sent."""
    return (
        session.scalar(
            select(OutboxMessage.id)
            .where(OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))
            .limit(1)
        )
        is not None
    )


@dataclass(frozen=True)
class EditTarget:
    """Where the message an edit changes landed, and whether it is there to change yet."""

    status: str
    channel: str | None
    ts: str | None


def edit_target(session: Session, message: ClaimedMessage) -> EditTarget | None:
    """The message `message` edits in place (its `edits_key`), or None when it is gone."""
    row = session.execute(
        select(OutboxMessage.status, OutboxMessage.channel, OutboxMessage.ts).where(
            OutboxMessage.team_id == message.team_id,
            OutboxMessage.idempotency_key == message.edits_key,
        )
    ).first()
    return EditTarget(status=row.status, channel=row.channel, ts=row.ts) if row else None
