"""A scheduled round waiting for an admin's Send, when the workspace approves rounds.

One row per workspace and period: the workspace's own round, or one program's round
(`program_id` set; its period names the program, so the two never collide). Its status
moves once, by a conditional update, from "waiting" to "sent" (an admin sent it),
"replaced" (the next round came first) or "ended" (its program ended first), so two admins
clicking at once can never both act on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime

WAITING = "waiting"
SENT = "sent"
REPLACED = "replaced"
ENDED = "ended"  # a program's round nobody sent before the program ended


class RoundApproval(Base):
    __tablename__ = "round_approvals"
    __table_args__ = (UniqueConstraint("team_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(32))
    # The program whose round this is; None for the workspace's everyday round.
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=WAITING, index=True)
    prepared_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # The admins asked to approve it (Slack user ids, comma-separated): who gets the edits.
    admins: Mapped[str] = mapped_column(String(2000), default="")
    # What the draft held when it was prepared (counts only).
    pairs: Mapped[int] = mapped_column(Integer, default=0)
    served: Mapped[int] = mapped_column(Integer, default=0)
    unserved: Mapped[int] = mapped_column(Integer, default=0)
    # Circles and peer circles (their learners are among `served`).
    circles: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
