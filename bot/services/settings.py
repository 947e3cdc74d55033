"""A program's settings as admins see them: read, saved for the next round, and the
next round itself (when it falls, whether it is skipped).

Everything here lives on the workspace's `Schedule` row, which every round reads afresh,
so a saved change applies to the next round without restarting anything. Skipping a round
writes the claim row of its period (trigger "skipped"): the same unique row that makes a
round run once also makes a skipped one never run.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.cycle.schedule import Cadence, Occurrence, ScheduleRule, latest_due, next_due, zone
from bot.db.models import Round, RoundApproval, Schedule
from bot.db.models.round_approval import WAITING
from bot.db.session import rowcount
from bot.domain.program_settings import NextRound, ProgramSettings
from bot.services.period_claims import claim_period
from bot.services.schedules import rounds_since, rule_of, set_up

SKIPPED = "skipped"  # Round.trigger of a period an admin chose to skip
# How many occurrences ahead to look past rounds already claimed (run early or skipped).
_LOOKAHEAD = 12


def current_settings(schedule: Schedule) -> ProgramSettings:
    return ProgramSettings(
        weekday=schedule.weekday,
        at=time(schedule.hour, schedule.minute),
        timezone=schedule.timezone,
        cadence=Cadence(schedule.cadence),
        cooldown_weeks=schedule.cooldown_weeks,
        max_tz_gap_hours=schedule.max_tz_gap_hours,
        nudge_after=schedule.nudge_after,
        close_after=schedule.close_after,
        two_way_weight=schedule.two_way_weight,
        announce_channel=schedule.announce_channel,
        announce_pairs=schedule.announce_pairs,
        approve_rounds=schedule.approve_rounds,
    )


def save_settings(
    session: Session,
    schedule: Schedule,
    new: ProgramSettings,
    now: datetime,
    *,
    by: str | None = None,
) -> bool:
    """Store `new` on the schedule; True when the timing (day, time, zone, cadence) changed.

    Saving finishes setup: a new workspace's rounds start from the first one after now.
    `by` is the admin saving; whoever turns on approve-before-send is asked for each round.

    A timing change counts from now: a round whose new time has just passed waits for its
    next occurrence instead of starting at once. The anchor of "every two weeks" moves to
    the first upcoming week with the new weekday, so the next round is the soonest one.
    """
    old = current_settings(schedule)
    timing_changed = old.timing() != new.timing()
    schedule.weekday = new.weekday
    schedule.hour, schedule.minute = new.at.hour, new.at.minute
    schedule.timezone = new.timezone
    schedule.cadence = new.cadence
    schedule.cooldown_weeks = new.cooldown_weeks
    schedule.max_tz_gap_hours = new.max_tz_gap_hours
    schedule.nudge_after = new.nudge_after
    schedule.close_after = new.close_after
    schedule.two_way_weight = new.two_way_weight
    schedule.announce_channel = new.announce_channel
    schedule.announce_pairs = new.announce_pairs and new.announce_channel is not None
    if new.approve_rounds and not schedule.approve_rounds:
        schedule.approve_rounds_by = by
    schedule.approve_rounds = new.approve_rounds
    if schedule.setup_done_at is None:
        schedule.setup_done_at = now
    schedule.updated_at = now
    if timing_changed:
        schedule.timing_changed_at = now
        every_week = ScheduleRule(
            weekday=new.weekday,
            at=new.at,
            timezone=new.timezone,
            cadence=Cadence.WEEKLY,
            anchor=schedule.anchor_on,
        )
        upcoming = next_due(every_week, now)
        schedule.anchor_on = upcoming.at.astimezone(zone(new.timezone)).date()
    session.flush()
    return timing_changed


def _claim_trigger(session: Session, team_id: str, period: str) -> str | None:
    return session.scalar(
        select(Round.trigger).where(Round.team_id == team_id, Round.period == period)
    )


def start_rounds(session: Session, schedule: Schedule, now: datetime) -> bool:
    """Finish setup: scheduled rounds run from the next one on. False if already done
    (a conditional update, so a double click or two admins at once start them once)."""
    started = session.execute(
        update(Schedule)
        .where(Schedule.id == schedule.id, Schedule.setup_done_at.is_(None))
        .values(setup_done_at=now, updated_at=now)
    )
    session.refresh(schedule)
    return bool(rowcount(started))


def _awaiting_approval(session: Session, team_id: str, period: str) -> bool:
    return (
        session.scalar(
            select(RoundApproval.id).where(
                RoundApproval.team_id == team_id,
                RoundApproval.period == period,
                RoundApproval.status == WAITING,
            )
        )
        is not None
    )


def next_round(session: Session, schedule: Schedule, now: datetime) -> NextRound:
    """The round that will run next, past any already run early or skipped.

    Before setup is finished it is the round that would come first if setup ended now.
    """
    rule = rule_of(schedule)
    name = rule.timezone
    skipped: list[Occurrence] = []
    waiting = not set_up(schedule)
    # Before setup, the first round is the first one after now.
    due = None if waiting else latest_due(rule, now)
    if due is not None and due.at >= rounds_since(schedule):
        trigger = _claim_trigger(session, schedule.team_id, due.key)
        if trigger is None:
            return NextRound(
                due.key,
                due.at,
                name,
                rule.cadence,
                due_now=True,
                skipped=(),
                waiting_for_setup=waiting,
                awaiting_approval=_awaiting_approval(session, schedule.team_id, due.key),
            )
        if trigger == SKIPPED:
            skipped.append(due)
    occurrence = next_due(rule, now)
    for _ in range(_LOOKAHEAD):
        trigger = _claim_trigger(session, schedule.team_id, occurrence.key)
        if trigger is None:
            break
        if trigger == SKIPPED:
            skipped.append(occurrence)
        occurrence = next_due(rule, occurrence.at)
    return NextRound(
        occurrence.key,
        occurrence.at,
        name,
        rule.cadence,
        due_now=False,
        skipped=tuple(skipped),
        waiting_for_setup=waiting,
    )


def skip_next_round(
    session: Session, schedule: Schedule, now: datetime, *, period: str | None = None
) -> NextRound | None:
    """Mark the next round as skipped; returns it, or None when nothing was skipped.

    `period` is the round the admin saw: if the next round is another one by now (it ran,
    or a double click already skipped it), nothing is skipped.
    """
    target = next_round(session, schedule, now)
    if period is not None and target.period != period:
        return None
    claim = Round(
        team_id=schedule.team_id,
        period=target.period,
        trigger=SKIPPED,
        ran_at=now,
        summary={"skipped": 1.0},
    )
    if not claim_period(session, claim):
        return None
    return replace(target, skipped=())


def undo_skip(
    session: Session, schedule: Schedule, now: datetime, *, period: str | None = None
) -> Occurrence | None:
    """Let the earliest skipped round run after all (or the skipped `period`, if given);
    returns it, or None when there was no such skipped round."""
    skipped = [o for o in next_round(session, schedule, now).skipped if period in (None, o.key)]
    if not skipped:
        return None
    session.execute(
        delete(Round).where(
            Round.team_id == schedule.team_id,
            Round.period == skipped[0].key,
            Round.trigger == SKIPPED,
        )
    )
    return skipped[0]
