"""The engine on every benchmark family: small cohorts against independent solvers, and
2,000-person cohorts of three families against a min-cost flow over every eligible pair."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.cohorts import FAMILIES, Case, make
from bot.matching import SolverLimits, match_round
from bot.matching.exact import PRUNED_ABOVE, PRUNED_SUPPLY
from bot.matching.pruned import PrunedLimits

from .brute_force import best_value, full_graph_optimum
from .test_properties import check_constraints


def _solve(case: Case, limits: SolverLimits | None = None):
    return match_round(
        case.people,
        history=case.history,
        blocks=case.blocks,
        settings=case.settings,
        limits=limits,
    )


def _value(result) -> tuple[int, int]:
    return len(result.pairs), sum(p.score for p in result.pairs)


# Both exact methods, forced, and the rule's own choice; `seeded`: the pruned set whose
# first solve always starts from its core's optimum (`pruned._first_solve`).
METHODS = {
    "auto": None,
    "hub": SolverLimits(method="hub"),
    "pruned": SolverLimits(method="pruned"),
    "seeded": SolverLimits(method="pruned", pruned=PrunedLimits(cold_work=0)),
}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(40, 160))
@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_small_cohorts_of_every_family_match_a_full_graph_flow(family, method, seed, size) -> None:
    case = FAMILIES[family](random.Random(seed), size)
    result = _solve(case, METHODS[method])
    assert result.optimal
    assert _value(result) == full_graph_optimum(case.people, case.history, case.blocks,
                                                case.settings)  # fmt: skip
    check_constraints(result, case.people, case.history, case.blocks, case.settings)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_tiny_cohorts_of_every_family_match_brute_force(family, seed) -> None:
    case = FAMILIES[family](random.Random(seed), 60)
    # Keep the six people with the most in common so that the exhaustive search is small
    # but pairs still exist; their history and blocks come along.
    people = sorted(case.people, key=lambda p: -len(p.offers) - len(p.requests))[:6]
    ids = {p.id for p in people}
    history = [h for h in case.history if h.a in ids and h.b in ids]
    blocks = [b for b in case.blocks if set(b) <= ids]
    result = match_round(people, history=history, blocks=blocks, settings=case.settings)
    assert result.optimal
    assert _value(result) == best_value(people, history, blocks, case.settings)


@pytest.mark.parametrize("family", ["heavy_history", "kept_aside", "tz_global"])
def test_two_thousand_people_match_a_full_graph_flow(family) -> None:
    case = make(family, 2000, seed=3)
    expected = full_graph_optimum(case.people, case.history, case.blocks, case.settings)
    for method in ("hub", "pruned", "seeded"):
        result = _solve(case, METHODS[method])
        assert result.optimal, method
        assert result.stats["method_pruned"] == (method != "hub")
        if method == "seeded":
            assert result.stats["seeded_solves"] == 1
        assert _value(result) == expected, method
    chosen = _solve(case)
    assert chosen.optimal
    assert _value(chosen) == expected
    assert chosen.stats["method_pruned"] == (family != "kept_aside")


@pytest.mark.parametrize(
    ("family", "pruned"),
    [
        ("heavy_history", True),
        ("scarce_history", True),
        ("synthetic", True),
        ("kept_aside", False),
        ("scarce", False),
    ],
)
def test_the_rule_picks_the_method_by_exclusions_and_supply(family, pruned) -> None:
    stats = _solve(make(family, 1000, seed=2)).stats
    assert stats["method_pruned"] == pruned
    dense = stats["exposed_share"] > PRUNED_ABOVE
    assert dense == family.endswith("_history")
    assert pruned == (dense or stats["supply"] >= PRUNED_SUPPLY)
    assert "fell_back" not in stats


def test_a_poor_first_guess_falls_back_to_the_hub_network() -> None:
    # The pruned set from an empty start with a budget of one solve cannot finish: the hub
    # network takes over and proves the round.
    case = make("kept_aside", 2000, seed=3)
    pruned = PrunedLimits(max_solves=1, initial_k=0, scarce_initial_k=0, two_way_k=0, shifted_k=0)
    result = _solve(case, SolverLimits(method="pruned", pruned=pruned))
    assert result.optimal
    assert result.stats["fell_back"] == 1 and result.stats["method_pruned"] == 0
    assert result.stats["flow_solves"] >= 2
    assert _value(result) == _value(_solve(case, METHODS["hub"]))


def test_the_fallback_budget_counts_solves_from_the_last_matching_too() -> None:
    # With the compiled solver only the first solve starts from nothing; the re-solves
    # after it are cheap but each comes with a round of pricing, so they count.
    case = make("kept_aside", 2000, seed=3)
    pruned = PrunedLimits(max_solves=3, initial_k=0, scarce_initial_k=0, two_way_k=0, shifted_k=0)
    result = _solve(case, SolverLimits(method="pruned", pruned=pruned))
    assert result.optimal and result.stats["fell_back"] == 1
    assert result.stats["warm_solves"] == 2
    assert _value(result) == _value(_solve(case, METHODS["hub"]))


def test_every_pair_listed_gives_the_same_optimum() -> None:
    case = make("heavy_history", 300, seed=5)
    hubs, listed = _solve(case), _solve(case, SolverLimits(all_explicit=True))
    assert hubs.optimal and listed.optimal
    assert _value(hubs) == _value(listed)
    # The hub network is much smaller than the list of every eligible pair.
    assert hubs.stats["edges_priced"] < listed.stats["edges_priced"]


def test_families_are_seeded() -> None:
    for family in FAMILIES:
        assert make(family, 200, seed=4) == make(family, 200, seed=4)
    assert make("synthetic", 200, seed=4) != make("synthetic", 200, seed=5)


def test_ample_supply_alone_picks_the_pruned_set(monkeypatch) -> None:
    from bot.matching import exact

    # Without it the same cohort goes to the hub network, with the same optimum.
    pruned = _solve(make("synthetic", 1000, seed=2))
    assert pruned.stats["supply"] >= PRUNED_SUPPLY and pruned.stats["exposed_share"] < 0.25
    assert pruned.stats["method_pruned"] == 1 and pruned.optimal
    monkeypatch.setattr(exact, "PRUNED_SUPPLY", pruned.stats["supply"] + 0.01)
    hub = _solve(make("synthetic", 1000, seed=2))
    assert hub.stats["method_pruned"] == 0 and hub.optimal
    assert _value(hub) == _value(pruned)
