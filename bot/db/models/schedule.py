"""A workspace's schedule for rounds and check-ins, and the thresholds of the weekly cycle."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime

DEFAULT_WEEKDAY = 0  # Monday
DEFAULT_HOUR = 9
DEFAULT_COOLDOWN_WEEKS = 26
DEFAULT_NUDGE_AFTER = 2
DEFAULT_CLOSE_AFTER = 4


class Schedule(Base):
    __tablename__ = "schedules"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("hour BETWEEN 0 AND 23 AND minute BETWEEN 0 AND 59", name="time_range"),
        CheckConstraint(
            "cadence IN ('weekly', 'every_two_weeks', 'monthly')", name="cadence_known"
        ),
        CheckConstraint("cooldown_weeks >= 0", name="cooldown_positive"),
        CheckConstraint("nudge_after >= 1 AND close_after >= 1", name="thresholds_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), unique=True
    )
    weekday: Mapped[int] = mapped_column(Integer, default=DEFAULT_WEEKDAY)
    hour: Mapped[int] = mapped_column(Integer, default=DEFAULT_HOUR)
    minute: Mapped[int] = mapped_column(Integer, default=0)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    cadence: Mapped[str] = mapped_column(String(16), default="weekly")
    # A date in a week that has a round: fixes which weeks count for "every two weeks".
    anchor_on: Mapped[date] = mapped_column(Date)
    cooldown_weeks: Mapped[int] = mapped_column(Integer, default=DEFAULT_COOLDOWN_WEEKS)
    max_tz_gap_hours: Mapped[float | None] = mapped_column(Float)
    # Check-ins in a row without a meeting before a nudge; silent ones before closing.
    nudge_after: Mapped[int] = mapped_column(Integer, default=DEFAULT_NUDGE_AFTER)
    close_after: Mapped[int] = mapped_column(Integer, default=DEFAULT_CLOSE_AFTER)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime(), server_default=func.now(), onupdate=func.now()
    )
