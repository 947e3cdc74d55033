"""What each learner of a pair wants to reach: up to three goals with their progress, the
learner's level in the skill at the start and at the end, and the pair's goal board.

A learner is the mentee of the pair's main direction, or the mentor of its return
direction in a two-way pair. Goals and levels are private to the pair: admins see only
aggregates, with the small-number rule of admin stats.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class Goal(Base):
    """One learner's goal in one pairing; `status` is a bot.cycle.goals.GoalStatus."""

    __tablename__ = "pair_goals"
    __table_args__ = (UniqueConstraint("pair_id", "learner_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # 1 to 3, in the order written
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class LearnerLevel(Base):
    """A learner's own rating of their level in the skill (1-5), at the start and the end."""

    __tablename__ = "learner_levels"
    __table_args__ = (UniqueConstraint("pair_id", "learner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"))
    start_level: Mapped[int | None] = mapped_column(Integer)
    end_level: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class GoalBoard(Base):
    """The pair's one goal board message; `version` counts its edits (their outbox keys)."""

    __tablename__ = "goal_boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
