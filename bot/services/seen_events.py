"""Events API de-duplication: remember each delivery, so Slack's retries are handled once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.db.models import ProcessedEvent
from bot.db.session import rowcount

# Slack retries an event within minutes; a few days covers any redelivery with room.
PROCESSED_EVENTS_KEPT_FOR = timedelta(days=3)


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
