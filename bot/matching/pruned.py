"""The pruned exact solver: solve on a candidate set, prove optimality, grow the set if needed.

The second exact method beside the hub network (`exact` chooses between them). It lists
pairs explicitly, so exclusions (cooldown, blocks) cost it nothing: an excluded pair is
simply never a candidate. That is what makes it the faster method when exclusions are
dense, where the hub network has to wire most mentees on their own.

1. Start from a small candidate set (`pruned_candidates.initial_pairs`: k mentors per
   request from the mentee's own time-zone band, plus some two-way mentors from that
   band and from the band shifted by half its width).
2. Solve max-cardinality / max-score b-matching on it: once from nothing (from the
   core's optimum where that is cheaper, `_first_solve`), then from the last proved
   matching and its duals (`ssp`, compiled); by min-cost flow (`flow`) in a build
   without the compiled module.
3. Build LP duals from that solution (`pruned_duals`) and check them on the candidate
   pairs (`duals.certificate_holds`).
4. Walk the sorted group lists for pairs outside the set whose score bound beats their
   dual price, compute their exact score and eligibility, and add the real violators;
   without the compiled module a few new pairs are re-optimised by shortest paths
   (`repair`) instead of a re-solve.
5. Repeat until no eligible pair violates: the duals then prove the matching optimal over
   all eligible pairs, which are never listed in full.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .arrays import KeySet, group_starts, merge_sorted, sorted_unique
from .candidates import Groups
from .cohort import INT, Cohort
from .duals import certificate_holds
from .flow import solve_matching
from .pruned_candidates import by_zone, initial_pairs, pairs_above, zone_bands
from .pruned_duals import mentee_optimal_duals
from .repair import add_pairs
from .ssp import AVAILABLE as COMPILED
from .ssp import solve as solve_from
from .ssp import solve_within


@dataclass(frozen=True, slots=True)
class PrunedLimits:
    """Knobs of the candidate loop; they change speed, never the result when proved."""

    initial_k: int = 1  # mentors per (mentee, requested skill) in the first candidate set
    two_way_k: int = 2  # two-way mentors per (mentee, requested skill, offered skill)
    # Two-way mentors per entry from bands shifted by half a band: people on either side
    # of a band's edge pair without a penalty too, and most pairs of a round are two-way.
    shifted_k: int = 1
    pool_share: float = 0.3  # initial mentors come from the best pool_share × demand of a skill
    # Where places are scarce (the caller says so) the best-levelled mentors fill up and
    # their prices climb: the first guess then takes more mentors per request, from the
    # whole pool (scarce supply at 50,000 people: 7 rounds and 5.3 s instead of 13 and 14 s).
    scarce_initial_k: int = 3
    scarce_pool_share: float = 1.0
    # Pairs looked at per mentee entry and round (None: all), best bound first; a round
    # that finds no violator with some entries cut looks again without the cut, so the
    # proof still covers every pair. Where prices are far off (scarce supply), an entry's
    # bound lets thousands of mentors through and only a dozen are added: 26 M pairs
    # priced in 13 rounds without the cut, 7 M with it; no change where the guess fits.
    per_entry: int | None = 30
    add_per_mentee: int = 12  # most-violating new pairs added per mentee and round
    keep_slack: int = 1  # keep candidates whose reduced cost is at most this in the next round
    sparse_rounds: int = 8  # after this many rounds candidates are only added, never dropped
    max_rounds: int = 100
    # The first solve from nothing gives up past this many arcs looked at per candidate
    # pair (None: never) and starts again from the core's optimum (`_first_solve`). Where
    # mentors tie, each search of a plain solve must settle every mentor nearer than its
    # end, and those ties grow with the cohort: 2.0 M arcs at 10,000 synthetic people,
    # 89 M at 50,000 (1.3 s). From the core's prices the same set takes 1.4 M + 1.4 M. Where
    # the plain solve is cheap it is the better one (reciprocal, 50,000 people: 0.6 M
    # plainly, 45 M from the core), so it is tried first. Cheap means under one arc per
    # pair (abundant 0.06-0.4, reciprocal 0.7 at 50,000); the others need 8-140 there, so
    # a larger allowance only wastes time before the core (0.05 s at 50,000 with 4).
    cold_work: float | None = 1.0
    # Give up (unproved) before a solve beyond this many, from nothing or from the last
    # matching (`solves_made`); None: never. The caller then has another exact method to
    # fall back on (`exact`). Each solve comes with a round of pricing, so even solves
    # that cost little count.
    max_solves: int | None = None
    # When the new pairs are at most this share of the candidate set, re-optimise by one
    # shortest-path search per pair (`repair`); beyond it a full re-solve is cheaper.
    repair_share: float = 0.01
    # ... and at most this many: each search looks at up to a whole candidate set's worth
    # of arcs, about one in five new pairs needs one, so a solve's worth of repair covers
    # a thousand or two pairs whatever the size of the round.
    repair_pairs: int = 1500
    # ... and give the repair up for a full re-solve once its searches have looked at this
    # many residual arcs per candidate pair (about what one solve costs; None: no limit).
    repair_work: float | None = 30.0


def solves_made(stats: dict[str, float]) -> float:
    """Solves so far, from nothing (`flow_solves`) or from the last matching."""
    return stats["flow_solves"] + stats.get("warm_solves", 0)


def _violators(
    cohort: Cohort,
    groups: tuple[Groups, ...],
    keys: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    big: int,
    per_entry: int | None,
    per_mentee: int,
    stats: dict[str, float],
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Keys (m·n + e), sorted, of eligible non-candidate pairs with w > u[m] + v[e], their
    scores, and a flag saying whether `per_entry` cut any entry short."""
    m, e, excess, cut = most_violating(
        cohort,
        groups,
        KeySet(keys),
        (u, v, big),
        lambda m, e, score: big + score - u[m] - v[e],
        per_entry,
        per_mentee,
        stats,
    )
    new, score = m * cohort.n + e, excess - big + u[m] + v[e]
    order = np.argsort(new)
    return new[order], score[order], cut


def most_violating(
    cohort: Cohort,
    groups: tuple[Groups, ...],
    candidates: KeySet,
    prices: tuple[np.ndarray, np.ndarray, int],
    excess_of: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    per_entry: int | None,
    per_mentee: int,
    stats: dict[str, float],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """(m, e, excess) of each mentee's `per_mentee` most violating eligible pairs outside
    `candidates`, and whether `per_entry` cut any entry short.

    Pairs are walked per group where their score bound beats `prices` (u, v, big, as
    `pairs_above` reads them), then scored exactly; `excess_of(m, e, score)` says by how
    much each beats its real price (> 0: a violator). The pruned set and the circles'
    pricing both price this way, each with its own weights.
    """
    found = []
    any_cut = False
    settings = cohort.settings
    for g in groups:
        batches, cut = pairs_above(g, *prices, per_entry)
        any_cut |= cut
        for m, e, room in batches:
            stats["edges_priced"] += len(m)
            # A pair scores the best value of its groups less the time-zone penalty; one
            # the penalty takes under its price here can only beat it through another
            # group, whose walk lists it too. So it is not scored here (between a third
            # and two thirds of the pairs listed, all of them for that reason).
            penalty = settings.tz_penalty * (
                cohort.tz_gap(m, e) > settings.tz_penalty_threshold_hours
            )
            m, e = m[room > penalty], e[room > penalty]
            fresh = ~candidates.contains(m * cohort.n + e) & cohort.eligible(m, e)
            m, e = m[fresh], e[fresh]
            score, _ = cohort.scores(m, e)
            excess = excess_of(m, e, score)
            above = excess > 0
            found.append(np.stack([m[above], e[above], excess[above]]))
    if not found:
        empty = np.zeros(0, dtype=INT)
        return empty, empty, empty, any_cut
    m, e, excess = np.concatenate(found, axis=1)
    return (*top_per_mentee(m, e, excess, cohort.n, per_mentee), any_cut)


def top_per_mentee(
    m: np.ndarray, e: np.ndarray, excess: np.ndarray, n: int, top: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The `top` most violating pairs (m, e, excess) of each mentee, each pair once (it may
    have come from two groups, with the same excess both times).

    One sort of (mentee, excess down, mentor) packed into an integer where it fits, which
    puts a pair's copies side by side; else a sort by pair, then by mentee and excess.
    """
    if len(m) == 0:
        return m, e, excess
    person_bits = max(n - 1, 1).bit_length()
    excess_bits = int(excess.max()).bit_length()
    if 2 * person_bits + excess_bits <= 63:
        limit = (1 << excess_bits) - 1
        packed = np.sort((((e << excess_bits) | (limit - excess)) << person_bits) | m)
        packed = packed[np.r_[True, packed[1:] != packed[:-1]]]
        e = packed >> (excess_bits + person_bits)
        excess = limit - ((packed >> person_bits) & limit)
        m = packed & ((1 << person_bits) - 1)
    else:
        order = np.lexsort((e, m))
        m, e, excess = m[order], e[order], excess[order]
        first = np.r_[True, (m[1:] != m[:-1]) | (e[1:] != e[:-1])]
        m, e, excess = m[first], e[first], excess[first]
        order = np.lexsort((-excess, e))
        m, e, excess = m[order], e[order], excess[order]
    keep = np.arange(len(e)) - group_starts(e) < top
    return m[keep], e[keep], excess[keep]


def _proof(
    cohort: Cohort,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    mentor_of: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """LP duals proving `mentor_of` optimal on the candidate pairs, or None."""
    duals = mentee_optimal_duals(cohort.n, cand_m, cand_e, weight, mentor_of)
    if duals is None or not certificate_holds(
        cohort.mentor_cap, cand_m, cand_e, weight, mentor_of, *duals
    ):
        return None
    return duals


def _first_solve(
    cohort: Cohort,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    firsts: list[tuple[np.ndarray, np.ndarray]],
    big: int,
    limits: PrunedLimits,
    stats: dict[str, float],
    scarce: bool,
) -> np.ndarray:
    """The optimal matching on the first candidate set, solved from nothing.

    Plainly first, within `limits.cold_work` arcs per pair; past that, from the optimum of
    the core (each mentee's first choices alone, half the pairs or fewer), whose prices
    take the full set most of the way (see `PrunedLimits.cold_work`).
    """
    n, cap = cohort.n, cohort.mentor_cap
    budget = None if limits.cold_work is None else int(limits.cold_work * len(cand_m))
    plain = solve_within(n, cap, cand_m, cand_e, weight, None, budget)
    if plain is not None:
        return plain.mentor_of
    stats["seeded_solves"] = stats.get("seeded_solves", 0) + 1
    # The core: the first guess without its second two-way mentors and shifted bands
    # (`initial_pairs` lists each mentee's first choices first). Where supply is scarce,
    # without its two-way mentors at all: there the competition for a skill sets the
    # prices, the two-way bonus moves them little, and the skill guess already takes a few
    # mentors per request. Scarce with history at 50,000 people: 2.9 M arcs for the core
    # and 1.9 M from it to the full set, against 10.5 M and 1.2 M with two-way mentors.
    core_m, core_e = firsts[0]
    if not scarce:
        two_way_m, two_way_e = firsts[1]
        nearest = len(two_way_m) // max(limits.two_way_k, 1)
        core_m = np.concatenate([core_m, two_way_m[:nearest]])
        core_e = np.concatenate([core_e, two_way_e[:nearest]])
    core = sorted_unique((core_m * n + core_e)[cohort.eligible(core_m, core_e)])
    core_m, core_e = core // n, core % n
    core_score, _ = cohort.scores(core_m, core_e)
    seed = solve_from(n, cap, core_m, core_e, big + core_score)
    return solve_from(n, cap, cand_m, cand_e, weight, (seed.mentor_of, seed.u, seed.v)).mentor_of


def solve_pruned(
    cohort: Cohort,
    groups: tuple[Groups, ...],
    big: int,
    stats: dict[str, float],
    limits: PrunedLimits = PrunedLimits(),
    report: Callable[[str], None] = lambda _: None,
    scarce: bool = False,
) -> tuple[np.ndarray, bool]:
    """(mentor_of, proved): the optimal matching for `big` (see `exact`) and whether the
    duals proved it over every eligible pair. Counts its work into `stats`. `scarce`:
    mentors offer few places per mentee (see `PrunedLimits.scarce_initial_k`)."""
    n = cohort.n
    initial_k = limits.scarce_initial_k if scarce else limits.initial_k
    pool = limits.scarce_pool_share if scarce else limits.pool_share
    # Initial mentors come from the mentee's own time-zone band: pairs across distant zones
    # lose the penalty and are rarely optimal when a closer mentor of the same level exists.
    band = zone_bands(cohort)
    firsts = [
        initial_pairs(by_zone(groups[0], band), initial_k, pool),
        initial_pairs(by_zone(groups[1], band), limits.two_way_k, pool),
    ]
    if limits.shifted_k:
        shifted = by_zone(groups[1], zone_bands(cohort, shift=0.5))
        firsts.append(initial_pairs(shifted, limits.shifted_k, pool))
    m_parts, e_parts = zip(*firsts, strict=True)
    m0, e0 = np.concatenate(m_parts), np.concatenate(e_parts)
    keys = sorted_unique((m0 * n + e0)[cohort.eligible(m0, e0)])
    score, _ = cohort.scores(keys // max(n, 1), keys % max(n, 1))  # kept aligned with keys
    stats["edges_priced"] += len(m0)
    for name in ("rounds", "repaired_pairs", "repairs_given_up", "warm_solves"):
        stats.setdefault(name, 0)
    mentor_of = np.full(n, -1, dtype=INT)
    # A matching already re-optimised for this round, with the duals that should prove it.
    repaired: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    # The last matching with the duals that proved it, for the compiled solver to start from.
    start: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    optimal = False
    for _ in range(limits.max_rounds):
        stats["rounds"] += 1
        cand_m, cand_e = keys // max(n, 1), keys % max(n, 1)
        weight = big + score
        duals = None
        if repaired is not None and certificate_holds(
            cohort.mentor_cap, cand_m, cand_e, weight, *repaired
        ):
            # Proved optimal on the candidates by the repair's own potentials, so the
            # longest-path duals below are sure to settle.
            mentor_of = repaired[0]
            duals = _proof(cohort, cand_m, cand_e, weight, mentor_of)
        if duals is None:
            if limits.max_solves is not None and solves_made(stats) >= limits.max_solves:
                break
            report(f"solve {stats['flow_solves'] + 1:.0f}: {len(keys):,} candidate pairs")
            if COMPILED:
                # Started from the last proved matching, a re-solve costs what changed; the
                # stats tell the two kinds apart (both count against `max_solves`).
                stats["warm_solves" if start is not None else "flow_solves"] += 1
                if start is None:
                    mentor_of = _first_solve(
                        cohort, cand_m, cand_e, weight, firsts, big, limits, stats, scarce
                    )
                else:
                    mentor_of = solve_from(
                        n, cohort.mentor_cap, cand_m, cand_e, weight, start
                    ).mentor_of
            else:
                stats["flow_solves"] += 1
                mentor_of = solve_matching(n, cohort.mentor_cap, cand_m, cand_e, score)
            duals = _proof(cohort, cand_m, cand_e, weight, mentor_of)
        if duals is None:
            break  # cannot happen with an exact flow solver; report "not proved" if it does
        u, v = duals
        top = limits.add_per_mentee
        new, new_score, cut = _violators(
            cohort, groups, keys, u, v, big, limits.per_entry, top, stats
        )
        if len(new) == 0 and cut:
            new, new_score, _ = _violators(cohort, groups, keys, u, v, big, None, top, stats)
        if len(new) == 0:
            optimal = True
            break
        report(f"{len(new):,} pairs beat their price; adding them")
        if stats["rounds"] <= limits.sparse_rounds:
            # Pairs far from tight rarely matter in the next round; dropping them keeps each
            # re-solve small. Anything dropped is still covered by the next optimality check.
            keep = u[cand_m] + v[cand_e] - weight <= limits.keep_slack
            keys, score = keys[keep], score[keep]
        keys, score = merge_sorted(keys, score, new, new_score)
        repaired = None
        start = (mentor_of, u, v)
        if not COMPILED and len(new) <= min(limits.repair_share * len(keys), limits.repair_pairs):
            # A few new pairs: one bounded shortest-path search each beats a full re-solve.
            cand_m, cand_e = keys // n, keys % n
            budget = None if limits.repair_work is None else limits.repair_work * len(keys)
            repaired = add_pairs(
                n,
                cohort.mentor_cap,
                cand_m,
                cand_e,
                big + score,
                mentor_of,
                u,
                v,
                np.searchsorted(keys, new),
                budget,
            )
            if repaired is None:
                stats["repairs_given_up"] += 1
                report("repair over budget: a full solve instead")
            else:
                stats["repaired_pairs"] += len(new)
    stats["candidates"] = len(keys)
    return mentor_of, optimal
