"""Max-weight b-matching on a candidate set that can start from the previous solution.

The pruned solver solves one matching several times while its candidate set changes by a
few thousand pairs. A min-cost flow (`flow`) starts from nothing each time; this one
(compiled, `_ssp.c`) takes the previous matching and LP duals (u per mentor, v per mentee,
u(m) + v(e) ≥ w(m, e)) and repairs only what the new pairs break: each mentee with a pair
above its price, and each mentor left with a free place at a positive price, gets one
shortest-path search on reduced costs u + v − w. From nothing it is the successive
shortest path method, one search per mentee. Either way it returns the optimal matching
with duals that prove it on the candidates (max weight; weights include BIG, so it is
max-cardinality first, then max score). The same module computes the mentee-optimal
duals of a matching for the pruned solver's pricing (`least_prices`, see `pruned_duals`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .arrays import contiguous_int64
from .cohort import INT

try:
    from ._ssp import prices as _prices
    from ._ssp import solve as _solve
except ImportError:  # built without a C compiler: the pruned solver uses `flow` instead
    _solve = None  # type: ignore[assignment]
    _prices = None  # type: ignore[assignment]

AVAILABLE = _solve is not None


class Solution(NamedTuple):
    mentor_of: np.ndarray  # mentor index per person as mentee, −1 when not matched
    u: np.ndarray  # mentor duals
    v: np.ndarray  # mentee duals
    work: int  # arcs looked at by the searches


def solve(
    n: int,
    mentor_cap: np.ndarray,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    start: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> Solution:
    """The optimal matching on the candidate pairs; `start` = (mentor_of, u, v) to repair."""
    solution = solve_within(n, mentor_cap, cand_m, cand_e, weight, start, budget=None)
    assert solution is not None  # no budget, so it always finishes
    return solution


def solve_within(
    n: int,
    mentor_cap: np.ndarray,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    start: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
    budget: int | None,
) -> Solution | None:
    """As `solve`, or None once its searches have looked at more than `budget` arcs."""
    if _solve is None:
        raise RuntimeError("mentorbot was installed without its compiled matching module")
    # The compiled module lists the pairs by mentee and by mentor itself (a counting sort).
    pair_m, pair_e, pair_w, cap = contiguous_int64(
        cand_m, cand_e, weight, np.maximum(mentor_cap, 0)
    )
    if start is None:
        mentor_of, u, v = (np.full(n, -1, np.int64), np.zeros(n, np.int64), np.zeros(n, np.int64))
    else:
        mentor_of, u, v = (np.array(a, dtype=np.int64) for a in start)
        u, v = np.maximum(u, 0), np.maximum(v, 0)
    limit = -1 if budget is None else budget
    work = _solve(n, pair_m, pair_e, pair_w, cap, mentor_of, u, v, start is not None, limit)
    if work is None:
        return None
    return Solution(mentor_of.astype(INT), u.astype(INT), v.astype(INT), work)


def least_prices(
    n: int, cand_m: np.ndarray, cand_e: np.ndarray, weight: np.ndarray, mentor_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """`pruned_duals.mentee_optimal_duals`, compiled: (u, v), or None if they do not settle."""
    if _prices is None:
        raise RuntimeError("mentorbot was installed without its compiled matching module")
    u, v = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    pair_m, pair_e, pair_w, mentors = contiguous_int64(cand_m, cand_e, weight, mentor_of)
    if not _prices(n, pair_m, pair_e, pair_w, mentors, u, v):
        return None
    return u.astype(INT), v.astype(INT)
