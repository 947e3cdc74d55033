"""Messages waiting to go to Slack, and the DM channels we already know.

Rounds, check-ins and endings never call Slack themselves: they add rows here inside their
own transaction, and the sender delivers them. A row's idempotency key makes the same
message impossible to queue twice; a row marked sent is never sent again.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"  # due at `not_before`, not yet sent
    SENDING = "sending"  # claimed by a sender; `claimed_at` says since when
    SENT = "sent"  # Slack accepted it; `channel` and `ts` say where it landed
    FAILED = "failed"  # gave up (user gone, channel archived…); `last_error` says why
    DROPPED = "dropped"  # no longer wanted (pair ended, person left) before it went out


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        UniqueConstraint("team_id", "idempotency_key"),
        # The sender's claim query: due pending rows, and stale claims, oldest first.
        Index("ix_outbox_messages_status_not_before", "status", "not_before"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    # e.g. "intro:pair=12", "checkin:pair=12:period=2026-W48": one message per key, ever.
    idempotency_key: Mapped[str] = mapped_column(String(200))
    # Where it goes: a known channel, or the Slack user ids (sorted, comma-separated) of a
    # DM or group DM that the sender opens with conversations.open.
    channel: Mapped[str | None] = mapped_column(String(32))
    users: Mapped[str | None] = mapped_column(String(255))
    # A reply in the thread of the message with this ts (in `channel`), e.g. a learning log
    # entry under the pair's intro; None for a message of its own.
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    blocks: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Free-form description of what the message is about ("intro", "checkin", …) for logs.
    kind: Mapped[str] = mapped_column(String(32))

    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING, index=True)
    not_before: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # When the current claim began (a post may have happened from then on) …
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # … and when its sender last said it is still at work: the lease runs from here.
    lease_renewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    ts: Mapped[str | None] = mapped_column(String(32))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    # Which claim owns a `sending` row: a worker whose claim was taken over (it outlived
    # its lease) can no longer record anything on the row.
    claim_token: Mapped[str | None] = mapped_column(String(32))
    # Set when a post may have reached Slack without being recorded (a worker died while
    # holding the claim, or Slack's answer was lost): the earliest time such a post can
    # have happened. Before posting again the sender looks for it in the channel's history.
    unconfirmed_since: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # An edit rather than a post: the key of the message to edit in place (chat.update).
    # Editing twice with the same content is harmless, so edits need no history check.
    edits_key: Mapped[str | None] = mapped_column(String(200))


class DmChannel(Base):
    """The DM or group DM channel Slack gave us for a set of people, so we open it once."""

    __tablename__ = "dm_channels"
    __table_args__ = (UniqueConstraint("team_id", "users"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    users: Mapped[str] = mapped_column(String(255))  # sorted, comma-separated user ids
    channel: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
