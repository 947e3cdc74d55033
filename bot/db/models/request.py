"""A skill a member wants to learn, with what they hope to get out of it."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base, UtcDateTime
from bot.db.models.member import Member
from bot.db.models.skill import Skill


class RequestStatus(enum.StrEnum):
    OPEN = "open"  # waiting for a mentor
    MATCHED = "matched"  # a pair is working on it
    CLOSED = "closed"  # withdrawn or done


class MentoringRequest(Base):
    __tablename__ = "requests"
    __table_args__ = (
        # One open request per person and skill: asking twice updates the first.
        Index(
            "uq_requests_open_member_skill",
            "member_id",
            "skill_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"), index=True)
    goal: Mapped[str] = mapped_column(Text, default="")
    frequency: Mapped[str | None] = mapped_column(String(16))
    duration: Mapped[str | None] = mapped_column(String(24))
    success_measure: Mapped[str | None] = mapped_column(Text)
    can_teach_in_return: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=RequestStatus.OPEN, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime(), server_default=func.now(), onupdate=func.now()
    )

    member: Mapped[Member] = relationship(lazy="joined")
    skill: Mapped[Skill] = relationship(lazy="joined")
