"""LP duals that certify a b-matching optimal over *every* eligible pair, and their check.

Lexicographic objective → one weight: w(m, e) = BIG + score(m, e), BIG larger than any
difference in total score between two matchings, so maximising Σ w first maximises the
number of pairs, then the total score. For max-weight bipartite b-matching the LP

    max Σ w·x   s.t.  Σ_e x(m,e) ≤ cap(m),  Σ_m x(m,e) ≤ 1,  x ≥ 0

has integral optima, and its dual is

    min Σ cap(m)·u(m) + Σ v(e)   s.t.  u(m) + v(e) ≥ w(m, e) for every eligible pair, u, v ≥ 0.

A matching x is optimal over all eligible pairs if some (u, v) is dual-feasible and
complementary: u(m) + v(e) = w on matched pairs, u(m) > 0 only if m is full, v(e) > 0
only if e is matched.

(u, v) are read off the solved hub network (`network_duals`): shortest-path potentials of
its residual graph. They are then checked without trusting how they were made:
slackness on the matched pairs (`certificate_holds`), and feasibility for every eligible
pair *per group*, without listing pairs (`feasible_everywhere`).
"""

from __future__ import annotations

import numpy as np

from .arrays import runs, slices
from .candidates import Groups
from .cohort import INT, Cohort
from .hub_flow import AVAILABLE as COMPILED
from .hub_flow import residual_distances
from .network import Flow, Network, Zones, zone_pairs

# Batches of enumerated pairs stay below this many, to bound memory on huge cohorts.
_BATCH_PAIRS = 2_000_000


def potentials(nodes: int, flow: Flow, joined: tuple[int, int] | None = None) -> np.ndarray | None:
    """Node potentials p with reduced cost c + p(tail) − p(head) ≥ 0 on every residual arc,
    and p equal at the two `joined` nodes (as if an arc of cost 0 ran both ways between
    them).

    Shortest distances from a virtual root joined to every node at cost 0 (compiled, or
    `vectorised_potentials` in a build without it). None if they never settle, which
    means a negative cycle: the flow was not optimal.
    """
    if COMPILED:
        return residual_distances(
            nodes, flow.tail, flow.head, flow.cap, flow.cost, flow.flow, joined
        )
    return vectorised_potentials(nodes, flow, joined)


def vectorised_potentials(
    nodes: int, flow: Flow, joined: tuple[int, int] | None = None
) -> np.ndarray | None:
    """`potentials` with numpy alone: the residual arcs listed, then `vectorised_distances`."""
    forward, backward = flow.flow < flow.cap, flow.flow > 0
    tail = [flow.tail[forward], flow.head[backward]]
    head = [flow.head[forward], flow.tail[backward]]
    cost = [flow.cost[forward], -flow.cost[backward]]
    if joined is not None:
        tail.append(np.array(joined, dtype=INT))
        head.append(np.array(joined[::-1], dtype=INT))
        cost.append(np.zeros(2, dtype=INT))
    return vectorised_distances(nodes, *(np.concatenate(x) for x in (tail, head, cost)))


def vectorised_distances(
    nodes: int, tail: np.ndarray, head: np.ndarray, cost: np.ndarray
) -> np.ndarray | None:
    """Shortest distances from a virtual root joined to every node at cost 0 over the arcs
    (tail, head, cost), with numpy alone: Bellman–Ford, each pass relaxing the arcs of
    every node whose distance fell in the last one; None on a negative cycle."""
    order = np.argsort(tail, kind="stable")
    tail, head, cost = tail[order], head[order], cost[order]
    first = np.searchsorted(tail, np.arange(nodes + 1))
    dist = np.zeros(nodes, dtype=INT)
    frontier = np.flatnonzero(np.diff(first))
    for _ in range(nodes + 1):
        if len(frontier) == 0:
            return dist
        _, arcs = runs(first[frontier], first[frontier + 1] - first[frontier])
        reach = dist[tail[arcs]] + cost[arcs]
        better = reach < dist[head[arcs]]
        if not better.any():
            return dist
        before = dist.copy()
        np.minimum.at(dist, head[arcs][better], reach[better])
        frontier = np.flatnonzero(dist != before)
    return None


def network_duals(net: Network, flow: Flow) -> tuple[np.ndarray, np.ndarray] | None:
    """(u, v) from the potentials of the solved network, or None if it was not optimal.

    The network is a circulation once the sink returns to the source (cost 0), with cost
    −BIG on each mentee → sink arc. A pair's path costs −score, so its reduced cost being
    ≥ 0 reads p(m) − p(e) ≥ score; with u(m) = p(m) − p(source) and
    v(e) = p(sink) − p(e) + BIG that is u + v ≥ w. Source arcs make u ≥ 0 for mentors with
    flow and u = 0 for those not full; sink arcs do the same for v. Mentors without flow
    and unserved mentees may come out negative: raising them to 0 keeps every constraint
    and slackness.
    """
    n = net.n
    p = potentials(net.nodes, flow, joined=(2 * n + 1, 2 * n))
    if p is None:
        return None
    # People outside either role have no constraint at all: their duals are 0.
    u = np.where(net.mentor_cap > 0, np.maximum(p[:n] - p[2 * n], 0), 0)
    mentee = np.zeros(n, dtype=bool)
    mentee[net.sink_arcs.tail - n] = True
    v = np.where(mentee, np.maximum(p[2 * n + 1] - p[n : 2 * n] + net.big, 0), 0)
    return u.astype(INT), v.astype(INT)


def certificate_holds(
    mentor_cap: np.ndarray,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    mentor_of: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
) -> bool:
    """Dual feasibility on the given pairs plus complementary slackness."""
    load = np.bincount(mentor_of[mentor_of >= 0], minlength=len(u))
    matched = mentor_of >= 0
    on = mentor_of[cand_e] == cand_m
    return bool(
        (u >= 0).all()
        and (v >= 0).all()
        and (load <= mentor_cap).all()
        and ((u == 0) | (load == mentor_cap)).all()
        and ((v == 0) | matched).all()
        and (u[cand_m] + v[cand_e] >= weight).all()
        and (u[cand_m[on]] + v[cand_e[on]] == weight[on]).all()
        and on.sum() == matched.sum()
    )


def feasible_everywhere(
    cohort: Cohort,
    groups: tuple[Groups, ...],
    zones: Zones,
    u: np.ndarray,
    v: np.ndarray,
    big: int,
    stats: dict[str, float],
) -> bool:
    """Whether u(m) + v(e) ≥ BIG + score(m, e) for every eligible pair, by group.

    The constraint splits by skill: for each skill s both offer/request,
    u + v ≥ BIG + 2·level(m, s) + weeks(e, s) + bonus − penalty(zones), with the bonus
    only in two-way groups. So per group g and pair of zones (zm, ze) it suffices that
    x(m) + y(e) ≤ penalty(zm, ze) for x = mentor part − u(m), y = mentee part + BIG +
    bonus − v(e): only the largest x and y of each (g, zone) need looking at. Where even
    those pass, the whole block of pairs is proved at once. Elsewhere the pairs above the
    line are listed (sorted prefixes, as few as there are) and each must be excluded —
    cooldown, block, or the same person — for the proof to hold. `stats["edges_priced"]`
    counts them.
    """
    z = zones.count
    for g in groups:
        if len(g.m_group) == 0 or len(g.e_group) == 0:
            continue
        x = g.m_term - u[g.m_person]
        y = g.e_term + big + g.bonus - v[g.e_person]
        m_key = g.m_group * z + zones.of[g.m_person]
        e_key = g.e_group * z + zones.of[g.e_person]
        # Sorted by key, then value descending: each key's best value comes first.
        mo = np.lexsort((-x, m_key))
        m_key, m_x, m_person = m_key[mo], x[mo], g.m_person[mo]
        eo = np.lexsort((-y, e_key))
        e_key, e_y, e_person = e_key[eo], y[eo], g.e_person[eo]
        m_first = np.flatnonzero(np.r_[True, m_key[1:] != m_key[:-1]])
        e_first = np.flatnonzero(np.r_[True, e_key[1:] != e_key[:-1]])
        hm, he, penalty = zone_pairs(m_key[m_first], e_key[e_first], zones)
        over = m_x[m_first[hm]] + e_y[e_first[he]] > penalty
        if not over.any():
            continue
        hm, he, penalty = hm[over], he[over], penalty[over]
        if not _only_excluded(cohort, m_key, m_x, m_person, e_key, e_y, e_person,
                              m_first, e_first, hm, he, penalty, stats,
                              (u, v, big)):  # fmt: skip
            return False
    return True


def _only_excluded(
    cohort: Cohort,
    m_key: np.ndarray,
    m_x: np.ndarray,
    m_person: np.ndarray,
    e_key: np.ndarray,
    e_y: np.ndarray,
    e_person: np.ndarray,
    m_first: np.ndarray,
    e_first: np.ndarray,
    hm: np.ndarray,
    he: np.ndarray,
    penalty: np.ndarray,
    stats: dict[str, float],
    duals: tuple[np.ndarray, np.ndarray, int],
) -> bool:
    """For blocks (mentor hub hm, mentee hub he) whose best pair is above the line: list
    the pairs with x + y > penalty and check that every one is excluded, or, when an
    admin dropped the pair for this group's skill only, meets its constraint with its
    exact score over the skills left."""
    m_end = np.r_[m_first[1:], len(m_key)]
    e_end = np.r_[e_first[1:], len(e_key)]
    # Mentees of each block with y > penalty − (best x): a prefix of their hub's list.
    best_x = m_x[m_first[hm]]
    e_lo = e_first[he]
    e_cnt = _prefix(e_y, e_lo, e_end[he], penalty - best_x)
    rows, e_at = runs(e_lo, e_cnt)
    # For each such mentee, the mentors of the block with x > penalty − y: again a prefix.
    m_lo = m_first[hm[rows]]
    m_cnt = _prefix(m_x, m_lo, m_end[hm[rows]], penalty[rows] - e_y[e_at])
    for a, b in slices(m_cnt, _BATCH_PAIRS):
        run, m_at = runs(m_lo[a:b], m_cnt[a:b])
        m = m_person[m_at]
        e = e_person[e_at[a + run]]
        stats["edges_priced"] += len(m)
        if not _excluded_or_priced(cohort, m, e, duals):
            return False
    return True


def _excluded_or_priced(
    cohort: Cohort, m: np.ndarray, e: np.ndarray, duals: tuple[np.ndarray, np.ndarray, int]
) -> bool:
    """Every pair is excluded, or (only with skill drops) satisfies u + v ≥ BIG + score."""
    left = ~cohort.excluded(m, e)
    if not left.any():
        return True
    if not len(cohort.skill_forbidden):
        return False
    u, v, big = duals
    m, e = m[left], e[left]
    score, skill = cohort.scores(m, e)
    fine = ~cohort.eligible(m, e) | (skill < 0) | (u[m] + v[e] >= big + score)
    return bool(fine.all())


def _prefix(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, above: np.ndarray) -> np.ndarray:
    """How many of values[lo:hi] (sorted descending) are > above, per row (vectorised)."""
    # Binary search on each row's own slice, all rows at once.
    left, right = lo.copy(), hi.copy()
    while True:
        active = left < right
        if not active.any():
            counts: np.ndarray = left - lo
            return counts
        mid = (left + right) // 2
        go_right = active & (values[np.minimum(mid, len(values) - 1)] > above)
        left = np.where(go_right, mid + 1, left)
        right = np.where(active & ~go_right, mid, right)
