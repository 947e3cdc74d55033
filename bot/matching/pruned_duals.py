"""Mentee-optimal LP duals of a matching on a candidate set, for the pruned solver.

The LP, its dual and the optimality conditions are those of `duals`. Here (u, v) are the
*mentee-optimal* duals (smallest u): v(e) = w(m*, e) − u(m*) for e's mentor m*, and u is the
least solution of
    u(m) ≥ w(m, e)                        for candidate pairs with e unmatched,
    u(m) ≥ u(m') + w(m, e) − w(m', e)     for candidate pairs with e matched to m' ≠ m,
    u(m) ≥ 0,
a longest-path problem over mentors (no positive cycle when x is optimal on the candidates).
Small u and large v keep most pairs outside the candidate set far from violating, so the
search for violators (`pruned_candidates.pairs_above`) stays short. They prove nothing by
themselves: `duals.certificate_holds` checks them on the candidates and the violator search
checks every other eligible pair.

The compiled module (`ssp.least_prices`) solves the longest paths by label correction; a
build without it relaxes the whole frontier pass by pass with numpy (same duals: the
least solution is unique).
"""

from __future__ import annotations

import numpy as np

from .arrays import runs
from .cohort import INT
from .ssp import AVAILABLE as COMPILED
from .ssp import least_prices


def mentee_optimal_duals(
    n: int,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    mentor_of: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """(u, v) as described above, or None if longest paths do not settle (x not optimal)."""
    if COMPILED:
        return least_prices(n, cand_m, cand_e, weight, mentor_of)
    return vectorised_duals(n, cand_m, cand_e, weight, mentor_of)


def vectorised_duals(
    n: int,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    mentor_of: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """`mentee_optimal_duals` without the compiled module: frontier passes in numpy."""
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
        _, arcs = runs(first[frontier], first[frontier + 1] - first[frontier])
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
