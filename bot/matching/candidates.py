"""Which mentor–mentee pairs the solver looks at, without ever listing all eligible pairs.

Pairs are grouped by what they would be about. A *skill group* holds everyone offering
(as mentor) or requesting (as mentee) one skill. A *two-way group* (s, t) holds mentors who
offer s and request t, and mentees who request s and offer t: every pair inside it earns the
two-way bonus. Inside a group a pair's score splits into a mentor part (level_weight ×
level), a mentee part (capped weeks waiting) and a constant (the bonus, or 0), minus a
time-zone penalty that can only lower it. That split is what lets both the initial
candidate choice and the optimality check walk sorted lists instead of all pairs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .cohort import INT, Cohort

# Batches of enumerated pairs stay below this many, to bound memory on huge cohorts.
_BATCH_PAIRS = 2_000_000


def _spread(person: np.ndarray) -> np.ndarray:
    """A fixed scramble of person indices: spreads ties without any global random state."""
    return (person * 2654435761) % 4294967291


@dataclass(frozen=True, slots=True)
class Groups:
    """Mentor and mentee entries of one kind of group, plus the constant score bonus."""

    bonus: int
    m_group: np.ndarray
    m_person: np.ndarray
    m_term: np.ndarray  # level_weight × level
    e_group: np.ndarray
    e_person: np.ndarray
    e_term: np.ndarray  # min(weeks waiting, cap)

    @classmethod
    def make(cls, bonus: int, m: tuple[np.ndarray, ...], e: tuple[np.ndarray, ...]) -> Groups:
        # Renumber group keys densely so packed sort keys below cannot overflow.
        _, dense = np.unique(np.concatenate([m[0], e[0]]), return_inverse=True)
        split = len(m[0])
        return cls(bonus, dense[:split], m[1], m[2], dense[split:], e[1], e[2])


def zone_bands(cohort: Cohort) -> np.ndarray:
    """Per person, a band of UTC offsets narrower than the time-zone penalty threshold (and
    the time-zone limit, when set): two people in one band pair without a penalty."""
    s = cohort.settings
    width = s.tz_penalty_threshold_hours
    if s.max_tz_gap_hours is not None:
        width = min(width, s.max_tz_gap_hours)
    if width <= 0:
        return np.unique(cohort.tz, return_inverse=True)[1].astype(INT)
    return np.floor((cohort.tz - cohort.tz.min(initial=0.0)) / width).astype(INT)


def by_zone(g: Groups, band: np.ndarray) -> Groups:
    """The same entries, each group split by the time-zone band of its people."""
    bands = int(band.max(initial=0)) + 1
    return Groups.make(
        g.bonus,
        (g.m_group * bands + band[g.m_person], g.m_person, g.m_term),
        (g.e_group * bands + band[g.e_person], g.e_person, g.e_term),
    )


def _offers(cohort: Cohort) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    person = cohort.offer_keys // cohort.n_skills
    return person, cohort.offer_keys % cohort.n_skills, cohort.offer_levels


def _requests(cohort: Cohort) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    width = cohort.req_skill.shape[1]
    person = np.repeat(np.arange(cohort.n, dtype=INT), width)
    skill = cohort.req_skill.ravel()
    weeks = cohort.req_weeks.ravel()
    keep = skill >= 0
    return person[keep], skill[keep], weeks[keep]


def build_groups(cohort: Cohort) -> tuple[Groups, Groups]:
    """(skill groups, two-way groups) for a cohort; only people who can take part."""
    s = cohort.settings
    n_skills = cohort.n_skills
    o_person, o_skill, o_level = _offers(cohort)
    r_person, r_skill, r_weeks = _requests(cohort)
    mentor = cohort.mentor_cap[o_person] > 0
    mentee = cohort.is_mentee[r_person]
    o_person, o_skill, o_level = o_person[mentor], o_skill[mentor], o_level[mentor]
    r_person, r_skill, r_weeks = r_person[mentee], r_skill[mentee], r_weeks[mentee]
    m_term = s.level_weight * o_level
    e_term = np.minimum(r_weeks, s.waiting_cap_weeks)
    skill_groups = Groups.make(0, (o_skill, o_person, m_term), (r_skill, r_person, e_term))

    # Two-way: each offer of a mentor times each request of the same mentor ...
    tm_group, tm_person, tm_term = [], [], []
    for j in range(cohort.req_skill.shape[1]):
        t = cohort.req_skill[o_person, j]
        ok = t >= 0
        tm_group.append(o_skill[ok] * n_skills + t[ok])
        tm_person.append(o_person[ok])
        tm_term.append(m_term[ok])
    # ... and each request of a mentee times each offer of the same mentee.
    starts = np.searchsorted(cohort.offer_keys, r_person * n_skills)
    ends = np.searchsorted(cohort.offer_keys, (r_person + 1) * n_skills)
    count = ends - starts
    rep = np.repeat(np.arange(len(r_person)), count)
    within = np.arange(len(rep)) - np.repeat(np.cumsum(count) - count, count)
    t = cohort.offer_keys[starts[rep] + within] % n_skills
    two_way_groups = Groups.make(
        s.two_way_bonus,
        (np.concatenate(tm_group), np.concatenate(tm_person), np.concatenate(tm_term)),
        (r_skill[rep] * n_skills + t, r_person[rep], e_term[rep]),
    )
    return skill_groups, two_way_groups


def _group_bounds(sorted_groups: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, ...]:
    return (
        np.searchsorted(sorted_groups, groups, side="left"),
        np.searchsorted(sorted_groups, groups, side="right"),
    )


def initial_pairs(g: Groups, k: int, pool_share: float) -> tuple[np.ndarray, np.ndarray]:
    """Up to k mentors per mentee entry, from the best-levelled mentors of the group.

    Taking the same top k for everyone would pile all mentees on the same few people, so
    mentee j of a group (in a fixed scrambled order) gets mentors j·k … j·k+k−1 of a pool
    made of the group's best mentors: `pool_share` × the group's mentee count (at least k).
    """
    if k <= 0 or len(g.m_group) == 0 or len(g.e_group) == 0:
        return np.zeros(0, dtype=INT), np.zeros(0, dtype=INT)
    m_order = np.lexsort((_spread(g.m_person), -g.m_term, g.m_group))
    m_groups, m_people = g.m_group[m_order], g.m_person[m_order]
    e_order = np.lexsort((_spread(g.e_person), g.e_group))
    e_groups, e_people = g.e_group[e_order], g.e_person[e_order]
    e_start, e_end = _group_bounds(e_groups, e_groups)
    rank = np.arange(len(e_groups)) - e_start
    demand = e_end - e_start
    m_start, m_end = _group_bounds(m_groups, e_groups)
    supply = m_end - m_start
    pool = np.minimum(supply, np.maximum(k, (demand * pool_share).astype(INT)))
    has = pool > 0
    mentors, mentees = [], []
    for t in range(k):
        pos = (rank[has] * k + t) % pool[has]
        mentors.append(m_people[m_start[has] + pos])
        mentees.append(e_people[has])
    return np.concatenate(mentors), np.concatenate(mentees)


def pairs_above(
    g: Groups, u: np.ndarray, v: np.ndarray, big: int, per_entry: int | None
) -> tuple[Iterator[tuple[np.ndarray, np.ndarray]], bool]:
    """Batches of pairs whose score *bound* exceeds their dual price u[m] + v[e] − big.

    Bound: mentor part + mentee part + group bonus (time-zone penalty taken as 0), i.e.
    x + y + bonus > 0 with x = m_term − u[m] and y = e_term + big − v[e]. Walking mentors in
    order of decreasing x, each mentee entry needs only the prefix with x > −y − bonus.
    With `per_entry`, at most that many per mentee entry; the flag says if any were cut.
    """
    if len(g.m_group) == 0 or len(g.e_group) == 0:
        return iter(()), False
    x = g.m_term - u[g.m_person]
    y = g.e_term + big - v[g.e_person] + g.bonus
    # Pack (group, value) into one sortable integer; values fit in ±span by construction.
    span = int(max(np.abs(x).max(), np.abs(y).max())) + 1
    width = 2 * span + 1
    m_keys = g.m_group * width + (span - x)
    order = np.argsort(m_keys, kind="stable")
    m_keys, m_people = m_keys[order], g.m_person[order]
    start = np.searchsorted(m_keys, g.e_group * width)
    count = np.searchsorted(m_keys, g.e_group * width + (span + y), side="left") - start
    count = np.maximum(count, 0)
    truncated = False
    if per_entry is not None:
        truncated = bool((count > per_entry).any())
        count = np.minimum(count, per_entry)
    return _batches(start, count, m_people, g.e_person), truncated


def _batches(
    start: np.ndarray, count: np.ndarray, m_people: np.ndarray, e_people: np.ndarray
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    entries = np.flatnonzero(count)
    ends = np.cumsum(count[entries])
    lo = 0
    while lo < len(entries):
        base = ends[lo - 1] if lo else 0
        hi = max(int(np.searchsorted(ends, base + _BATCH_PAIRS, side="right")), lo + 1)
        chunk = entries[lo:hi]
        c = count[chunk]
        rep = np.repeat(chunk, c)
        within = np.arange(len(rep)) - np.repeat(np.cumsum(c) - c, c)
        yield m_people[start[rep] + within], e_people[rep]
        lo = hi
