"""Events API deliveries already handled, so Slack's retries of an event change nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class ProcessedEvent(Base):
    """One row per `event_id` seen, kept for a few days (Slack retries within minutes).

    `team_id` has no foreign key on purpose: `app_uninstalled` must be recorded after its
    workspace's rows are gone, and a workspace we never stored still sends events.
    """

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("team_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
