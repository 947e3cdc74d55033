"""The compiled warm-startable matcher (`ssp`) reaches the min-cost-flow optimum, with proof,
from nothing, from an earlier round's matching and duals, and from any starting point."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.matching import SolverLimits, match_round, ssp
from bot.matching.cohort import Cohort
from bot.matching.duals import certificate_holds
from bot.matching.exact import _cardinality_weight
from bot.matching.flow import solve_matching
from bot.matching.pruned_duals import mentee_optimal_duals, vectorised_duals
from bot.matching.synthetic import cohort as synthetic_cohort
from bot.matching.synthetic import past_rounds

from .strategies import rounds
from .test_repair import _all_pairs, _value, medium_cohort

pytestmark = pytest.mark.db_independent


def test_the_compiled_module_is_built() -> None:
    # A build without it still matches (by OR-Tools), but slower: installs must build it.
    assert ssp.AVAILABLE


def _check(cohort: Cohort, rnd: random.Random, share: float) -> None:
    n, cap = cohort.n, cohort.mentor_cap
    m, e, w = _all_pairs(cohort)
    big = _cardinality_weight(cohort)
    best = _value(solve_matching(n, cap, m, e, w - big), m, e, w)

    cold = ssp.solve(n, cap, m, e, w)
    assert certificate_holds(cap, m, e, w, cold.mentor_of, cold.u, cold.v)
    assert _value(cold.mentor_of, m, e, w) == best

    # A budget stops it only when its searches need more: the same solve within its own
    # work finishes alike; one arc short it gives up.
    within = ssp.solve_within(n, cap, m, e, w, None, budget=cold.work)
    assert within is not None and np.array_equal(within.mentor_of, cold.mentor_of)
    if cold.work:
        assert ssp.solve_within(n, cap, m, e, w, None, budget=cold.work - 1) is None

    # As the pruned solver uses it: optimal on part of the pairs, then all of them.
    known = np.array([rnd.random() < share for _ in range(len(m))], dtype=bool)
    first = ssp.solve(n, cap, m[known], e[known], w[known])
    duals = mentee_optimal_duals(n, m[known], e[known], w[known], first.mentor_of)
    assert duals is not None
    _same_duals(duals, vectorised_duals(n, m[known], e[known], w[known], first.mentor_of))
    warm = ssp.solve(n, cap, m, e, w, (first.mentor_of, *duals))
    assert certificate_holds(cap, m, e, w, warm.mentor_of, warm.u, warm.v)
    assert _value(warm.mentor_of, m, e, w) == best

    # From any start at all: a random matching (over capacity too) and random prices.
    start = np.array([rnd.choice([-1, *range(n)]) for _ in range(n)])
    u = np.array([rnd.randrange(0, 2 * big) for _ in range(n)])
    v = np.array([rnd.randrange(0, 2 * big) for _ in range(n)])
    # Compiled and vectorised duals agree there too, down to both refusing a matching that
    # is not optimal (its longest paths never settle).
    _same_duals(
        mentee_optimal_duals(n, m, e, w, start), vectorised_duals(n, m, e, w, start), maybe=True
    )
    anywhere = ssp.solve(n, cap, m, e, w, (start, u, v))
    assert certificate_holds(cap, m, e, w, anywhere.mentor_of, anywhere.u, anywhere.v)
    assert _value(anywhere.mentor_of, m, e, w) == best


def _same_duals(
    compiled: tuple[np.ndarray, np.ndarray] | None,
    vectorised: tuple[np.ndarray, np.ndarray] | None,
    maybe: bool = False,
) -> None:
    """The two forms of the mentee-optimal duals give the same (u, v), or both None."""
    assert (compiled is None) == (vectorised is None)
    assert maybe or compiled is not None
    if compiled is not None and vectorised is not None:
        assert np.array_equal(compiled[0], vectorised[0])
        assert np.array_equal(compiled[1], vectorised[1])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds(), st.randoms(use_true_random=False), st.sampled_from([0.0, 0.3, 0.7]))
def test_optimal_on_small_cohorts(case, rnd, share) -> None:
    people, history, blocks, settings_ = case
    _check(Cohort.build(people, history, blocks, settings_), rnd, share)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.5, 0.8, 0.95]))
def test_optimal_on_medium_cohorts(seed: int, share: float) -> None:
    rng = random.Random(seed)
    _check(medium_cohort(rng), rng, share)


def test_the_pruned_solver_re_solves_from_its_last_matching() -> None:
    rng = random.Random(3)
    people = synthetic_cohort(rng, 2_000)
    result = match_round(
        people, history=past_rounds(rng, people, rounds=3), limits=SolverLimits(method="pruned")
    )
    assert result.optimal
    assert result.stats["flow_solves"] == 1 and result.stats["warm_solves"] >= 1


def test_wrong_arrays_are_refused() -> None:
    from bot.matching import _ssp

    def call(
        cand_m: np.ndarray, cand_e: np.ndarray, weight: np.ndarray, mentor_of: np.ndarray
    ) -> int | None:
        return _ssp.solve(
            2,
            cand_m,
            cand_e,
            weight,
            np.ones(2, np.int64),
            mentor_of,
            np.zeros(2, np.int64),
            np.zeros(2, np.int64),
            True,
        )

    pair, unmatched = np.array([0], np.int64), np.full(2, -1, np.int64)
    with pytest.raises(ValueError, match="wrong type or length"):
        call(pair, pair.astype(np.int32), pair, unmatched)
    with pytest.raises(ValueError, match="wrong type or length"):
        call(pair, np.array([1, 0], np.int64), pair, unmatched)
    with pytest.raises(ValueError, match="not a person"):
        call(pair, np.array([2], np.int64), pair, unmatched)
    with pytest.raises(ValueError, match="not a person"):
        call(np.array([-1], np.int64), pair, pair, unmatched)
    with pytest.raises(ValueError, match="not a person"):
        call(pair, np.array([1], np.int64), pair, np.array([-1, 5], np.int64))
    # The same arrays with every end in range solve.
    mentor_of = unmatched.copy()
    assert call(pair, np.array([1], np.int64), np.array([7], np.int64), mentor_of) is not None
    assert mentor_of.tolist() == [-1, 0]


def test_a_free_place_moves_through_tied_prices_without_reading_them_all() -> None:
    # Mentor A has a free place at price 1. Its arcs to y0..yk are tight, and so is every
    # arc between the mentors B0..Bk (price 1) and those mentees, each Bi holding yi: one
    # region of tied prices. A's arc to z is tight too, and z's mentor C has price 0, so
    # the place moves at once: A takes z, and C keeps a free place at price 0. A search
    # that looks at a mentee's mentor only once the mentee is settled reads the region
    # first (A's arcs come as y0, z, y1, ..., so z is the last one taken from the heap).
    k = 40
    a, c, bs, z = 0, 1, list(range(2, k + 3)), k + 3
    ys = list(range(k + 4, 2 * k + 5))
    n = ys[-1] + 1
    pairs = [(a, ys[0], 10), (a, z, 11), *((a, y, 10) for y in ys[1:]), (c, z, 10)]
    pairs += [(b, y, 10) for b in bs for y in ys]
    m, e, w = (np.array(column, dtype=np.int64) for column in zip(*pairs, strict=True))
    cap = np.zeros(n, dtype=np.int64)
    cap[[a, c, *bs]] = 1
    mentor_of = np.full(n, -1, dtype=np.int64)
    mentor_of[z] = c
    mentor_of[ys] = bs
    u, v = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    u[[a, *bs]] = 1
    v[z], v[ys] = 10, 9

    moved = ssp.solve(n, cap, m, e, w, (mentor_of, u, v))

    assert moved.mentor_of[z] == a and (moved.mentor_of[ys] == bs).all()
    assert certificate_holds(cap, m, e, w, moved.mentor_of, moved.u, moved.v)
    assert _value(moved.mentor_of, m, e, w) == _value(solve_matching(n, cap, m, e, w), m, e, w)
    assert moved.work < k  # reading the region: k × k arcs
