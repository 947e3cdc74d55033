"""Workspaces' schedules: created with sane defaults, and what is due under them now."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cycle.checkins import Thresholds
from bot.cycle.schedule import (
    Cadence,
    Occurrence,
    ScheduleRule,
    is_known_zone,
    latest_due,
    next_due,
    weekly,
    zone,
)
from bot.db.models import CheckInSweep, Member, Round, Schedule, Workspace
from bot.matching import MatchSettings

DEFAULT_ZONE = "UTC"


def workspace_zone(session: Session, team_id: str) -> str:
    """The time zone most of the workspace's people are in (UTC when nobody is known)."""
    zones = Counter(
        session.scalars(
            select(Member.tz).where(
                Member.team_id == team_id, Member.active.is_(True), Member.tz.is_not(None)
            )
        ).all()
    )
    for name, _count in sorted(zones.items(), key=lambda item: (-item[1], item[0] or "")):
        if name and is_known_zone(name):
            return name
    return DEFAULT_ZONE


def ensure_schedule(session: Session, team_id: str, now: datetime) -> Schedule:
    """The workspace's schedule; a new one is Monday 09:00 in the workspace's zone.

    It counts from `now`: occurrences before a schedule existed never run.
    """
    schedule = session.scalar(select(Schedule).where(Schedule.team_id == team_id))
    if schedule is None:
        name = workspace_zone(session, team_id)
        schedule = Schedule(
            team_id=team_id,
            timezone=name,
            cadence=Cadence.WEEKLY,
            anchor_on=now.astimezone(zone(name)).date(),
            created_at=now,
            updated_at=now,
        )
        session.add(schedule)
        session.flush()
    return schedule


def rule_of(schedule: Schedule) -> ScheduleRule:
    return ScheduleRule(
        weekday=schedule.weekday,
        at=time(schedule.hour, schedule.minute),
        timezone=schedule.timezone if is_known_zone(schedule.timezone) else DEFAULT_ZONE,
        cadence=Cadence(schedule.cadence),
        anchor=schedule.anchor_on,
    )


def match_settings(schedule: Schedule) -> MatchSettings:
    return MatchSettings(
        cooldown_weeks=schedule.cooldown_weeks,
        max_tz_gap_hours=schedule.max_tz_gap_hours,
        two_way_bonus=schedule.two_way_weight,
    )


def thresholds(schedule: Schedule) -> Thresholds:
    return Thresholds(nudge_after=schedule.nudge_after, close_after=schedule.close_after)


def runs_since(schedule: Schedule) -> datetime:
    """Occurrences before this never run: before the schedule existed or its timing changed."""
    changed = schedule.timing_changed_at
    return max(schedule.created_at, changed) if changed is not None else schedule.created_at


def set_up(schedule: Schedule) -> bool:
    """Whether an admin has finished setting up: scheduled rounds run only then."""
    return schedule.setup_done_at is not None


def rounds_since(schedule: Schedule) -> datetime:
    """Scheduled rounds before this never run: as `runs_since`, and before setup ended."""
    done = schedule.setup_done_at
    since = runs_since(schedule)
    return max(since, done) if done is not None else since


def _unclaimed(
    session: Session,
    schedule: Schedule,
    occurrence: Occurrence | None,
    claims: type[Round] | type[CheckInSweep],
    since: datetime,
) -> Occurrence | None:
    if occurrence is None or occurrence.at < since:
        return None
    claimed = session.scalar(
        select(claims.id).where(claims.team_id == schedule.team_id, claims.period == occurrence.key)
    )
    return None if claimed is not None else occurrence


def due_round(session: Session, schedule: Schedule, now: datetime) -> Occurrence | None:
    """The round that is due and has not run yet, if any; none before setup is finished."""
    if not set_up(schedule):
        return None
    return _unclaimed(
        session, schedule, latest_due(rule_of(schedule), now), Round, rounds_since(schedule)
    )


def due_sweep(session: Session, schedule: Schedule, now: datetime) -> Occurrence | None:
    """This week's check-in pass, when it is due and has not run yet."""
    occurrence = latest_due(weekly(rule_of(schedule)), now)
    return _unclaimed(session, schedule, occurrence, CheckInSweep, runs_since(schedule))


def round_to_run_now(session: Session, schedule: Schedule, now: datetime) -> Occurrence:
    """For a round asked for by hand: the due one if it hasn't run, else the next one.

    Running the next one early takes its place, so it does not run again on schedule.
    """
    due = due_round(session, schedule, now)
    if due is not None:
        return Occurrence(key=due.key, at=now)
    return Occurrence(key=next_due(rule_of(schedule), now).key, at=now)


def workspace_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Workspace.team_id).order_by(Workspace.team_id)).all())
