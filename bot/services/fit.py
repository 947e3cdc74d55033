"""Private fit answers about a pairing: asked two weeks in and at the end, stored for the
matcher only (never shown to anyone), and the thanks sent from the end of a pairing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import FitRating, Pair
from bot.delivery.outbox import enqueue_reply
from bot.services.pairs import PairAccess
from bot.ui import fit as fit_ui

STAGE_OF = {
    "good_fit": "two_weeks",
    "not_sure": "two_weeks",
    "not_a_fit": "two_weeks",
    "again_yes": "end",
    "again_no": "end",
}


def ask_about_fit(session: Session, pair: Pair, now: datetime) -> None:
    """Ask each person privately whether the pairing is a good fit (once per pair)."""
    for member, partner in ((pair.mentor, pair.mentee), (pair.mentee, pair.mentor)):
        enqueue_reply(
            session,
            fit_ui.fit_question(pair_id=pair.id, partner=partner.slack_user_id),
            team_id=pair.team_id,
            key=f"pair={pair.id}:fit:{member.slack_user_id}",
            kind="fit",
            not_before=now,
            users=(member.slack_user_id,),
        )


def ask_pair_again(session: Session, pair: Pair, now: datetime) -> None:
    """At the end of a stretch: would each person pair again (with a thanks button)."""
    for member, partner in ((pair.mentor, pair.mentee), (pair.mentee, pair.mentor)):
        enqueue_reply(
            session,
            fit_ui.pair_again_question(pair_id=pair.id, partner=partner.slack_user_id),
            team_id=pair.team_id,
            key=f"pair={pair.id}:again:cycle={pair.cycle}:{member.slack_user_id}",
            kind="fit",
            not_before=now,
            users=(member.slack_user_id,),
        )


def record_fit(session: Session, access: PairAccess, answer: str, now: datetime) -> bool:
    """Store (or change) the person's private answer for this stage; always True."""
    stage = STAGE_OF[answer]
    row = session.scalar(
        select(FitRating).where(
            FitRating.pair_id == access.pair.id,
            FitRating.rater_id == access.member.id,
            FitRating.stage == stage,
        )
    )
    if row is None:
        row = FitRating(
            team_id=access.pair.team_id,
            pair_id=access.pair.id,
            rater_id=access.member.id,
            rated_id=access.partner.id,
            stage=stage,
        )
        session.add(row)
    row.answer = answer
    row.answered_at = now
    session.flush()
    return True
