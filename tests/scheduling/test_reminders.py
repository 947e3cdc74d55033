"""The reminder an hour before, and the one nudge after five of the learner's working days."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.model import Person, Slot, WorkingHours
from bot.scheduling.reminders import nudge_due, nudge_due_at, reminder_at

pytestmark = pytest.mark.db_independent

LONDON = Person("Europe/London")


def london(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo("Europe/London"))


def test_reminder_an_hour_before_unless_that_has_passed() -> None:
    slot = Slot.starting(london(12, 8, 10), 45)
    assert reminder_at(slot, london(12, 3, 12)) == london(12, 8, 9)
    assert reminder_at(slot, london(12, 8, 9, 30)) is None
    assert reminder_at(slot, london(12, 8, 9)) is None


@pytest.mark.parametrize(
    ("intro", "due"),
    [
        (london(12, 7, 10), london(12, 14, 10)),  # Monday → next Monday
        (london(12, 3, 11), london(12, 10, 11)),  # Thursday → next Thursday, over a weekend
        (london(12, 5, 11), london(12, 11, 11)),  # Saturday → Friday: five working days
        (london(12, 4, 18), london(12, 14, 9)),  # after hours Friday → start of the next day
        (london(12, 3, 7), london(12, 10, 9)),  # before hours → when the day starts
        (london(3, 27, 10), london(4, 3, 10)),  # across the spring switch, same wall time
    ],
)
def test_nudge_due_at(intro: datetime, due: datetime) -> None:
    assert nudge_due_at(intro, LONDON) == due


def test_nudge_counts_the_learners_own_working_days_and_zone() -> None:
    # Sunday to Thursday in Dubai: an intro on Thursday 3 December is due on Thursday 10.
    learner = Person("Asia/Dubai", WorkingHours(weekdays=frozenset({6, 0, 1, 2, 3})))
    intro = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)  # 10:00 in Dubai
    assert nudge_due_at(intro, learner) == datetime(2026, 12, 10, 6, 0, tzinfo=UTC)
    # The same instant for a learner in Los Angeles is Wednesday 22:00: out of hours.
    la = Person("America/Los_Angeles", WorkingHours(time(9, 0), time(17, 0)))
    assert nudge_due_at(intro, la) == datetime(2026, 12, 10, 17, 0, tzinfo=UTC)


def test_one_nudge_only_when_nothing_is_scheduled() -> None:
    intro, due = london(12, 7, 10), london(12, 14, 10)
    before = due - timedelta(minutes=1)
    assert not nudge_due(intro, LONDON, before, scheduled=False, nudged=False)
    assert nudge_due(intro, LONDON, due, scheduled=False, nudged=False)
    assert not nudge_due(intro, LONDON, due, scheduled=True, nudged=False)
    assert not nudge_due(intro, LONDON, due + timedelta(days=3), scheduled=False, nudged=True)
