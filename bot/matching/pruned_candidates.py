"""Candidate pairs for the pruned solver (`pruned`): a small first guess, then the pairs
whose score bound beats their dual price, walked from sorted group lists.

Inside a group (`candidates.Groups`) a pair's score is a mentor part, a mentee part and the
group's bonus, minus a time-zone penalty that can only lower it; so both the first guess
and the search for violators walk sorted lists instead of all eligible pairs.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .arrays import runs, search, slices
from .candidates import Groups
from .cohort import INT, Cohort

# Batches of enumerated pairs stay below this many, to bound memory on huge cohorts.
_BATCH_PAIRS = 2_000_000


def _spread(person: np.ndarray) -> np.ndarray:
    """A fixed scramble of person indices: spreads ties without any global random state."""
    return (person * 2654435761) % 4294967291


def zone_bands(cohort: Cohort, shift: float = 0.0) -> np.ndarray:
    """Per person, a band of UTC offsets narrower than the time-zone penalty threshold (and
    the time-zone limit, when set): two people in one band pair without a penalty. With
    `shift` (a share of the band's width) the band edges move: shift 0.5 puts people on
    either side of an edge in one band."""
    s = cohort.settings
    width = s.tz_penalty_threshold_hours
    if s.max_tz_gap_hours is not None:
        width = min(width, s.max_tz_gap_hours)
    if width <= 0:
        return np.unique(cohort.tz, return_inverse=True)[1].astype(INT)
    bands: np.ndarray = np.floor((cohort.tz - cohort.tz.min(initial=0.0)) / width + shift).astype(
        INT
    )
    return bands


def by_zone(g: Groups, band: np.ndarray) -> Groups:
    """The same entries, each group split by the time-zone band of its people."""
    bands = int(band.max(initial=0)) + 1
    return Groups.make(
        g.bonus,
        (g.m_group * bands + band[g.m_person], g.m_person, g.m_term),
        (g.e_group * bands + band[g.e_person], g.e_person, g.e_term),
    )


def _group_bounds(sorted_groups: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, ...]:
    return (
        np.searchsorted(sorted_groups, groups, side="left"),
        np.searchsorted(sorted_groups, groups, side="right"),
    )


def _in_group_order(
    group: np.ndarray, person: np.ndarray, then: np.ndarray | None = None
) -> np.ndarray:
    """The order of np.lexsort((_spread(person), then, group)), `then` none if None: one
    stable sort of the three packed into an integer where they fit (group ≥ 0; a scrambled
    person < 2**32), which at 250,000 entries takes half the time of lexsort's passes."""
    spread = _spread(person)
    if then is None:
        then = np.zeros_like(group)
    low = then - then.min(initial=0)
    then_bits = int(low.max(initial=0)).bit_length()
    if int(group.max(initial=0)).bit_length() + then_bits + 32 > 63:
        return np.lexsort((spread, then, group))
    order: np.ndarray = np.argsort(
        (group << (then_bits + 32)) | (low << 32) | spread, kind="stable"
    )
    return order


def initial_pairs(g: Groups, k: int, pool_share: float) -> tuple[np.ndarray, np.ndarray]:
    """Up to k mentors per mentee entry, from the best-levelled mentors of the group.

    Taking the same top k for everyone would pile all mentees on the same few people, so
    mentee j of a group (in a fixed scrambled order) gets mentors j·k … j·k+k−1 of a pool
    made of the group's best mentors: `pool_share` × the group's mentee count (at least k).
    Pairs come choice by choice: every entry's first mentor, then every entry's second, …
    (the pruned solver's core takes the first block).
    """
    if k <= 0 or len(g.m_group) == 0 or len(g.e_group) == 0:
        return np.zeros(0, dtype=INT), np.zeros(0, dtype=INT)
    m_order = _in_group_order(g.m_group, g.m_person, -g.m_term)
    m_groups, m_people = g.m_group[m_order], g.m_person[m_order]
    e_order = _in_group_order(g.e_group, g.e_person)
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
) -> tuple[Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]], bool]:
    """Batches (m, e, room) of pairs whose score *bound* exceeds their dual price
    u[m] + v[e] − big, by `room` = bound − price > 0.

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
    m_keys, m_people, x = m_keys[order], g.m_person[order], x[order]
    start = search(m_keys, g.e_group * width)
    count = search(m_keys, g.e_group * width + (span + y)) - start
    count = np.maximum(count, 0)
    truncated = False
    if per_entry is not None:
        truncated = bool((count > per_entry).any())
        count = np.minimum(count, per_entry)
    return _batches(start, count, (m_people, x), (g.e_person, y)), truncated


def _batches(
    start: np.ndarray,
    count: np.ndarray,
    mentors: tuple[np.ndarray, np.ndarray],
    mentees: tuple[np.ndarray, np.ndarray],
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(person, x) of the mentor entries in walking order, (person, y) of mentee entries."""
    (m_people, x), (e_people, y) = mentors, mentees
    entries = np.flatnonzero(count)
    for a, b in slices(count[entries], _BATCH_PAIRS):
        chunk = entries[a:b]
        run, at = runs(start[chunk], count[chunk])
        yield m_people[at], e_people[chunk[run]], x[at] + y[chunk[run]]
