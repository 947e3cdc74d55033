"""Properties of propose_slots over random zones, hours and moments: every slot lies
inside both people's working hours (checked on their own wall clocks, independently of
the code under test), within the next five shared working days, after the notice."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.scheduling.model import Person, Slot, WorkingHours
from bot.scheduling.slots import MAX_SLOTS, MIN_NOTICE, propose_slots

pytestmark = pytest.mark.db_independent

ZONES = [
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Europe/Berlin",
    "Asia/Dubai",
]


@st.composite
def working_hours(draw: st.DrawFn) -> WorkingHours:
    # Quarter hours from 05:00, 3 to 11 hours long: clear of the night-time DST changes.
    start = draw(st.integers(5 * 4, 12 * 4)) * 15
    length = draw(st.integers(3 * 4, 11 * 4)) * 15
    weekdays = draw(st.frozensets(st.integers(0, 6), min_size=1))
    end = start + length
    return WorkingHours(time(start // 60, start % 60), time(end // 60, end % 60), weekdays)


people = st.builds(Person, st.sampled_from(ZONES), working_hours())
# 2026 and 2027 take in every DST change of these zones, twice.
moments = st.datetimes(datetime(2026, 1, 1), datetime(2027, 12, 31), timezones=st.just(UTC))


def inside_hours(slot: Slot, person: Person) -> bool:
    start = slot.start.astimezone(ZoneInfo(person.timezone))
    end = slot.end.astimezone(ZoneInfo(person.timezone))
    hours = person.hours
    return (
        start.date() == end.date()
        and start.weekday() in hours.weekdays
        and hours.start <= start.time()
        and end.time() <= hours.end
    )


def is_shared_working_day(learner: Person, partner: Person, day: date) -> bool:
    """The learner works on `day`, and their day begins or ends on a partner working day."""
    if day.weekday() not in learner.hours.weekdays:
        return False
    here, there = ZoneInfo(learner.timezone), ZoneInfo(partner.timezone)
    ends = (datetime.combine(day, learner.hours.start), datetime.combine(day, learner.hours.end))
    return any(
        moment.replace(tzinfo=here).astimezone(there).weekday() in partner.hours.weekdays
        for moment in ends
    )


def shared_days_after(learner: Person, partner: Person, today: date, last: date) -> int:
    """Shared working days after `today` up to `last`; the learner's working days if the
    two working weeks never meet."""
    week = [today + timedelta(days=n) for n in range(1, 8)]
    weeks_meet = any(is_shared_working_day(learner, partner, day) for day in week)

    def counts(day: date) -> bool:
        if weeks_meet:
            return is_shared_working_day(learner, partner, day)
        return day.weekday() in learner.hours.weekdays

    return sum(counts(today + timedelta(days=n)) for n in range(1, (last - today).days + 1))


@settings(max_examples=200, deadline=None)
@given(learner=people, partner=people, now=moments)
def test_every_slot_suits_both_and_falls_in_the_window(
    learner: Person, partner: Person, now: datetime
) -> None:
    proposal = propose_slots(learner, partner, now)
    learner_zone = ZoneInfo(learner.timezone)
    today = now.astimezone(learner_zone).date()
    assert len(proposal.slots) <= MAX_SLOTS
    assert list(proposal.slots) == sorted(proposal.slots)
    for slot in proposal.slots:
        assert slot.minutes == 45
        assert inside_hours(slot, learner) and inside_hours(slot, partner)
        assert slot.start >= now + MIN_NOTICE
        assert slot.start.astimezone(learner_zone).minute in (0, 30)
        day = slot.start.astimezone(learner_zone).date()
        assert shared_days_after(learner, partner, today, day) <= 5
    for one, other in zip(proposal.slots, proposal.slots[1:], strict=False):
        assert one.end <= other.start
    days = {s.start.astimezone(learner_zone).date() for s in proposal.slots}
    # Spread: one a day while there are days to spread over.
    assert len(days) == len(proposal.slots) or len(days) < 3
    if proposal.slots:
        assert proposal.overlap_minutes >= 45
    if proposal.short_overlap:
        assert proposal.compromise is not None
    else:
        assert proposal.compromise is None


@settings(max_examples=100, deadline=None)
@given(learner=people, partner=people, now=moments)
def test_the_compromise_strays_no_further_than_any_fitting_slot_or_the_best_grid_time(
    learner: Person, partner: Person, now: datetime
) -> None:
    proposal = propose_slots(learner, partner, now)
    compromise = proposal.compromise
    if compromise is None:
        return
    worst = max(compromise.learner.total_minutes, compromise.partner.total_minutes)
    if proposal.slots:
        # A slot that fits both was there to choose: the compromise must fit too.
        assert worst == 0
    assert inside_hours(compromise.slot, learner) == compromise.learner.fits
    assert inside_hours(compromise.slot, partner) == compromise.partner.fits
