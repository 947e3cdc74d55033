"""Pairs made by rounds, what they agreed, and the pairs never to make again.

A pair is one mentoring relationship with one group DM. When two people each mentor the
other in the same round it is still one pair: the `return_*` columns hold the second
direction (the mentee teaching the mentor).
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.base import Base, UtcDateTime
from bot.db.models.member import Member
from bot.db.models.skill import Skill


class PairStatus(enum.StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class EndReason(enum.StrEnum):
    NOT_A_FIT = "not_a_fit"  # one of them said so; they are never paired again
    ENDED = "ended"  # one of them ended it from a check-in
    COMPLETED = "completed"  # the agreed duration is over and they chose to stop
    REMATCH = "rematch"  # the duration is over and someone asked for a new match
    NO_ANSWER = "no_answer"  # closed after check-ins nobody answered
    LEFT = "left"  # one of them left: `/mentor forget-me`, or their Slack account was deleted


class Pair(Base):
    __tablename__ = "pairs"
    __table_args__ = (CheckConstraint("mentor_id <> mentee_id", name="two_people"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id", ondelete="SET NULL"))
    # The program whose round made the pair; None for the evergreen pool.
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("programs.id", ondelete="SET NULL"), index=True
    )
    mentor_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id", ondelete="CASCADE"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"))
    score: Mapped[int] = mapped_column(Integer)
    two_way: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reverse: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The other direction, when the mentee also mentors the mentor in this pair.
    return_skill_id: Mapped[int | None] = mapped_column(
        ForeignKey("skills.id", ondelete="SET NULL")
    )
    return_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="SET NULL")
    )
    return_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)

    status: Mapped[str] = mapped_column(String(16), default=PairStatus.ACTIVE, index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(16))
    # The agreed duration (a code of bot.cycle.endings), when the pairing is due to end,
    # which stretch it is in (1, then +1 for each "continue"), and the last stretch whose
    # end-of-duration questions went out.
    duration: Mapped[str | None] = mapped_column(String(24))
    ends_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    cycle: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    ending_asked_cycle: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    group_channel: Mapped[str | None] = mapped_column(String(32))
    first_meeting_scheduled_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When the first meeting is, as one of them put it on the calendar.
    first_meeting_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # When the learner was nudged to find a first time (once, never again).
    schedule_nudged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())

    mentor: Mapped[Member] = relationship(foreign_keys=[mentor_id], lazy="joined")
    mentee: Mapped[Member] = relationship(foreign_keys=[mentee_id], lazy="joined")
    skill: Mapped[Skill] = relationship(foreign_keys=[skill_id], lazy="joined")
    return_skill: Mapped[Skill | None] = relationship(foreign_keys=[return_skill_id], lazy="joined")

    @property
    def active(self) -> bool:
        return self.status == PairStatus.ACTIVE

    def has_member(self, member_id: int) -> bool:
        return member_id in (self.mentor_id, self.mentee_id)

    def slack_ids(self) -> tuple[str, str]:
        return (self.mentor.slack_user_id, self.mentee.slack_user_id)


class Expectations(Base):
    """What a pair agreed at the start; either person can edit it later."""

    __tablename__ = "expectations"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), unique=True)
    objective: Mapped[str] = mapped_column(Text)
    cadence: Mapped[str | None] = mapped_column(String(24))
    first_meeting_on: Mapped[date | None] = mapped_column(Date)
    duration: Mapped[str | None] = mapped_column(String(24))
    success_measure: Mapped[str | None] = mapped_column(Text)
    confidentiality_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Each save is a new version: its summary message has its own idempotency key.
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PairBlock(Base):
    """Two people who must never be paired again (after "Not a good fit")."""

    __tablename__ = "pair_blocks"
    __table_args__ = (
        UniqueConstraint("team_id", "member_a_id", "member_b_id"),
        CheckConstraint("member_a_id < member_b_id", name="ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    member_a_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    member_b_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class Feedback(Base):
    """One person's private words at the end of a pairing (or why it was not a fit).

    Only the author ever sees the text; admins see counts.
    """

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("pair_id", "member_id", "kind", "cycle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    # "ending" (end of duration or ended from a check-in) or "not_a_fit".
    kind: Mapped[str] = mapped_column(String(16))
    cycle: Mapped[int] = mapped_column(Integer, default=1)
    learned: Mapped[str | None] = mapped_column(Text)
    taught: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


def ordered_ids(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
