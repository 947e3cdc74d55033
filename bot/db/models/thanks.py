"""Thanks people send each other, and each person's private fit ratings of a pairing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base, UtcDateTime


class Thanks(Base):
    """One person thanking another; naming a skill the recipient offers endorses it."""

    __tablename__ = "thanks"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int | None] = mapped_column(ForeignKey("pairs.id", ondelete="SET NULL"))
    # Set when the thanks names a skill the recipient offered at the time: an endorsement.
    endorsed_skill_id: Mapped[int | None] = mapped_column(
        ForeignKey("skills.id", ondelete="SET NULL"), index=True
    )
    message: Mapped[str] = mapped_column(Text)
    # The channel it was also posted in, when the sender asked and the recipient allows it.
    public_channel: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


class FitRating(Base):
    """One person's private answer about a pairing: fit two weeks in, or pair again at the end.

    Never shown to anyone; it only feeds the matcher's bounded rating term.
    """

    __tablename__ = "fit_ratings"
    __table_args__ = (
        UniqueConstraint("pair_id", "rater_id", "stage"),
        CheckConstraint("stage IN ('two_weeks', 'end')", name="stage_known"),
        CheckConstraint(
            "answer IN ('good_fit', 'not_sure', 'not_a_fit', 'again_yes', 'again_no')",
            name="answer_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), index=True
    )
    pair_id: Mapped[int] = mapped_column(ForeignKey("pairs.id", ondelete="CASCADE"), index=True)
    rater_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    rated_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    answer: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())
