"""When to remind a pair of their meeting, and when to nudge a learner who has not yet
found a time: pure rules, given the clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .intervals import local_instant
from .model import Person, Slot

REMINDER_BEFORE = timedelta(hours=1)
# The learner is asked to propose; after this many of their working days without a
# meeting, one gentle nudge.
NUDGE_AFTER_WORKING_DAYS = 5


def reminder_at(slot: Slot, now: datetime) -> datetime | None:
    """An hour before the meeting, or None when that moment has already passed."""
    moment = slot.start - REMINDER_BEFORE
    return moment if moment > now else None


def nudge_due_at(intro_at: datetime, learner: Person) -> datetime:
    """Five of the learner's working days after the intro, at the same local time, moved
    to the start of their working day if that time falls outside it (a nudge is read at
    work, not at night)."""
    tz = learner.zone
    local = intro_at.astimezone(tz)
    hours = learner.hours
    day = _working_day_after(learner, local.date(), NUDGE_AFTER_WORKING_DAYS)
    wall = local.time()
    if wall < hours.start:
        wall = hours.start
    elif wall >= hours.end:
        day, wall = _working_day_after(learner, day, 1), hours.start
    return local_instant(day, wall, tz)


def nudge_due(
    intro_at: datetime, learner: Person, now: datetime, *, scheduled: bool, nudged: bool
) -> bool:
    """Whether the one nudge should go now: nothing scheduled, not yet nudged, and five
    working days have passed."""
    return not scheduled and not nudged and now >= nudge_due_at(intro_at, learner)


def _working_day_after(person: Person, day: date, count: int) -> date:
    """The `count`-th of `person`'s working days after `day`."""
    while count:
        day += timedelta(days=1)
        if day.weekday() in person.hours.weekdays:
            count -= 1
    return day
