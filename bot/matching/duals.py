"""LP duals that certify a b-matching optimal, and the check that they do.

Lexicographic objective → one weight: w(m, e) = BIG + score(m, e), BIG larger than any
difference in total score between two matchings, so maximising Σ w first maximises the
number of pairs, then the total score. For max-weight bipartite b-matching the LP

    max Σ w·x   s.t.  Σ_e x(m,e) ≤ cap(m),  Σ_m x(m,e) ≤ 1,  x ≥ 0

has integral optima, and its dual is

    min Σ cap(m)·u(m) + Σ v(e)   s.t.  u(m) + v(e) ≥ w(m, e) for every eligible pair, u, v ≥ 0.

A matching x is optimal over *all* eligible pairs if some (u, v) is dual-feasible for all of
them and complementary: u(m) + v(e) = w on matched pairs, u(m) > 0 only if m is full,
v(e) > 0 only if e is matched. We build (u, v) from the candidate set and check it here;
`candidates.pairs_above` then checks the pairs outside the candidate set.

The duals are the *mentee-optimal* ones (smallest u): v(e) = w(m*, e) − u(m*) for e's mentor
m*, and u is the least solution of
    u(m) ≥ w(m, e)                        for candidate pairs with e unmatched,
    u(m) ≥ u(m') + w(m, e) − w(m', e)     for candidate pairs with e matched to m' ≠ m,
    u(m) ≥ 0,
a longest-path problem over mentors (no positive cycle when x is optimal on the candidates).
Small u and large v keep most pairs outside the candidate set far from violating.
"""

from __future__ import annotations

import numpy as np

from .cohort import INT


def mentee_optimal_duals(
    n: int,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    mentor_of: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """(u, v) as described above, or None if longest paths do not settle (x not optimal)."""
    matched_w = np.zeros(n, dtype=INT)
    on = mentor_of[cand_e] == cand_m
    matched_w[cand_e[on]] = weight[on]
    u = np.zeros(n, dtype=INT)
    free = mentor_of[cand_e] < 0
    np.maximum.at(u, cand_m[free], weight[free])

    rival = ~free & ~on
    tail = mentor_of[cand_e[rival]]
    head = cand_m[rival]
    gain = weight[rival] - matched_w[cand_e[rival]]
    order = np.argsort(tail, kind="stable")
    tail, head, gain = tail[order], head[order], gain[order]
    first = np.searchsorted(tail, np.arange(n + 1))

    frontier = np.flatnonzero(np.bincount(tail, minlength=n))
    for _ in range(n + 1):
        if len(frontier) == 0:
            break
        count = first[frontier + 1] - first[frontier]
        arcs = np.repeat(first[frontier], count) + (
            np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        )
        reach = u[tail[arcs]] + gain[arcs]
        better = reach > u[head[arcs]]
        if not better.any():
            break
        before = u.copy()
        np.maximum.at(u, head[arcs][better], reach[better])
        frontier = np.flatnonzero(u != before)
    else:
        return None
    v = np.where(mentor_of >= 0, matched_w - u[np.maximum(mentor_of, 0)], 0)
    return u, v


def certificate_holds(
    mentor_cap: np.ndarray,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    mentor_of: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
) -> bool:
    """Dual feasibility on the candidate pairs plus complementary slackness."""
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
