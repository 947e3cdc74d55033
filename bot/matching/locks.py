"""Admin locks: check that a fixed pair may be made, and take it out of the round to solve.

A lock (mentor, mentee, skill) is kept as it is; it uses one place of the mentor's
capacity and the mentee's one place this round. Solving the rest exactly around the locks
is exactly optimal among all matchings that contain them: a lock only removes its mentee
and one unit of its mentor's capacity from the problem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .cohort import Cohort
from .model import Forbidden, Lock, MatchSettings, Participant, PastPair
from .reasons import Labels
from .scoring import skill_term, two_way_skills, tz_gap

DEFAULT_SETTINGS = MatchSettings()


@dataclass(frozen=True, slots=True)
class LockProblem:
    """Why a lock cannot be kept: a code for programs and a sentence for the admin."""

    code: str
    text: str


def lock_problems(
    lock: Lock,
    participants: Sequence[Participant],
    *,
    history: Sequence[PastPair] = (),
    blocks: Sequence[tuple[str, str]] = (),
    dropped: Sequence[Forbidden] = (),
    other_locks: Sequence[Lock] = (),
    settings: MatchSettings = DEFAULT_SETTINGS,
    skill_labels: Mapping[str, str] | None = None,
) -> list[LockProblem]:
    """Every reason this lock cannot be made (empty: it can). Never raises.

    `other_locks` are the round's other locks: together they must fit the mentor's
    capacity and give each mentee one mentor.
    """
    label = Labels(skill_labels)
    by_id = {p.id: p for p in participants}
    mentor, mentee = by_id.get(lock.mentor), by_id.get(lock.mentee)
    problems: list[LockProblem] = []

    def add(code: str, text: str) -> None:
        problems.append(LockProblem(code, text))

    if mentor is None or mentee is None:
        add("unknown", "One of the two people is not taking part in this round.")
        return problems
    if mentor.id == mentee.id:
        add("same_person", "A person can't mentor themselves.")
        return problems
    skill = label(lock.skill)
    if mentor.paused or mentee.paused:
        add("paused", "One of the two people has paused matching.")
    if lock.skill not in mentor.offers:
        add("no_offer", f"The mentor doesn't offer {skill}.")
    if lock.skill not in mentee.requests:
        add("no_request", f"The mentee hasn't asked to learn {skill}.")
    both = {mentor.id, mentee.id}
    recent = [h for h in history if {h.a, h.b} == both and h.weeks_ago < settings.cooldown_weeks]
    if recent:
        weeks = min(h.weeks_ago for h in recent)
        add(
            "cooldown",
            f"They were paired {_weeks(weeks)}; the cooldown is {_weeks_long(settings)}.",
        )
    if any(set(b) == both for b in blocks):
        add("blocked", "One of them has asked not to be paired with the other.")
    limit = settings.max_tz_gap_hours
    gap = tz_gap(mentor.tz_offset_hours, mentee.tz_offset_hours)
    if limit is not None and gap > limit:
        add("timezone", f"Their time zones are {gap:g} hours apart; the limit is {limit:g}.")
    for d in dropped:
        if (d.mentor, d.mentee) == (mentor.id, mentee.id) and d.skill in (None, lock.skill):
            add("dropped", "This pair was dropped from the round.")
            break
    others = [o for o in other_locks if o != lock]
    if any(o.mentee == mentee.id for o in others):
        add("mentee_taken", "The mentee already has a locked mentor this round.")
    taken = sum(o.mentor == mentor.id for o in others)
    if taken + 1 > mentor.capacity:
        add("capacity", f"The mentor has room for {_people(mentor.capacity)} this round.")
    return problems


def _weeks(weeks: int) -> str:
    return "this week" if weeks == 0 else "1 week ago" if weeks == 1 else f"{weeks} weeks ago"


def _weeks_long(settings: MatchSettings) -> str:
    w = settings.cooldown_weeks
    return "1 week" if w == 1 else f"{w} weeks"


def _people(count: int) -> str:
    return "nobody new" if count == 0 else "1 new mentee" if count == 1 else f"{count} new mentees"


def lock_score(
    mentor: Participant, mentee: Participant, skill: str, settings: MatchSettings
) -> int:
    """A locked pair's score: the formula of `scoring`, about the locked skill."""
    score = skill_term(
        mentor.offers[skill], mentee.requests[skill], settings, mentor.bonus.get(skill, 0)
    )
    if two_way_skills(mentor, mentee):
        score += settings.two_way_bonus
    if tz_gap(mentor.tz_offset_hours, mentee.tz_offset_hours) > settings.tz_penalty_threshold_hours:
        score -= settings.tz_penalty
    return score


def without_locks(cohort: Cohort, locks: Sequence[Lock]) -> Cohort:
    """The cohort left to solve: locked mentees take no other mentor, and each lock uses
    one place of its mentor's capacity."""
    if not locks:
        return cohort
    used = Counter(cohort.index[lock.mentor] for lock in locks)
    cap = cohort.mentor_cap.copy()
    for m, count in used.items():
        cap[m] = max(int(cap[m]) - count, 0)
    is_mentee = cohort.is_mentee.copy()
    is_mentee[np.array([cohort.index[lock.mentee] for lock in locks])] = False
    return replace(cohort, mentor_cap=cap, is_mentee=is_mentee)
