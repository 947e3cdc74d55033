"""Circles made by rounds: one mentor with 3–6 learners, or 3–5 peers learning together.

A circle meets in one group DM. Slack's group DMs hold at most 8 people (the bot is one
of them), and a circle never exceeds 7: a mentor and at most 6 learners, or at most 5
peers, so a group DM always fits and no private channel is needed.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base, UtcDateTime
from bot.db.models.member import Member
from bot.db.models.skill import Skill

# The largest circle a group DM must hold: a mentor and 6 learners (Slack allows 8 with
# the bot).
MAX_CIRCLE_PEOPLE = 7


class CircleKind(enum.StrEnum):
    MENTOR = "mentor"  # one mentor and 3–6 learners
    PEER = "peer"  # 3–5 learners of a skill nobody offers, taking turns choosing the topic


class CircleRole(enum.StrEnum):
    MENTOR = "mentor"
    LEARNER = "learner"


class CircleStatus(enum.StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class Circle(Base):
    __tablename__ = "circles"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id", ondelete="SET NULL"))
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=CircleStatus.ACTIVE, index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # The duration most of its learners asked for (a code of bot.cycle.endings).
    duration: Mapped[str | None] = mapped_column(String(24))
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    skill: Mapped[Skill] = relationship(lazy="joined")
    members: Mapped[list[CircleMember]] = relationship(
        back_populates="circle", lazy="selectin", order_by="CircleMember.id"
    )

    @property
    def active(self) -> bool:
        return self.status == CircleStatus.ACTIVE


class CircleMember(Base):
    """One person in a circle: its mentor, or one of its learners (with the request served)."""

    __tablename__ = "circle_members"
    __table_args__ = (UniqueConstraint("circle_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"))

    circle: Mapped[Circle] = relationship(back_populates="members")
    member: Mapped[Member] = relationship(lazy="joined")


class CircleCheckIn(Base):
    """A circle's weekly check-in: one message in its group DM, answered by each member."""

    __tablename__ = "circle_checkins"
    __table_args__ = (UniqueConstraint("circle_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(32))
    number: Mapped[int] = mapped_column(Integer)  # 1 for the circle's first check-in
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CircleCheckInAnswer(Base):
    """One member's own answer to a circle's check-in (met / not yet)."""

    __tablename__ = "circle_checkin_answers"
    __table_args__ = (UniqueConstraint("checkin_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("circle_checkins.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    answer: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CircleCheckInNote(Base):
    """One member's private note on a circle's check-in: only they ever see it."""

    __tablename__ = "circle_checkin_notes"
    __table_args__ = (UniqueConstraint("checkin_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("circle_checkins.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(Text)
    noted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CircleHelpRequest(Base):
    """A member's "Need help" on a circle's check-in: what would help, in their words, for
    the program admins (never their private note)."""

    __tablename__ = "circle_help_requests"
    __table_args__ = (UniqueConstraint("checkin_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("circle_checkins.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    said: Mapped[str] = mapped_column(Text, default="")
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # The program admin who said they would reach out, and when.
    taken_by: Mapped[str | None] = mapped_column(String(32))
    taken_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CircleFeedback(Base):
    """A member's private answer at the end of a circle: how it worked for them and, if
    they wrote it, one thing they learned. Admins see counts only."""

    __tablename__ = "circle_feedback"
    __table_args__ = (UniqueConstraint("circle_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    rating: Mapped[str] = mapped_column(String(16))
    learned: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
