"""Programs: admin-made cohorts with dates, cadence and who may take part, and the
invitations people answer to join them (nobody is ever added without saying yes)."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    String,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime
from bot.vocabulary import FREQUENCIES


class Audience(enum.StrEnum):
    ANYONE = "anyone"  # everyone who uses mentorbot in the workspace is invited
    PEOPLE = "people"  # only the people the admin listed
    GROUP = "group"  # the members of a Slack user group, newcomers included at each round


class InvitationStatus(enum.StrEnum):
    INVITED = "invited"
    LEARNER = "learner"
    TEACHER = "teacher"
    DECLINED = "declined"


class Program(Base):
    __tablename__ = "programs"
    __table_args__ = (
        CheckConstraint("starts_on <= ends_on", name="dates_in_order"),
        CheckConstraint(
            "cadence IN ({})".format(", ".join(f"'{key}'" for key in FREQUENCIES)),
            name="cadence_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    cadence: Mapped[str] = mapped_column(String(16))
    learners: Mapped[str] = mapped_column(String(16), default=Audience.ANYONE)
    teachers: Mapped[str] = mapped_column(String(16), default=Audience.ANYONE)
    # The Slack user group's id when `learners` (or `teachers`) is GROUP.
    learner_group: Mapped[str | None] = mapped_column(String(32))
    teacher_group: Mapped[str | None] = mapped_column(String(32))
    # [slug, label] of each skill the program is about; empty means every skill.
    focus_skills: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    # Whether the program's pairs also count in the evergreen rounds (mentor capacity and
    # the cooldown between the same two people).
    counts_in_pool: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_by: Mapped[str] = mapped_column(String(32))
    # Set once, by whoever sends the end-of-program report first.
    reported_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class ProgramInvitation(Base):
    """One person's place in a program: invited, joined as learner or teacher, or not now.

    `may_learn`/`may_teach` say which answers the program's audience allows them.
    """

    __tablename__ = "program_invitations"
    __table_args__ = (UniqueConstraint("program_id", "slack_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    slack_user_id: Mapped[str] = mapped_column(String(32), index=True)
    may_learn: Mapped[bool] = mapped_column(Boolean, default=True)
    may_teach: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(16), default=InvitationStatus.INVITED)
    invited_at: Mapped[datetime] = mapped_column(UtcDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
