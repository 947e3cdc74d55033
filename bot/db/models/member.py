"""A person in a workspace who has used the app, with their mentoring profile."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("team_id", "slack_user_id"),
        CheckConstraint("mentor_capacity BETWEEN 0 AND 5", name="mentor_capacity_range"),
        CheckConstraint(
            "career_stage IS NULL OR career_stage IN ('early', 'mid', 'senior', 'executive')",
            name="career_stage_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    slack_user_id: Mapped[str] = mapped_column(String(32))
    display_name: Mapped[str] = mapped_column(String(255), default="")
    tz: Mapped[str | None] = mapped_column(String(64))
    tz_offset_seconds: Mapped[int] = mapped_column(Integer, default=0)
    # False once Slack tells us the user was deleted: kept for history, left out of matching.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    # Recorded only to recognise reverse mentoring, never to decide who teaches.
    career_stage: Mapped[str | None] = mapped_column(String(16))
    open_to_reverse: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    listed_in_directory: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # As a learner, happy to learn in a circle with others rather than one to one.
    open_to_circle: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    mentor_capacity: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    wants_in_return: Mapped[str | None] = mapped_column(Text)
    profile_completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # When set, the pause ends by itself at this moment.
    paused_until: Mapped[datetime | None] = mapped_column(UtcDateTime())

    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime(), server_default=func.now(), onupdate=func.now()
    )

    @property
    def mention(self) -> str:
        return f"<@{self.slack_user_id}>"
