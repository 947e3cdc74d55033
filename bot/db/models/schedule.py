"""A workspace's schedule for rounds and check-ins, and the thresholds of the weekly cycle."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime
from bot.vocabulary import FREQUENCIES, WEEKLY

DEFAULT_WEEKDAY = 0  # Monday
DEFAULT_HOUR = 9
DEFAULT_COOLDOWN_WEEKS = 26
DEFAULT_NUDGE_AFTER = 2
DEFAULT_CLOSE_AFTER = 4
DEFAULT_TWO_WAY_WEIGHT = 3  # the matching engine's default two-way bonus


class Schedule(Base):
    __tablename__ = "schedules"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("hour BETWEEN 0 AND 23 AND minute BETWEEN 0 AND 59", name="time_range"),
        CheckConstraint(
            "cadence IN ({})".format(", ".join(f"'{key}'" for key in FREQUENCIES)),
            name="cadence_known",
        ),
        CheckConstraint("cooldown_weeks >= 0", name="cooldown_positive"),
        CheckConstraint("nudge_after >= 1 AND close_after >= 1", name="thresholds_positive"),
        CheckConstraint("two_way_weight BETWEEN 0 AND 10", name="two_way_weight_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), unique=True
    )
    weekday: Mapped[int] = mapped_column(Integer, default=DEFAULT_WEEKDAY)
    hour: Mapped[int] = mapped_column(Integer, default=DEFAULT_HOUR)
    minute: Mapped[int] = mapped_column(Integer, default=0)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    cadence: Mapped[str] = mapped_column(String(16), default=WEEKLY)
    # A date in a week that has a round: fixes which weeks count for "every two weeks".
    anchor_on: Mapped[date] = mapped_column(Date)
    cooldown_weeks: Mapped[int] = mapped_column(Integer, default=DEFAULT_COOLDOWN_WEEKS)
    max_tz_gap_hours: Mapped[float | None] = mapped_column(Float)
    # Check-ins in a row without a meeting before a nudge; silent ones before closing.
    nudge_after: Mapped[int] = mapped_column(Integer, default=DEFAULT_NUDGE_AFTER)
    close_after: Mapped[int] = mapped_column(Integer, default=DEFAULT_CLOSE_AFTER)
    # Program admins' settings (see bot/services/settings.py).
    # Score bonus for a pair where the mentee can teach the mentor back; 0 = no preference.
    two_way_weight: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_TWO_WAY_WEIGHT, server_default=str(DEFAULT_TWO_WAY_WEIGHT)
    )
    # Where each round is announced (counts only), and whether to name the new pairs there.
    announce_channel: Mapped[str | None] = mapped_column(String(32))
    announce_pairs: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # When the day, time, zone or cadence last changed: occurrences before it never run, so
    # moving the round to a moment that has just passed doesn't start one at once.
    timing_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When an admin finished setting up (saved the settings or clicked "Start rounds"): no
    # scheduled round runs before it, so a new workspace is never paired unannounced.
    setup_done_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Admins approve each scheduled round before anyone is messaged (see
    # services/round_approvals.py); who turned it on hears about each round too.
    approve_rounds: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    approve_rounds_by: Mapped[str | None] = mapped_column(String(32))
    # The workspace's Slack owners and admins (comma-separated ids), read from Slack when the
    # settings were last saved with approval on: the tick has no Slack client to ask.
    approval_admins: Mapped[str] = mapped_column(String(2000), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime(), server_default=func.now(), onupdate=func.now()
    )
