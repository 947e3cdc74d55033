"""Re-optimising by shortest paths after new pairs join reaches the full min-cost-flow optimum."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.matching.cohort import Cohort
from bot.matching.duals import certificate_holds
from bot.matching.exact import _cardinality_weight
from bot.matching.flow import solve_matching
from bot.matching.pruned_duals import mentee_optimal_duals
from bot.matching.repair import add_pairs
from bot.matching.synthetic import cohort as synthetic_cohort
from bot.matching.synthetic import past_rounds

from .strategies import rounds


def _all_pairs(cohort: Cohort) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every eligible (mentor, mentee) pair in key order, with its weight."""
    n = cohort.n
    m, e = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(n), indexing="ij"))
    score, skill = cohort.scores(m, e)
    keep = cohort.eligible(m, e) & (skill >= 0)
    m, e, score = m[keep], e[keep], score[keep]
    return m, e, _cardinality_weight(cohort) + score


def _value(mentor_of: np.ndarray, m: np.ndarray, e: np.ndarray, w: np.ndarray) -> tuple[int, int]:
    on = mentor_of[e] == m
    return int(on.sum()), int(w[on].sum())


def _check_repair(cohort: Cohort, rnd: random.Random, share: float) -> None:
    n, cap = cohort.n, cohort.mentor_cap
    m, e, w = _all_pairs(cohort)
    big = _cardinality_weight(cohort)
    known = np.array([rnd.random() < share for _ in range(len(m))], dtype=bool)
    start = solve_matching(n, cap, m[known], e[known], w[known] - big)
    u, v = mentee_optimal_duals(n, m[known], e[known], w[known], start)
    violated = np.flatnonzero(~known & (u[m] + v[e] < w))
    keep = known.copy()
    keep[violated] = True  # the other unknown pairs are already priced correctly
    m, e, w = m[keep], e[keep], w[keep]
    new_arcs = np.flatnonzero(~known[keep])
    if len(new_arcs):
        # Over its budget the repair gives up and leaves the round to a full solve.
        assert add_pairs(n, cap, m, e, w, start, u, v, new_arcs, budget=-1) is None
    result = add_pairs(n, cap, m, e, w, start, u, v, new_arcs)
    assert result is not None
    repaired, new_u, new_v = result
    assert certificate_holds(cap, m, e, w, repaired, new_u, new_v)  # its own proof
    best = solve_matching(n, cap, m, e, w - big)
    assert _value(repaired, m, e, w) == _value(best, m, e, w)
    duals = mentee_optimal_duals(n, m, e, w, repaired)
    assert duals is not None
    assert certificate_holds(cap, m, e, w, repaired, *duals)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds(), st.randoms(use_true_random=False), st.sampled_from([0.0, 0.3, 0.7]))
def test_repair_reaches_the_optimum_on_small_cohorts(case, rnd, share) -> None:
    people, history, blocks, settings_ = case
    _check_repair(Cohort.build(people, history, blocks, settings_), rnd, share)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([0.5, 0.8, 0.95]))
def test_repair_reaches_the_optimum_on_medium_cohorts(seed: int, share: float) -> None:
    rng = random.Random(seed)
    _check_repair(medium_cohort(rng), rng, share)


def medium_cohort(rng: random.Random) -> Cohort:
    """120 synthetic people over 10 skills with two earlier rounds: too big to brute-force."""
    from bot.matching import MatchSettings

    people = synthetic_cohort(rng, 120, n_skills=10)
    return Cohort.build(people, past_rounds(rng, people, rounds=2), [], MatchSettings())
