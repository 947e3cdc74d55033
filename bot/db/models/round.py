"""Rounds and weekly check-in sweeps: one row per workspace and period, the claim itself.

The row is inserted in the same transaction as everything the round decides, so a
period runs exactly once however many processes try, and a crash leaves nothing behind.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class Round(Base):
    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("team_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(32))
    # "schedule" or "manual": who asked for it.
    trigger: Mapped[str] = mapped_column(String(16), default="schedule")
    ran_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Digest of the engine's input and its counts, so a round can be checked and replayed.
    input_digest: Mapped[str] = mapped_column(String(64), default="")
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class CheckInSweep(Base):
    """The weekly pass that sends check-ins, nudges, endings and closes silent pairs."""

    __tablename__ = "checkin_sweeps"
    __table_args__ = (UniqueConstraint("team_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(32))
    ran_at: Mapped[datetime] = mapped_column(UtcDateTime())
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
