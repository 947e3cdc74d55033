"""propose_slots on worked examples: same zone, DST switches, zones 12+ hours apart,
half-hour zones, weekends and a late Friday."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.model import Person, Slot, WorkingHours
from bot.scheduling.slots import propose_slots, shared_working_days

pytestmark = pytest.mark.db_independent

LONDON, NEW_YORK = "Europe/London", "America/New_York"


def at(zone: str, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def local(slot: Slot, zone: str) -> str:
    """'Tue 08 10:30–11:15' on `zone`'s clock."""
    tz = ZoneInfo(zone)
    return f"{slot.start.astimezone(tz):%a %d %H:%M}–{slot.end.astimezone(tz):%H:%M}"


def test_same_zone_one_slot_a_day_alternating_mid_morning_and_mid_afternoon() -> None:
    now = at(LONDON, 2026, 12, 3, 8, 0)  # a Thursday, before work
    proposal = propose_slots(Person(LONDON), Person(LONDON), now)
    assert [local(s, LONDON) for s in proposal.slots] == [
        "Thu 03 10:30–11:15",
        "Fri 04 15:00–15:45",
        "Mon 07 10:30–11:15",
        "Tue 08 15:00–15:45",
        "Wed 09 10:30–11:15",
    ]
    assert proposal.overlap_minutes == 8 * 60 + 30
    assert not proposal.short_overlap and proposal.compromise is None


def test_deterministic() -> None:
    now = at(LONDON, 2026, 12, 3, 12, 7)
    first = propose_slots(Person(LONDON), Person("Asia/Kolkata"), now)
    assert propose_slots(Person(LONDON), Person("Asia/Kolkata"), now) == first


def test_late_friday_looks_at_the_whole_next_week() -> None:
    now = at(LONDON, 2026, 12, 4, 17, 45)  # Friday, after work
    proposal = propose_slots(Person(LONDON), Person(NEW_YORK), now)
    assert proposal.window == tuple(date(2026, 12, day) for day in range(7, 12))
    assert [local(s, LONDON)[:3] for s in proposal.slots] == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    # London afternoons are New York mornings: 14:00–17:30 here is 09:00–12:30 there.
    for slot in proposal.slots:
        assert time(14, 0) <= slot.start.astimezone(ZoneInfo(LONDON)).time()
        assert slot.end.astimezone(ZoneInfo(NEW_YORK)).time() <= time(12, 30)
    assert proposal.overlap_minutes == 210


def test_friday_afternoon_with_time_left_still_offers_today() -> None:
    now = at(LONDON, 2026, 12, 4, 13, 0)
    proposal = propose_slots(Person(LONDON), Person(LONDON), now)
    assert proposal.window[0] == date(2026, 12, 4)
    assert local(proposal.slots[0], LONDON) == "Fri 04 15:00–15:45"


def test_weekend_now_starts_on_monday_and_skips_the_next_weekend() -> None:
    now = at(LONDON, 2026, 12, 5, 11, 0)  # Saturday
    window = shared_working_days(
        Person(LONDON), Person(LONDON), now, minutes=45, notice=timedelta(hours=2)
    )
    assert window == tuple(date(2026, 12, day) for day in range(7, 12))


def test_working_days_of_both_count() -> None:
    # The learner works Sunday to Thursday, the partner Monday to Friday: Monday to
    # Thursday are the shared days.
    sunday_to_thursday = WorkingHours(weekdays=frozenset({6, 0, 1, 2, 3}))
    learner, partner = Person("Asia/Dubai", sunday_to_thursday), Person("Europe/Berlin")
    now = at("Asia/Dubai", 2026, 12, 3, 18, 0)  # Thursday evening
    proposal = propose_slots(learner, partner, now)
    assert [d.weekday() for d in proposal.window] == [0, 1, 2, 3, 0]
    assert {s.start.astimezone(ZoneInfo("Asia/Dubai")).weekday() for s in proposal.slots} <= {
        0,
        1,
        2,
        3,
    }


def test_us_spring_switch_moves_the_london_time_not_the_new_york_time() -> None:
    # The US moves its clocks on 8 March 2026, the UK on 29 March: for three weeks New
    # York is 4 hours behind London instead of 5.
    partner = Person(NEW_YORK, WorkingHours(start=time(9, 0), end=time(10, 0)))
    now = at(LONDON, 2026, 3, 5, 8, 0)  # Thursday before the US switch
    proposal = propose_slots(Person(LONDON), partner, now)
    assert [local(s, LONDON) for s in proposal.slots] == [
        "Thu 05 14:00–14:45",
        "Fri 06 14:00–14:45",
        "Mon 09 13:00–13:45",
        "Tue 10 13:00–13:45",
        "Wed 11 13:00–13:45",
    ]
    assert {local(s, NEW_YORK)[-11:] for s in proposal.slots} == {"09:00–09:45"}


def test_autumn_switch_week_when_europe_has_changed_and_the_us_has_not() -> None:
    # Europe falls back on 25 October 2026, the US on 1 November.
    partner = Person(NEW_YORK, WorkingHours(start=time(9, 0), end=time(10, 0)))
    now = at(LONDON, 2026, 10, 22, 8, 0)  # Thursday
    proposal = propose_slots(Person(LONDON), partner, now)
    assert [local(s, LONDON) for s in proposal.slots] == [
        "Thu 22 14:00–14:45",
        "Fri 23 14:00–14:45",
        "Mon 26 13:00–13:45",
        "Tue 27 13:00–13:45",
        "Wed 28 13:00–13:45",
    ]


def test_auckland_and_los_angeles_21_hours_apart_meet_on_different_dates() -> None:
    now = at("Pacific/Auckland", 2026, 12, 7, 8, 0)  # Monday in Auckland, Sunday in LA
    proposal = propose_slots(Person("Pacific/Auckland"), Person("America/Los_Angeles"), now)
    # Auckland's Monday is all Sunday in LA, so it is not a shared working day; Auckland
    # 09:00–14:30 is LA 12:00–17:30 the day before.
    assert proposal.window == tuple(date(2026, 12, d) for d in (8, 9, 10, 11, 15))
    assert proposal.overlap_minutes == 330
    assert [local(s, "Pacific/Auckland")[:6] for s in proposal.slots] == [
        "Tue 08",
        "Wed 09",
        "Thu 10",
        "Fri 11",
        "Tue 15",
    ]
    assert [local(s, "America/Los_Angeles")[:6] for s in proposal.slots] == [
        "Mon 07",
        "Tue 08",
        "Wed 09",
        "Thu 10",
        "Mon 14",
    ]


def test_tokyo_and_new_york_never_overlap_and_get_a_fair_compromise() -> None:
    now = at("Asia/Tokyo", 2026, 12, 7, 8, 0)
    proposal = propose_slots(Person("Asia/Tokyo"), Person(NEW_YORK), now)
    assert proposal.slots == ()
    assert proposal.overlap_minutes == 0 and proposal.short_overlap
    compromise = proposal.compromise
    assert compromise is not None
    # New York's day ends at 07:30 Tokyo time, 90 minutes before Tokyo's starts; a
    # 45-minute meeting at 08:00 Tokyo (18:00 New York) splits the 135 minutes 60/75.
    # Tokyo's Monday morning is New York's Sunday evening, so it is Tuesday.
    assert local(compromise.slot, "Asia/Tokyo") == "Tue 08 08:00–08:45"
    assert local(compromise.slot, NEW_YORK) == "Mon 07 18:00–18:45"
    assert (compromise.learner.early_minutes, compromise.learner.late_minutes) == (60, 0)
    assert (compromise.partner.early_minutes, compromise.partner.late_minutes) == (0, 75)


def test_fewer_than_three_days_adds_slots_on_the_same_days() -> None:
    # New York works Monday evenings only, which are Tokyo's Tuesday mornings 07:00–12:00.
    # Tokyo's Mondays end on New York's Monday, so they are in the window, but nothing
    # fits them: only two days of five have a time, so one gets a second slot.
    evenings = WorkingHours(start=time(17, 0), end=time(22, 0), weekdays=frozenset({0}))
    now = at("Asia/Tokyo", 2026, 12, 7, 8, 0)
    proposal = propose_slots(Person("Asia/Tokyo"), Person(NEW_YORK, evenings), now)
    assert proposal.window == tuple(date(2026, 12, d) for d in (7, 8, 14, 15, 21))
    # Three hours of overlap leave no room for an hour between the two: they just don't
    # overlap.
    assert [local(s, "Asia/Tokyo") for s in proposal.slots] == [
        "Tue 08 09:00–09:45",
        "Tue 08 10:00–10:45",
        "Tue 15 10:00–10:45",
    ]
    assert [local(s, NEW_YORK)[:6] for s in proposal.slots] == ["Mon 07", "Mon 07", "Mon 14"]


@pytest.mark.parametrize(
    ("learner", "partner"),
    [
        ("Asia/Kolkata", LONDON),
        (LONDON, "Asia/Kolkata"),
        ("Australia/Adelaide", "Asia/Tokyo"),
        ("America/St_Johns", NEW_YORK),
    ],
)
def test_half_hour_zones_give_clean_times_for_both(learner: str, partner: str) -> None:
    proposal = propose_slots(Person(learner), Person(partner), at(LONDON, 2026, 12, 3, 6, 0))
    assert len(proposal.slots) == 5
    for slot in proposal.slots:
        for zone in (learner, partner):
            assert slot.start.astimezone(ZoneInfo(zone)).minute in (0, 30)


def test_kathmandu_learner_keeps_their_own_clock_clean() -> None:
    # +5:45 can't read clean times on both sides: the learner's clock wins.
    proposal = propose_slots(
        Person("Asia/Kathmandu"), Person(LONDON), at(LONDON, 2026, 12, 3, 6, 0)
    )
    assert proposal.overlap_minutes == 165  # Kathmandu 14:45–17:30 is London 09:00–11:45
    assert proposal.slots
    for slot in proposal.slots:
        assert slot.start.astimezone(ZoneInfo("Asia/Kathmandu")).minute in (0, 30)
        assert slot.start.astimezone(ZoneInfo(LONDON)).minute in (15, 45)


def test_adelaide_and_london_compromise_across_their_half_hour_offset() -> None:
    now = at(LONDON, 2026, 12, 3, 6, 0)
    proposal = propose_slots(Person("Australia/Adelaide"), Person(LONDON), now)
    assert proposal.slots == () and proposal.overlap_minutes == 0
    compromise = proposal.compromise
    assert compromise is not None
    # Adelaide (+10:30) ends at 17:30, which is 07:00 in London: 120 minutes before
    # London starts, plus the meeting, split 75/90.
    assert local(compromise.slot, "Australia/Adelaide")[-11:] == "18:00–18:45"
    assert local(compromise.slot, LONDON)[-11:] == "07:30–08:15"
    assert compromise.learner.late_minutes == 75 and compromise.partner.early_minutes == 90


def test_short_overlap_without_a_fitting_half_hour_gives_only_the_compromise() -> None:
    # London 08:00–13:30 and New York 07:40–17:30 (London 12:40–22:30) share 50 minutes,
    # but no half hour of London's clock starts a 45-minute meeting inside them.
    partner = Person(NEW_YORK, WorkingHours(start=time(7, 40), end=time(17, 30)))
    learner = Person(LONDON, WorkingHours(start=time(8, 0), end=time(13, 30)))
    proposal = propose_slots(learner, partner, at(LONDON, 2026, 12, 3, 6, 0))
    assert proposal.overlap_minutes == 50 and proposal.short_overlap
    assert proposal.slots == ()
    compromise = proposal.compromise
    assert compromise is not None
    assert local(compromise.slot, LONDON) == "Thu 03 12:30–13:15"
    assert compromise.learner.fits
    assert (compromise.partner.early_minutes, compromise.partner.late_minutes) == (10, 0)


def test_short_overlap_that_fits_a_meeting_still_gets_slots() -> None:
    partner = Person(NEW_YORK, WorkingHours(start=time(8, 0), end=time(17, 30)))
    learner = Person(LONDON, WorkingHours(start=time(8, 0), end=time(13, 50)))
    proposal = propose_slots(learner, partner, at(LONDON, 2026, 12, 3, 6, 0))
    assert proposal.overlap_minutes == 50 and proposal.short_overlap
    assert [local(s, LONDON)[-11:] for s in proposal.slots] == ["13:00–13:45"] * 5
    assert proposal.compromise is not None
    assert proposal.compromise.learner.fits and proposal.compromise.partner.fits
