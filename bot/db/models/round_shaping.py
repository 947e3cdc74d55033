"""An admin's shaping of the next round (locks and drops), and the record of every change.

Both are stored so that a draft survives restarts and every admin sees the same one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class RoundDraftChange(Base):
    """One lock or drop on a round's draft: at most one per (mentor, mentee) and period.

    `pending` changes are waiting for a Re-solve: the preview and Run now use only the
    changes already solved, so what an admin sees is what a run makes.
    """

    __tablename__ = "round_draft_changes"
    __table_args__ = (UniqueConstraint("team_id", "period", "mentor", "mentee"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(8))  # "lock" or "drop"
    mentor: Mapped[str] = mapped_column(String(32))  # Slack user ids
    mentee: Mapped[str] = mapped_column(String(32))
    skill: Mapped[str | None] = mapped_column(String(64), nullable=True)  # slug
    pending: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class AdminChange(Base):
    """Who changed what in a round, and when (counted in `admin stats`)."""

    __tablename__ = "admin_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(String(32))  # Slack user id of the admin
    action: Mapped[str] = mapped_column(String(16))  # lock, drop, swap, add, resolve
    period: Mapped[str] = mapped_column(String(32))
    mentor: Mapped[str] = mapped_column(String(32), default="")
    mentee: Mapped[str] = mapped_column(String(32), default="")
    skill: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime())
