"""Data lifecycle: a workspace leaving, a person leaving Slack, events seen before."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.models import Base, Member, ProcessedEvent, slack_bots, slack_installations

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
            deleted += result.rowcount or 0
    if enterprise_install and enterprise_id:
        for table in (slack_installations, slack_bots):
            result = session.execute(
                delete(table).where(
                    table.c.enterprise_id == enterprise_id, table.c.team_id.is_(None)
                )
            )
            deleted += result.rowcount or 0
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
    return result.rowcount or 0


def deactivate_member(session: Session, team_id: str, user_id: str) -> bool:
    """Take a deleted Slack user out of matching; True if we knew them."""
    result = session.execute(
        update(Member)
        .where(Member.team_id == team_id, Member.slack_user_id == user_id)
        .values(active=False)
    )
    return bool(result.rowcount)


def record_event(
    session: Session, *, team_id: str, event_id: str, event_type: str, now: datetime
) -> bool:
    """Remember an Events API delivery; False when it was seen before (a retry).

    Also forgets deliveries older than PROCESSED_EVENTS_KEPT_FOR, so the table stays small.
    """
    session.execute(
        delete(ProcessedEvent).where(ProcessedEvent.received_at < now - PROCESSED_EVENTS_KEPT_FOR)
    )
    seen = session.scalar(
        select(ProcessedEvent.id).where(
            ProcessedEvent.team_id == team_id, ProcessedEvent.event_id == event_id
        )
    )
    if seen is not None:
        return False
    try:
        # A savepoint: a retry racing this one in another thread loses only this insert.
        with session.begin_nested():
            session.add(
                ProcessedEvent(
                    team_id=team_id,
                    event_id=event_id[:64],
                    event_type=event_type[:64],
                    received_at=now,
                )
            )
    except IntegrityError:
        return False
    return True
