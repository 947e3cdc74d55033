"""Weekly check-ins of a pair and each person's answer to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class CheckIn(Base):
    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("pair_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)  # 1 for the pair's first check-in
    prompt_index: Mapped[int | None] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Someone in the pair was away before it could be answered: silence here doesn't count
    # toward nudges or closing the pair.
    excused_away: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class CheckInAnswer(Base):
    """One person's answer to one check-in; the note is private to that person."""

    __tablename__ = "checkin_answers"
    __table_args__ = (UniqueConstraint("checkin_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("checkins.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    # A bot.cycle.checkins.Answer, or None when the person only left a note.
    answer: Mapped[str | None] = mapped_column(String(16))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    note: Mapped[str | None] = mapped_column(Text)
    noted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # "Need help": what the person wrote for the program admins ("" for nothing; unlike the
    # note, it is written to be read by them), and which admin said they would reach out.
    help_text: Mapped[str | None] = mapped_column(Text)
    help_taken_by: Mapped[str | None] = mapped_column(String(32))
    help_taken_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
