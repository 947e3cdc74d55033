"""The exact solver: two exact methods, one chosen per cohort before solving.

Both return a matching with the most mentees served, then the highest total score, and
both prove it over every eligible pair; the choice (`choose_method`) affects only speed.
- The hub network (below): fast whatever the shape of skills and zones, slow when
  exclusions are dense, because mentees excluded inside small hubs are wired on their own.
- The pruned candidate set (`pruned`): lists pairs, so exclusions cost it nothing, but
  its cost grows with how poorly its first guess of candidates fits the cohort.
The rule (`choose_method`): the pruned set when the share of mentees exposed to an
exclusion inside a small hub (`network.exposed_mentees`, which the hub network needs
anyway) is above `PRUNED_ABOVE`, or when mentors offer at least `PRUNED_SUPPLY` places per
mentee; else the hub network. The thresholds come from measurements on every benchmark
family (docs/matching.md, "Choosing the method").

The hub network:
1. Build the hub network (`network`): one arc per offer or request entry, one per pair of
   time zones present in a group — never one per eligible pair.
2. Solve it by min-cost flow (most mentees served, then the highest total score).
3. Cut the flow into pairs without any excluded pair (cooldown, block, oneself). Mentees
   the cut cannot place are wired on their own (`network.OWN_HUBS`: the hubs that failed
   them are listed pair by pair, exclusions left out) and the network is solved again;
   mentees exposed to exclusions in small hubs are wired that way from the start.
4. Read LP duals off the network and check them from scratch: slackness on the pairs
   made, and feasibility for every eligible pair, group by group (`duals`). Only then is
   the result marked optimal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from .candidates import Groups, build_groups
from .cohort import INT, Cohort
from .duals import certificate_holds, feasible_everywhere, network_duals
from .network import (
    ALL_PAIRS,
    HUBS,
    OWN_HUBS,
    Flow,
    Network,
    Zones,
    build_network,
    decompose,
    exposed_mentees,
    solve,
)
from .pruned import PrunedLimits, solve_pruned, solves_made

Progress = Callable[[str], None]

HUB = "hub"
PRUNED = "pruned"
# Above this share of exposed mentees the pruned candidate set is used (see the module note).
PRUNED_ABOVE = 0.25
# ... and from this much capacity of mentors who offer something per mentee, when its first
# guess fits well; it then falls back to the hub network after `PRUNED_FALLBACK` solves.
PRUNED_SUPPLY = 1.8
# Solves of either kind (`pruned.solves_made`): every family chosen this way needs at most
# 7 (1 + 6, time zones round the globe at 10,000 people).
PRUNED_FALLBACK = 12
# The supply rule holds at any size. Until the pruned set's first solve could start from
# its core (`pruned._first_solve`) it held only up to 60,000 people, with exceptions; at
# 100,000 people the pruned set is now as fast or faster than the hub network and smaller
# (CPU s, same hour: synthetic 9.9 vs 10.4, long tail 11.3 vs 14.2, dominant 8.0 vs 10.0,
# reciprocal 7.0 vs 7.0; peak 460-530 MB vs 620-700 MB).


@dataclass(frozen=True, slots=True)
class SolverLimits:
    """Knobs of the solver; they change speed, never a result that is proved optimal."""

    # Solves allowed while repairing exclusions; the last matching is returned unproved
    # if they run out.
    max_solves: int = 40
    # Make every mentee explicit from the start (one arc per eligible pair: small cohorts
    # and tests only — it is the plain bipartite network).
    all_explicit: bool = False
    # "hub" or "pruned" forces one method (tests, benchmarks); None chooses by the rule.
    method: str | None = None
    pruned: PrunedLimits = field(default_factory=PrunedLimits)

    def __post_init__(self) -> None:
        if self.method not in (None, HUB, PRUNED):
            raise ValueError(f"unknown method {self.method!r}: use {HUB!r} or {PRUNED!r}")


@dataclass(slots=True)
class Solution:
    mentor_of: np.ndarray  # per person as mentee: index of the mentor, or −1
    optimal: bool
    stats: dict[str, float] = field(default_factory=dict)


def _cardinality_weight(cohort: Cohort) -> int:
    """BIG: one more pair must outweigh any gain in total score, however large."""
    mentees = int(cohort.is_mentee.sum())
    return (mentees + 1) * (cohort.max_score() + cohort.settings.tz_penalty + 1)


@dataclass(frozen=True, slots=True)
class Choice:
    """The method for a cohort and the two measures it was chosen by."""

    method: str
    exposed_share: float  # mentees with an excluded partner in a small hub / mentees
    supply: float  # capacity of mentors offering a skill / mentees

    @property
    def by_exclusions(self) -> bool:
        return self.exposed_share > PRUNED_ABOVE


def choose_method(cohort: Cohort, groups: tuple[Groups, ...], exposed: np.ndarray) -> Choice:
    """The pruned set when exclusions inside small hubs touch more than `PRUNED_ABOVE` of
    the mentees (the hub network would wire most of them on their own), or when mentors
    offer at least `PRUNED_SUPPLY` places per mentee (its first guess then fits: a few
    small solves); else the hub network."""
    mentees = int(cohort.is_mentee.sum())
    offering = np.zeros(cohort.n, dtype=bool)
    offering[groups[0].m_person] = True
    share = float(exposed.sum()) / mentees if mentees else 0.0
    supply = float(cohort.mentor_cap[offering].sum()) / mentees if mentees else 0.0
    pruned = share > PRUNED_ABOVE or supply >= PRUNED_SUPPLY
    return Choice(PRUNED if pruned else HUB, share, supply)


def solve_exact(
    cohort: Cohort, limits: SolverLimits = SolverLimits(), progress: Progress | None = None
) -> Solution:
    """Optimal matching (most mentees served, then highest total score) with its proof."""
    started = time.perf_counter()

    def report(what: str) -> None:
        if progress is not None:
            progress(f"{time.perf_counter() - started:6.1f} s  {what}")

    n = cohort.n
    big = _cardinality_weight(cohort)
    groups = build_groups(cohort)
    zones = Zones.build(cohort)
    exposed = exposed_mentees(cohort, groups, zones)
    choice = choose_method(cohort, groups, exposed)
    method = choice.method
    if limits.all_explicit:
        method = HUB
    elif limits.method is not None:
        method = limits.method
    stats: dict[str, float] = {
        "flow_solves": 0,
        "edges_priced": 0,
        "exposed_share": round(choice.exposed_share, 4),
        "supply": round(choice.supply, 3),
        "method_pruned": float(method == PRUNED),
    }
    measures = f"{choice.exposed_share:.0%} of mentees exposed, supply {choice.supply:.2f}"
    if method == PRUNED:
        report(f"pruned candidate set ({measures})")
        pruned = limits.pruned
        if limits.method is None and not choice.by_exclusions and pruned.max_solves is None:
            # Chosen for its supply only: if the first guess turns out poor, stop early;
            # the hub network is never far off on such cohorts.
            pruned = replace(pruned, max_solves=PRUNED_FALLBACK)
        scarce = choice.supply < PRUNED_SUPPLY
        mentor_of, optimal = solve_pruned(cohort, groups, big, stats, pruned, report, scarce)
        if optimal or pruned.max_solves is None or solves_made(stats) < pruned.max_solves:
            report("proved optimal" if optimal else "not proved optimal")
            return Solution(mentor_of=mentor_of, optimal=optimal, stats=stats)
        report(f"no proof after {solves_made(stats):.0f} solves: hub network")
        stats["method_pruned"] = 0.0
        stats["fell_back"] = 1.0
    else:
        report(f"hub network ({measures})")
    stats.update(explicit_mentees=0, network_arcs=0)
    wiring = np.full(n, ALL_PAIRS if limits.all_explicit else HUBS, dtype=np.int8)
    if not limits.all_explicit:
        # Exclusions inside small hubs are where the relaxation goes wrong: wire those
        # mentees on their own from the start instead of finding out one solve at a time.
        wiring[exposed] = OWN_HUBS
    # A pair dropped for one skill only scores over the skills left, which the hubs cannot
    # express: such mentees get one arc per eligible mentor, exactly scored.
    wiring[cohort.skill_dropped_mentees()] = ALL_PAIRS
    stats["explicit_mentees"] = int((wiring != HUBS).sum())
    mentor_of = np.full(n, -1, dtype=INT)
    listed = tuple(np.zeros(0, dtype=INT) for _ in groups)  # hubs to list per mentee
    for _ in range(limits.max_solves):
        net, pairs = build_network(cohort, groups, zones, wiring, big, listed)
        stats["edges_priced"] += pairs
        stats["network_arcs"] = net.arc_count
        report(f"solve {stats['flow_solves'] + 1:.0f}: {net.arc_count:,} arcs")
        flow = solve(net)
        stats["flow_solves"] += 1
        mentor_of, left, bad_hubs = decompose(net, flow, cohort)
        if len(left):
            # The relaxation used excluded pairs these mentees could not swap away.
            # Rewire them on their own hubs, listing the mentors of the hubs that failed.
            wiring[left] = np.maximum(wiring[left], OWN_HUBS)
            listed = tuple(np.union1d(old, new) for old, new in zip(listed, bad_hubs, strict=True))
            stats["explicit_mentees"] = int((wiring != HUBS).sum())
            report(f"{len(left)} mentees need their own arcs")
            continue
        report("checking the proof")
        optimal = _proved(cohort, groups, zones, net, flow, mentor_of, big, stats)
        report("proved optimal" if optimal else "proof failed")
        return Solution(mentor_of=mentor_of, optimal=optimal, stats=stats)
    return Solution(mentor_of=mentor_of, optimal=False, stats=stats)


def _proved(
    cohort: Cohort,
    groups: tuple[Groups, ...],
    zones: Zones,
    net: Network,
    flow: Flow,
    mentor_of: np.ndarray,
    big: int,
    stats: dict[str, float],
) -> bool:
    duals = network_duals(net, flow)
    if duals is None:
        return False
    u, v = duals
    mentees = np.flatnonzero(mentor_of >= 0)
    mentors = mentor_of[mentees]
    score, skill = cohort.scores(mentors, mentees)
    if not (cohort.eligible(mentors, mentees) & (skill >= 0)).all():
        return False
    if not certificate_holds(cohort.mentor_cap, mentors, mentees, big + score, mentor_of, u, v):
        return False
    return feasible_everywhere(cohort, groups, zones, u, v, big, stats)
