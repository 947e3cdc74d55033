"""A skill a member offers to teach, at a self-assessed level 1-5."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base, UtcDateTime
from bot.db.models.member import Member
from bot.db.models.skill import Skill
from bot.vocabulary import DEFAULT_LEVEL, MAX_LEVEL, MIN_LEVEL


class Offer(Base):
    __tablename__ = "offers"
    __table_args__ = (
        UniqueConstraint("member_id", "skill_id"),
        CheckConstraint(f"level BETWEEN {MIN_LEVEL} AND {MAX_LEVEL}", name="level_range"),
        CheckConstraint(
            "circle_size IS NULL OR circle_size BETWEEN 3 AND 6", name="circle_size_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer, default=DEFAULT_LEVEL)
    # "Happy to run a circle of up to N learners" (3..6) for this skill; None when not.
    circle_size: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime(), server_default=func.now(), onupdate=func.now()
    )

    member: Mapped[Member] = relationship(lazy="joined")
    skill: Mapped[Skill] = relationship(lazy="joined")
