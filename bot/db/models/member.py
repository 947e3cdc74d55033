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
    # Working hours, minutes after local midnight; None: the default day (09:00-17:30).
    work_starts_minute: Mapped[int | None] = mapped_column(Integer)
    work_ends_minute: Mapped[int | None] = mapped_column(Integer)
    # False once Slack tells us the user was deleted: kept for history, left out of matching.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    # Recorded only to recognise reverse mentoring, never to decide who teaches.
    career_stage: Mapped[str | None] = mapped_column(String(16))
    open_to_reverse: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    listed_in_directory: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # Thanks to this person may also be posted in a channel, when the sender asks for it.
    allows_public_thanks: Mapped[bool] = mapped_column(
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

    # Away (from the Slack status, bot.cycle.away) until this moment: left out of rounds and
    # check-ins meanwhile. `away_until_known` is False when the status had no expiration
    # and the app assumed one week.
    away_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    away_until_known: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime(), server_default=func.now(), onupdate=func.now()
    )

    @property
    def mention(self) -> str:
        return f"<@{self.slack_user_id}>"
