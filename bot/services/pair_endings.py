"""The end of a pairing's stretch: asking both people how it went, and applying what
each decides (carry on for another stretch, end, or end and be matched again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cycle.endings import Outcome, extended, outcome_of
from bot.db.models import EndReason, Feedback, Pair
from bot.delivery.outbox import enqueue_reply
from bot.parsing.pair_forms import FeedbackForm
from bot.services import goals
from bot.services.checkins import pair_skills
from bot.services.fit import ask_pair_again
from bot.services.pairs import (
    NOT_YOURS,
    NotYours,
    PairAccess,
    end_and_tell_both,
    parse_id,
    tell_both,
)
from bot.ui import checkin as checkin_ui
from bot.ui import endings as endings_ui


def ask_for_feedback(session: Session, pair: Pair, now: datetime) -> None:
    """The pair's stretch is over: ask each person privately how it went and what next."""
    for member, partner in ((pair.mentor, pair.mentee), (pair.mentee, pair.mentor)):
        message = endings_ui.ending_prompt(
            pair_id=pair.id,
            cycle=pair.cycle,
            partner=partner.slack_user_id,
            skill=pair_skills(pair),
        )
        enqueue_reply(
            session,
            message,
            team_id=pair.team_id,
            key=f"pair={pair.id}:ending:cycle={pair.cycle}:{member.slack_user_id}",
            kind="ending",
            not_before=now,
            users=(member.slack_user_id,),
        )
    ask_pair_again(session, pair, now)
    pair.ending_asked_cycle = pair.cycle


@dataclass(frozen=True)
class FeedbackResult:
    outcome: Outcome
    recorded: bool  # False when the same person had already answered this stretch


def save_feedback(
    session: Session,
    access: PairAccess,
    *,
    cycle: object,
    form: FeedbackForm,
    now: datetime,
) -> FeedbackResult:
    """Record one person's private end-of-pairing answers and apply their decision."""
    pair, member = access.pair, access.member
    stretch = parse_id(cycle) or pair.cycle
    if stretch > pair.cycle:
        raise NotYours(NOT_YOURS)
    existing = session.scalar(
        select(Feedback).where(
            Feedback.pair_id == pair.id,
            Feedback.member_id == member.id,
            Feedback.kind == "ending",
            Feedback.cycle == stretch,
        )
    )
    if existing is not None:
        return FeedbackResult(outcome=Outcome.RECORD_ONLY, recorded=False)
    session.add(
        Feedback(
            team_id=pair.team_id,
            pair_id=pair.id,
            member_id=member.id,
            kind="ending",
            cycle=stretch,
            learned=form.learned,
            taught=form.taught,
            decision=form.decision,
            created_at=now,
        )
    )
    if form.end_level is not None:
        goals.set_end_level(session, pair, member, form.end_level, now)
    outcome = outcome_of(
        form.decision, pair_active=pair.active, pair_cycle=pair.cycle, answered_cycle=stretch
    )
    if outcome == Outcome.EXTEND:
        pair.ends_at = extended(pair.ends_at, pair.started_at, pair.duration)
        pair.cycle += 1
        tell_both(
            session,
            pair,
            key=f"extended:cycle={stretch}",
            kind="pair_extended",
            reply=endings_ui.extended_message(
                mentions=pair.slack_ids(),
                stretch=endings_ui.stretch_words(pair.duration),
                until=pair.ends_at,
            ),
            now=now,
        )
    elif outcome in (Outcome.END, Outcome.END_AND_REOPEN):
        rematch = outcome == Outcome.END_AND_REOPEN
        reason = (
            EndReason.REMATCH
            if rematch
            else (EndReason.COMPLETED if pair.ending_asked_cycle >= stretch else EndReason.ENDED)
        )
        end_and_tell_both(
            session,
            pair,
            reason=reason,
            reopen_for={member.id} if rematch else set(),
            reply=goals.with_level_changes(
                session,
                pair,
                checkin_ui.ended_message(mentions=pair.slack_ids(), rematch=rematch),
            ),
            now=now,
        )
    if form.end_level is not None:
        goals.invite_to_offer(session, pair, member, form.end_level, now)
    session.flush()
    return FeedbackResult(outcome=outcome, recorded=True)
