"""The engine against the exhaustive solver, and every constraint, on random small cohorts."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.matching import RoundResult, SolverLimits, match_round, score_pair
from bot.matching.pruned import PrunedLimits

from .brute_force import best_value, eligible, full_graph_optimum
from .strategies import rounds

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Every mentee wired to each eligible mentor: the plain bipartite network, no hubs.
ALL_PAIRS = SolverLimits(all_explicit=True)
HUB = SolverLimits(method="hub")
PRUNED = SolverLimits(method="pruned")


def _pruned(**knobs) -> SolverLimits:
    return SolverLimits(method="pruned", pruned=PrunedLimits(**knobs))


# The pruned candidate set from poor starts. No initial candidates at all: every pair must
# come in through the duality check.
EMPTY_START = _pruned(initial_k=0, scarce_initial_k=0, two_way_k=0, shifted_k=0)
# Tiny steps: one new pair per mentee and round, look at one pair per entry first.
TINY_STEPS = _pruned(
    initial_k=1, two_way_k=0, shifted_k=0, per_entry=1, add_per_mentee=1, keep_slack=0
)
# Every round after the first re-optimised by shortest paths, never by a second flow solve.
ALWAYS_REPAIR = _pruned(
    initial_k=1,
    two_way_k=0,
    shifted_k=0,
    add_per_mentee=2,
    repair_share=float("inf"),
    repair_pairs=10**9,
    repair_work=None,
)
# Every repair tried and given up at once for its budget: full solves take over.
REPAIR_GIVEN_UP = _pruned(
    initial_k=1,
    two_way_k=0,
    shifted_k=0,
    add_per_mentee=2,
    repair_share=1.0,
    repair_pairs=10**9,
    repair_work=0,
)
# Every round solved by min-cost flow from scratch.
NEVER_REPAIR = _pruned(initial_k=1, two_way_k=0, shifted_k=0, add_per_mentee=2, repair_share=0)


def check_constraints(result: RoundResult, people, history, blocks, settings_) -> None:
    by_id = {p.id: p for p in people}
    mentees = Counter(p.mentee for p in result.pairs)
    assert all(count == 1 for count in mentees.values()), "one new mentor per mentee"
    load = Counter(p.mentor for p in result.pairs)
    assert all(load[m] <= by_id[m].capacity for m in load), "mentor capacity"
    for pair in result.pairs:
        mentor, mentee = by_id[pair.mentor], by_id[pair.mentee]
        assert eligible(mentor, mentee, history, blocks, settings_)
        assert (pair.score, pair.skill) == score_pair(mentor, mentee, settings_)
        assert pair.two_way == bool(pair.two_way_skills)
        assert pair.reasons and all(p.id not in " ".join(pair.reasons) for p in people)
    unserved = {(u.participant, u.skill) for u in result.unserved}
    expected = {(p.id, s) for p in people if p.id not in mentees for s in p.requests}
    assert unserved == expected


@FAST
@given(rounds(), st.sampled_from([None, HUB, PRUNED]))
def test_optimal_and_feasible(case, limits) -> None:
    people, history, blocks, settings_ = case
    result = match_round(people, history=history, blocks=blocks, settings=settings_, limits=limits)
    assert result.optimal
    served, total = best_value(people, history, blocks, settings_)
    assert (len(result.pairs), sum(p.score for p in result.pairs)) == (served, total)
    check_constraints(result, people, history, blocks, settings_)


@FAST
@given(rounds())
def test_all_pairs_network_reaches_the_same_optimum(case) -> None:
    people, history, blocks, settings_ = case
    result = match_round(
        people, history=history, blocks=blocks, settings=settings_, limits=ALL_PAIRS
    )
    assert result.optimal
    served, total = best_value(people, history, blocks, settings_)
    assert (len(result.pairs), sum(p.score for p in result.pairs)) == (served, total)
    check_constraints(result, people, history, blocks, settings_)


@FAST
@given(
    rounds(),
    st.sampled_from([EMPTY_START, TINY_STEPS, ALWAYS_REPAIR, NEVER_REPAIR, REPAIR_GIVEN_UP]),
)
def test_pruned_loop_reaches_the_optimum_from_poor_candidates(case, limits) -> None:
    people, history, blocks, settings_ = case
    result = match_round(people, history=history, blocks=blocks, settings=settings_, limits=limits)
    assert result.optimal
    assert result.stats["method_pruned"] == 1
    served, total = best_value(people, history, blocks, settings_)
    assert (len(result.pairs), sum(p.score for p in result.pairs)) == (served, total)
    check_constraints(result, people, history, blocks, settings_)
    if served and limits is EMPTY_START:
        assert result.stats["rounds"] >= 2  # the first round had nothing to solve


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        SolverLimits(method="fastest")


@settings(max_examples=60, deadline=None)
@given(rounds(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(case, rnd: random.Random) -> None:
    people, history, blocks, settings_ = case
    first = match_round(people, history=history, blocks=blocks, settings=settings_)
    shuffled = people[:]
    rnd.shuffle(shuffled)
    history = history[::-1]
    blocks = [(b, a) for a, b in blocks]
    second = match_round(shuffled, history=history, blocks=blocks, settings=settings_)
    assert first.pairs == second.pairs
    assert first.unserved == second.unserved


@settings(max_examples=16, deadline=None)
@given(
    st.integers(0, 10_000),
    st.sampled_from([None, 4.0]),
    st.sampled_from([None, HUB, TINY_STEPS, ALWAYS_REPAIR]),
)
def test_matches_full_graph_flow_on_medium_cohorts(seed: int, tz_limit, limits) -> None:
    from bot.matching import MatchSettings, synthetic

    rng = random.Random(seed)
    people = synthetic.cohort(rng, 150, n_skills=12)
    history = synthetic.past_rounds(rng, people, rounds=2)
    settings_ = MatchSettings(max_tz_gap_hours=tz_limit)
    result = match_round(people, history=history, settings=settings_, limits=limits)
    assert result.optimal
    expected = full_graph_optimum(people, history, [], settings_)
    assert (len(result.pairs), sum(p.score for p in result.pairs)) == expected


@settings(max_examples=100, deadline=None)
@given(rounds())
def test_vectorised_scores_match_score_pair(case) -> None:
    import numpy as np

    from bot.matching.cohort import Cohort

    people, history, blocks, settings_ = case
    cohort = Cohort.build(people, history, blocks, settings_)
    n = cohort.n
    m, e = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(n), indexing="ij"))
    score, skill = cohort.scores(m, e)
    for i, j, s, k in zip(m, e, score, skill, strict=True):
        expected = score_pair(cohort.people[i], cohort.people[j], settings_)
        if expected is None:
            assert k == -1
        else:
            assert (int(s), cohort.skills[k]) == expected
