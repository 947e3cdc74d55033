"""The weekly check-in pass: a check-in (or a nudge) for each pair on its rhythm, closing
pairs that stopped answering, and asking for feedback when a pair's stretch is over."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.cycle.checkins import (
    FIRST_CHECKIN_AFTER,
    CheckInRecord,
    Step,
    checkin_falls_due,
    next_step,
    weeks_without_meeting,
)
from bot.cycle.endings import ending_is_due
from bot.cycle.fit import fit_question_due
from bot.cycle.prompts import prompt_index
from bot.cycle.schedule import Occurrence
from bot.db.models import CheckIn, CheckInAnswer, CheckInSweep, EndReason, Pair, PairStatus
from bot.db.session import transaction
from bot.services.away import excuse_latest_checkin, pair_member_away
from bot.services.checkins import checkin_interval, pair_skills
from bot.services.circle_cycle import sweep_circles
from bot.services.fit import ask_about_fit
from bot.services.goals import checkin_goal_blocks
from bot.services.learning_log import open_action_items
from bot.services.pair_endings import ask_for_feedback
from bot.services.pairs import end_and_tell_both, tell_both
from bot.services.period_claims import claim_period
from bot.services.schedules import ensure_schedule, thresholds
from bot.ui import checkin as checkin_ui

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepOutcome:
    period: str
    checkins: int
    nudges: int
    closed: int
    endings: int
    waiting: int = 0  # pairs left alone this week because someone is away


def _history(session: Session, pair: Pair) -> list[CheckInRecord]:
    checkins = session.scalars(
        select(CheckIn).where(CheckIn.pair_id == pair.id).order_by(CheckIn.number)
    ).all()
    answers: dict[int, list[str | None]] = defaultdict(list)
    if checkins:
        for checkin_id, answer in session.execute(
            select(CheckInAnswer.checkin_id, CheckInAnswer.answer).where(
                CheckInAnswer.checkin_id.in_([c.id for c in checkins])
            )
        ):
            answers[checkin_id].append(answer)
    return [CheckInRecord.of(answers[c.id], excused=c.excused_away) for c in checkins]


def _send_checkin(
    session: Session,
    pair: Pair,
    period: str,
    number: int,
    now: datetime,
    nudge: str | None = None,
) -> CheckIn:
    bank = checkin_ui.discussion_prompts()
    index = prompt_index(number, len(bank), pair_id=pair.id)
    checkin = CheckIn(
        team_id=pair.team_id,
        pair_id=pair.id,
        period=period,
        number=number,
        prompt_index=index,
        sent_at=now,
    )
    session.add(checkin)
    session.flush()
    message = checkin_ui.checkin_message(
        checkin_id=checkin.id,
        mentions=pair.slack_ids(),
        skill=pair_skills(pair),
        prompt=bank[index] if index is not None else None,
        nudge=nudge,
        pair_id=pair.id,
        open_items=open_action_items(session, pair),
        goal_blocks=checkin_goal_blocks(session, pair, number),
    )
    tell_both(session, pair, key=f"checkin:{period}", kind="checkin", reply=message, now=now)
    return checkin


def run_checkin_sweep(
    deps: Deps, team_id: str, occurrence: Occurrence, now: datetime
) -> SweepOutcome | None:
    """This week's pass over every active pair; None when it already ran."""
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        claim = CheckInSweep(team_id=team_id, period=occurrence.key, ran_at=now)
        if not claim_period(session, claim):
            return None
        limits = thresholds(schedule)
        counts = {"checkins": 0, "nudges": 0, "closed": 0, "endings": 0, "waiting": 0}
        pairs = session.scalars(
            select(Pair)
            .where(
                Pair.team_id == team_id,
                Pair.status == PairStatus.ACTIVE,
                Pair.started_at <= occurrence.at - FIRST_CHECKIN_AFTER,
            )
            .order_by(Pair.id)
        ).all()
        for pair in pairs:
            if pair_member_away(pair, now):
                # Everything for the pair waits until both are back; last week's check-in,
                # if nobody answered it, doesn't count against them.
                excuse_latest_checkin(session, pair_id=pair.id)
                counts["waiting"] += 1
                continue
            if fit_question_due(started_at=pair.started_at, at=occurrence.at):
                ask_about_fit(session, pair, now)  # once per pair (the outbox key)
            if ending_is_due(
                ends=pair.ends_at, cycle=pair.cycle, asked_cycle=pair.ending_asked_cycle, now=now
            ):
                ask_for_feedback(session, pair, now)
                counts["endings"] += 1
                continue
            if not checkin_falls_due(
                started_at=pair.started_at,
                at=occurrence.at,
                every_weeks=checkin_interval(session, pair),
                first_meeting_at=pair.first_meeting_at,
            ):
                continue  # off their rhythm, or before their first meeting: no nudge either
            history = _history(session, pair)
            step = next_step(history, limits)
            if step == Step.CLOSE:
                end_and_tell_both(
                    session,
                    pair,
                    reason=EndReason.NO_ANSWER,
                    reopen_for={pair.mentee_id, pair.mentor_id},
                    reply=checkin_ui.closed_message(mentions=pair.slack_ids()),
                    now=now,
                    key="closed",
                    kind="pair_closed",
                )
                counts["closed"] += 1
                continue
            nudge = None
            if step == Step.CHECK_IN_AND_NUDGE:
                nudge = checkin_ui.nudge_text(
                    weeks=weeks_without_meeting(history),
                    # A pair that continued after its first stretch has met, whatever
                    # its recent check-ins say.
                    met_before=pair.cycle > 1 or any(record.met for record in history),
                    scheduled=pair.first_meeting_scheduled_at is not None,
                )
                counts["nudges"] += 1
            _send_checkin(session, pair, occurrence.key, len(history) + 1, now, nudge)
            counts["checkins"] += 1
        claim.summary = dict(counts) | sweep_circles(session, team_id, occurrence, now, limits)
        log.info(
            "check-ins %s: %s",
            occurrence.key,
            counts,
            extra={"team_id": team_id, "job": "checkins"},
        )
        return SweepOutcome(period=occurrence.key, **counts)
