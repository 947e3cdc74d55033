"""Proposing meeting times to a pair: a few slots inside both people's working hours over
the next five shared working days, spread out, or the fairest compromise when their
working days barely overlap.

Definitions, since each could be read more than one way:
- A *shared working day* is one of the learner's working days (Monday to Friday by
  default, in their zone) whose working hours begin or end on one of the partner's
  working days in the partner's zone. Dates are counted on the learner's calendar: the
  learner is the one asked to propose. So Auckland's Monday, which is all Sunday in Los
  Angeles, does not count, and its Tuesday (Los Angeles' Monday) does. When no day
  qualifies at all (their working weeks never meet), the learner's working days count.
- The *window* is the next five shared working days. Today is the first of them only if
  a meeting could still start before the learner's day ends, with `notice` to spare.
- Slots start on the half hour of the learner's clock (:00 or :30). Any two zones whose
  offsets differ by a multiple of 30 minutes (Kolkata, Adelaide, Newfoundland against
  whole-hour zones) then read clean times too; a :45 zone such as Kathmandu can't, so
  its partner sees :15 or :45.
- Every slot lies wholly inside both people's working hours, on a working day of each in
  their own zone, and starts at least `notice` from now.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .intervals import (
    Interval,
    Stretch,
    exists_locally,
    local_instant,
    overlap_minutes,
    stretch,
    working_interval,
    working_intervals,
)
from .model import FIRST_MEETING_MINUTES, Person, Slot

WINDOW_WORKING_DAYS = 5
# Time to notice the proposal and move something if needed; also leaves room for the
# reminder an hour before.
MIN_NOTICE = timedelta(hours=2)
GRID_MINUTES = 30
# Below this, the pair is told plainly that their days barely overlap.
SHORT_OVERLAP_MINUTES = 60
MIN_SLOTS = 3
MAX_SLOTS = 5
# Two slots on the same day are at least this far apart when the overlap allows, so
# they are real alternatives rather than the same hour twice.
SAME_DAY_GAP = timedelta(hours=1)
# Slots within an hour of the same time of day give little choice to someone who is
# always busy then; each such repeat costs as much as starting half an hour off the
# preferred time.
SIMILAR_TIME_MINUTES = 60
REPEAT_COST_MINUTES = 30
# Preferred starts: mid-morning (90 minutes into the day) and mid-afternoon (150 minutes
# before it ends): clear of the first emails, lunch and the end of the day.
MORNING_AFTER_START_MINUTES = 90
AFTERNOON_BEFORE_END_MINUTES = 150
# A day shorter than this has one preferred time, its middle.
TWO_ANCHOR_DAY_MINUTES = 4 * 60
# Working intervals are gathered this many days either side of the window, so that the
# nearest working day of someone far away or off for the weekend is always among them.
_INTERVAL_MARGIN = timedelta(days=8)


@dataclass(frozen=True, slots=True)
class Compromise:
    """The fairest meeting time outside someone's hours, and how far it strays for each."""

    slot: Slot
    learner: Stretch
    partner: Stretch


@dataclass(frozen=True, slots=True)
class Proposal:
    """What to offer a pair: `slots` (chronological), the `window` they were drawn from
    (learner's dates), the longest daily overlap of the two working days in the window,
    and, when that overlap is short, the best compromise."""

    slots: tuple[Slot, ...]
    window: tuple[date, ...]
    overlap_minutes: int
    compromise: Compromise | None

    @property
    def short_overlap(self) -> bool:
        return self.overlap_minutes < SHORT_OVERLAP_MINUTES


@dataclass(frozen=True, slots=True)
class _Candidate:
    slot: Slot
    day: date  # the learner's date
    minute_of_day: int  # the learner's wall clock
    worst_penalty: int
    total_penalty: int


def propose_slots(
    learner: Person,
    partner: Person,
    now: datetime,
    *,
    minutes: int = FIRST_MEETING_MINUTES,
    notice: timedelta = MIN_NOTICE,
) -> Proposal:
    """Up to five `minutes`-long slots that suit both people, three or more when their
    hours allow, at most one a day while there are days to spread over; deterministic."""
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    if minutes <= 0:
        raise ValueError("a meeting lasts at least a minute")
    window = shared_working_days(learner, partner, now, minutes=minutes, notice=notice)
    first, last = window[0] - _INTERVAL_MARGIN, window[-1] + _INTERVAL_MARGIN
    learner_days = working_intervals(learner, first, last)
    partner_days = working_intervals(partner, first, last)
    grid = _grid(learner, window, now + notice, minutes)

    fitting = [
        slot
        for slot in grid
        if stretch(slot, learner_days).fits and stretch(slot, partner_days).fits
    ]
    overlap = _longest_overlap(learner, window, partner_days)
    compromise = None
    if overlap < SHORT_OVERLAP_MINUTES:
        compromise = _fairest(grid, learner_days, partner_days)
    candidates = [_candidate(learner, partner, slot) for slot in fitting]
    return Proposal(tuple(_spread(candidates)), window, overlap, compromise)


def overlap_outlook(
    learner: Person,
    partner: Person,
    now: datetime,
    *,
    minutes: int = FIRST_MEETING_MINUTES,
    notice: timedelta = MIN_NOTICE,
) -> Proposal:
    """What an intro needs, without the slots: the longest daily overlap in the window and,
    only when it is short, the best compromise. Cheap when the days overlap well, since a
    round writes many intros at once."""
    if now.tzinfo is None:
        raise ValueError("now must carry a time zone")
    window = shared_working_days(learner, partner, now, minutes=minutes, notice=notice)
    first, last = window[0] - _INTERVAL_MARGIN, window[-1] + _INTERVAL_MARGIN
    partner_days = working_intervals(partner, first, last)
    overlap = _longest_overlap(learner, window, partner_days)
    if overlap >= SHORT_OVERLAP_MINUTES:
        return Proposal((), window, overlap, None)
    learner_days = working_intervals(learner, first, last)
    grid = _grid(learner, window, now + notice, minutes)
    return Proposal((), window, overlap, _fairest(grid, learner_days, partner_days))


def shared_working_days(
    learner: Person, partner: Person, now: datetime, *, minutes: int, notice: timedelta
) -> tuple[date, ...]:
    """The window: the next five shared working days, as the learner's dates."""
    tz = learner.zone
    first = now.astimezone(tz).date()
    last_start_today = local_instant(first, learner.hours.end, tz) - timedelta(minutes=minutes)
    if last_start_today < now + notice:
        first += timedelta(days=1)
    # Working weeks repeat, so if five weeks hold no shared day, none ever will.
    horizon = [first + timedelta(days=n) for n in range(WINDOW_WORKING_DAYS * 7)]
    learner_days = [day for day in horizon if day.weekday() in learner.hours.weekdays]
    shared = [day for day in learner_days if _partner_works_then(learner, partner, day)]
    return tuple((shared or learner_days)[:WINDOW_WORKING_DAYS])


def _partner_works_then(learner: Person, partner: Person, day: date) -> bool:
    """Whether the learner's working hours on `day` begin or end on a partner working day."""
    learner_day = working_interval(learner, day)
    if learner_day is None:
        return False
    return any(
        moment.astimezone(partner.zone).weekday() in partner.hours.weekdays
        for moment in (learner_day.start, learner_day.end)
    )


def _grid(learner: Person, days: Sequence[date], earliest: datetime, minutes: int) -> list[Slot]:
    """Every half hour of the learner's clock on `days`, from `earliest` on, skipping wall
    times a DST change jumps over."""
    tz = learner.zone
    slots: list[Slot] = []
    seen: set[datetime] = set()
    for day in days:
        for minute in range(0, 24 * 60, GRID_MINUTES):
            wall = time(minute // 60, minute % 60)
            start = local_instant(day, wall, tz)
            if start < earliest or start in seen or not exists_locally(start, day, wall, tz):
                continue
            seen.add(start)
            slots.append(Slot.starting(start, minutes))
    return slots


def _longest_overlap(learner: Person, window: Sequence[date], partner_days: list[Interval]) -> int:
    longest = 0
    for day in window:
        learner_day = working_interval(learner, day)
        if learner_day is not None:
            longest = max(longest, overlap_minutes(learner_day, partner_days))
    return longest


def _fairest(
    grid: Sequence[Slot], learner_days: list[Interval], partner_days: list[Interval]
) -> Compromise | None:
    """The slot that strays least outside the hours of whoever it strays most for; then
    the least in total; then the earliest."""
    best: tuple[int, int, Compromise] | None = None
    for slot in grid:
        for_learner, for_partner = stretch(slot, learner_days), stretch(slot, partner_days)
        worst = max(for_learner.total_minutes, for_partner.total_minutes)
        total = for_learner.total_minutes + for_partner.total_minutes
        if best is None or (worst, total) < best[:2]:
            best = (worst, total, Compromise(slot, for_learner, for_partner))
    return None if best is None else best[2]


def _candidate(learner: Person, partner: Person, slot: Slot) -> _Candidate:
    local = slot.start.astimezone(learner.zone)
    penalties = (_off_preferred(learner, slot), _off_preferred(partner, slot))
    return _Candidate(
        slot, local.date(), local.hour * 60 + local.minute, max(penalties), sum(penalties)
    )


def _off_preferred(person: Person, slot: Slot) -> int:
    """Minutes between the slot's local start and the nearer preferred start of `person`."""
    local = slot.start.astimezone(person.zone)
    start_minute = local.hour * 60 + local.minute
    hours = person.hours
    day_start = hours.start.hour * 60 + hours.start.minute
    day_end = day_start + hours.minutes
    last_start = max(day_start, day_end - slot.minutes)
    if hours.minutes < TWO_ANCHOR_DAY_MINUTES:
        anchors = [(day_start + last_start) // 2]
    else:
        anchors = [day_start + MORNING_AFTER_START_MINUTES, day_end - AFTERNOON_BEFORE_END_MINUTES]
    return min(abs(start_minute - min(max(a, day_start), last_start)) for a in anchors)


def _spread(candidates: list[_Candidate]) -> list[Slot]:
    """One slot a day, chronologically, each the best for both people after a cost for
    repeating an earlier slot's time of day; then, if that gives fewer than three, more
    on the same days, an hour apart if possible."""
    by_day: defaultdict[date, list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_day[candidate.day].append(candidate)
    picked: list[_Candidate] = []
    for day in sorted(by_day)[:MAX_SLOTS]:
        picked.append(min(by_day[day], key=lambda c: _rank(c, picked)))
    for gap in (SAME_DAY_GAP, timedelta(0)):
        while len(picked) < MIN_SLOTS:
            options = [c for c in candidates if all(_apart(c.slot, p.slot, gap) for p in picked)]
            if not options:
                break
            picked.append(min(options, key=lambda c: _rank(c, picked)))
    return sorted(c.slot for c in picked)


def _rank(candidate: _Candidate, picked: Sequence[_Candidate]) -> tuple[int, int, datetime]:
    repeats = sum(
        abs(candidate.minute_of_day - p.minute_of_day) < SIMILAR_TIME_MINUTES for p in picked
    )
    return (
        candidate.worst_penalty + REPEAT_COST_MINUTES * repeats,
        candidate.total_penalty,
        candidate.slot.start,
    )


def _apart(one: Slot, other: Slot, gap: timedelta) -> bool:
    return one.end + gap <= other.start or other.end + gap <= one.start
