"""A pair's learning log: what each session covered, what each person learned, and an
action item with its owner.

Entries belong to the pair alone: only its two people ever see them (never the admins),
and forget-me or an uninstall deletes them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class LogEntry(Base):
    __tablename__ = "log_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    covered: Mapped[str] = mapped_column(Text)
    # One field per person, since in a two-way pair both learn.
    mentor_learned: Mapped[str | None] = mapped_column(Text)
    mentee_learned: Mapped[str | None] = mapped_column(Text)
    action_item: Mapped[str | None] = mapped_column(Text)
    action_owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    action_done_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    action_done_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    logged_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
