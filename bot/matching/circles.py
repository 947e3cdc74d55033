"""Circles: one mentor with 3..6 learners of one skill, solved jointly with the pairs.

The flow model (docs/matching.md, "Circles"): besides source → mentor → mentee → sink,
every circle a mentor offers (mentor, skill, up to N) is a node fed by the source with
capacity N, with an arc to each learner who is open to a circle, asked for the skill and
could be paired with the mentor (cooldown, blocks, drops and the time-zone limit as for
pairs). The weight of a seat is the pair's score on that skill minus a circle cost C,
larger than any difference in total score; serving a mentee is worth BIG, larger than
any difference in C·seats + score. So one min-cost circulation maximises, in this order:
learners served, then pairs rather than circle seats, then the total score.

A circle of 1 or 2 learners is not a circle. Lower bounds "0 or at least 3" break plain
flow, so they are added by branch and bound: solve the relaxation; if some circle has 1–2
learners, branch on it — closed (capacity 0) or open (a lower bound of 3 on its source
arc, which flow handles by shifting 3 units of supply) — and keep the best feasible leaf.
A node whose relaxation is no better than the best leaf found is not explored. Each
solved node is checked from scratch: its flow keeps capacities and conservation, and the
residual graph has no negative cycle (node potentials by Bellman–Ford), which proves it a
min-cost circulation. Only when every node checks out is the result marked optimal.

Pairs are not all listed. Like the pruned method, the model starts from a few candidate
pairs per request and prices the rest: after each solve, the flow's node potentials p
(which prove it optimal on the candidates) are checked against every eligible pair left
out — per group, by the bound mentor part + mentee part + bonus, walking only the pairs
whose bound beats their price p(mentor) − p(learner), each then scored exactly. Pairs
whose arc would close a negative cycle are added and the node solved again; when none
is left, p are potentials of the whole network, so the node's relaxation is exact over
every eligible pair and the branch-and-bound bounds and the proof hold as before. Circle
seats are few (open learners of the circle skills) and always listed. The first candidates
include the optimum of the round without circles (`exact.solve_exact`), which the joint
optimum mostly keeps, so few pricing rounds are left. A re-solve's pairs to keep (`keep`)
are a last objective level, below the score (docs/matching.md, *Re-solve keeps the
draft*).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow

from .arrays import KeySet, merge_sorted, sorted_unique
from .candidates import Groups, build_groups
from .cohort import INT, MIN_CIRCLE, Cohort
from .duals import potentials
from .exact import solve_exact
from .network import Flow
from .pruned import PrunedLimits, most_violating
from .pruned_candidates import by_zone, initial_pairs, zone_bands

OPEN, CLOSED = 1, -1
# Branch-and-bound nodes explored before giving up (the result is then not proved).
MAX_NODES = 2_000


@dataclass(frozen=True, slots=True)
class CircleOffers:
    """Every circle a mentor offers that at least `MIN_CIRCLE` learners could join."""

    mentor: np.ndarray  # per circle
    skill: np.ndarray  # per circle: skill id
    size: np.ndarray  # per circle: most learners
    seat_c: np.ndarray  # per seat: circle index
    seat_e: np.ndarray  # per seat: learner
    seat_score: np.ndarray  # per seat: the pair's score on the circle's skill

    @property
    def count(self) -> int:
        return len(self.mentor)


def circle_offers(cohort: Cohort) -> CircleOffers:
    """Circles offered by mentors who are not paused, with the learners each could take."""
    s = cohort.settings
    skill_id = {k: i for i, k in enumerate(cohort.skills)}
    open_learners = np.flatnonzero(
        cohort.is_mentee & np.array([p.open_to_circle for p in cohort.people], dtype=bool)
    )
    mentors: list[int] = []
    skills: list[int] = []
    sizes: list[int] = []
    seats_c: list[np.ndarray] = []
    seats_e: list[np.ndarray] = []
    for m, person in enumerate(cohort.people):
        if person.paused:
            continue
        for slug, size in sorted(person.circle_sizes.items()):
            k = skill_id[slug]
            wants = (cohort.req_skill[open_learners] == k).any(axis=1)
            e = open_learners[wants]
            mm = np.full(len(e), m, dtype=INT)
            ok = ~cohort.excluded(mm, e)
            if s.max_tz_gap_hours is not None:
                ok &= cohort.tz_gap(mm, e) <= s.max_tz_gap_hours
            if len(cohort.skill_forbidden):
                ok &= ~cohort.skill_dropped(mm, e, np.full(len(e), k, dtype=INT))
            e = e[ok]
            if len(e) < MIN_CIRCLE:
                continue  # never a circle
            seats_c.append(np.full(len(e), len(mentors), dtype=INT))
            seats_e.append(e)
            mentors.append(m)
            skills.append(k)
            sizes.append(size)
    if not mentors:
        z = np.zeros(0, dtype=INT)
        return CircleOffers(z, z, z, z, z, z)
    seat_c, seat_e = np.concatenate(seats_c), np.concatenate(seats_e)
    mentor, skill = np.array(mentors, dtype=INT), np.array(skills, dtype=INT)
    seat_m, seat_k = mentor[seat_c], skill[seat_c]
    asked = cohort.req_skill[seat_e] == seat_k[:, None]
    weeks = (cohort.req_weeks[seat_e] * asked).sum(axis=1)
    score = cohort.mentor_term(seat_m, seat_k) + np.minimum(weeks, s.waiting_cap_weeks)
    score += s.two_way_bonus * cohort.two_way(seat_m, seat_e)
    score -= s.tz_penalty * (cohort.tz_gap(seat_m, seat_e) > s.tz_penalty_threshold_hours)
    return CircleOffers(mentor, skill, np.array(sizes, dtype=INT), seat_c, seat_e, score)


@dataclass(slots=True)
class CircleSolution:
    mentor_of: np.ndarray  # per person as mentee in a pair: mentor index, or −1
    circle_of: np.ndarray  # per person: index into the offers of the circle joined, or −1
    optimal: bool
    stats: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Model:
    n: int
    circles: int
    tail: np.ndarray
    head: np.ndarray
    cap: np.ndarray
    cost: np.ndarray
    pair_arcs: slice
    seat_arcs: slice
    circle_arcs: slice  # source → circle, one per circle, in order

    @property
    def source(self) -> int:
        return 2 * self.n + self.circles

    @property
    def nodes(self) -> int:
        return self.source + 2


@dataclass(slots=True)
class _Round:
    """What every branch-and-bound node shares: the offers, the weights, and the candidate
    pairs listed so far (sorted keys m·n + e, scores aligned). Each node's flow is kept
    with the model it was solved on, since candidates change between nodes."""

    cohort: Cohort
    offers: CircleOffers
    groups: tuple[Groups, Groups]
    scale: int  # weight of one score point: more than all kept pairs together
    seat_cost: int
    big: int
    keep: np.ndarray  # sorted keys of the eligible pairs to keep if the optimum allows
    keys: np.ndarray
    score: np.ndarray
    stats: dict[str, float]
    model: _Model | None = None

    @classmethod
    def start(
        cls, cohort: Cohort, offers: CircleOffers, keep: np.ndarray, stats: dict[str, float]
    ) -> _Round:
        mentees = int(cohort.is_mentee.sum())
        keep = sorted_unique(keep)
        keep = keep[cohort.eligible(keep // cohort.n, keep % cohort.n)]
        keep = keep[cohort.scores(keep // cohort.n, keep % cohort.n)[1] >= 0]  # a common skill
        # Kept pairs are the last level: one score point outweighs every kept pair.
        scale = len(keep) + 1
        unit = (mentees + 1) * (cohort.max_score() + cohort.settings.tz_penalty + 1) * scale
        # One seat more outweighs any total score; without circles there are no seats.
        seat_cost = unit if offers.count else 0
        # One learner more outweighs all of it (seats, score and kept pairs).
        big = (mentees + 2) * seat_cost if offers.count else unit
        groups = build_groups(cohort)
        # A first guess, as the pruned method makes it: a few good mentors per request from
        # the learner's own time-zone band. Pricing adds whatever else the optimum needs.
        band = zone_bands(cohort)
        limits = PrunedLimits()
        m_parts, e_parts = zip(
            initial_pairs(by_zone(groups[0], band), limits.initial_k, limits.pool_share),
            initial_pairs(by_zone(groups[1], band), limits.two_way_k, limits.pool_share),
            strict=True,
        )
        m0, e0 = np.concatenate(m_parts), np.concatenate(e_parts)
        first = (m0 * cohort.n + e0)[cohort.eligible(m0, e0)]
        if offers.count:
            # The round without circles, solved by the fastest exact method: most of its
            # pairs stay, so with them as candidates few pricing rounds are left.
            plain = solve_exact(cohort).mentor_of
            e1 = np.flatnonzero(plain >= 0)
            first = np.concatenate([first, plain[e1] * cohort.n + e1])
        keys = sorted_unique(np.concatenate([first, keep]))
        score, _ = cohort.scores(keys // cohort.n, keys % cohort.n)
        stats["edges_priced"] += len(m0)
        return cls(cohort, offers, groups, scale, seat_cost, big, keep, keys, score, stats)

    def weights(self) -> np.ndarray:
        """Per candidate pair: score × scale, plus 1 if it is a pair to keep."""
        kept = np.isin(self.keys, self.keep, assume_unique=True)
        return self.score * self.scale + kept

    def prune(self, flow: np.ndarray, p: np.ndarray) -> None:
        """Drop candidates far from tight (reduced cost above one score point) that carry
        no flow and are not pairs to keep: they rarely matter in the next solve, and a
        smaller flow solves faster. Anything dropped is priced again before a node ends."""
        model = self.current_model()
        arcs = model.pair_arcs
        tail, head = model.tail[arcs], model.head[arcs]
        reduced = model.cost[arcs] + p[tail] - p[head]
        keep = (reduced <= self.scale) | (flow[arcs] > 0)
        keep |= np.isin(self.keys, self.keep, assume_unique=True)
        self.keys, self.score, self.model = self.keys[keep], self.score[keep], None

    def add(self, new: np.ndarray) -> None:
        """Candidates plus `new` (sorted, none of them candidates yet)."""
        new_score, _ = self.cohort.scores(new // self.cohort.n, new % self.cohort.n)
        self.keys, self.score = merge_sorted(self.keys, self.score, new, new_score)
        self.model = None

    def current_model(self) -> _Model:
        if self.model is None:
            self.model = self._build()
        return self.model

    def _build(self) -> _Model:
        """The circulation of the round (see the module note) on the candidate pairs."""
        cohort, offers = self.cohort, self.offers
        n, c = cohort.n, offers.count
        pm, pe = self.keys // n, self.keys % n
        mentees = np.flatnonzero(cohort.is_mentee)
        mentors = np.flatnonzero(cohort.mentor_cap > 0)
        source, sink = 2 * n + c, 2 * n + c + 1
        none = np.zeros(len(mentors), INT)
        blocks = [
            (np.full(len(mentors), source), mentors, cohort.mentor_cap[mentors], none),
            (pm, n + pe, np.ones(len(pm), INT), -self.weights()),
            (np.full(c, source), 2 * n + np.arange(c), offers.size, np.zeros(c, INT)),
            (2 * n + offers.seat_c, n + offers.seat_e, np.ones(len(offers.seat_c), INT),
             self.seat_cost - self.scale * offers.seat_score),
            (n + mentees, np.full(len(mentees), sink), np.ones(len(mentees), INT),
             np.full(len(mentees), -self.big)),
            (np.array([sink]), np.array([source]), np.array([len(mentees)]), np.zeros(1, INT)),
        ]  # fmt: skip
        starts = np.cumsum([0] + [len(b[0]) for b in blocks])
        tail, head, cap, cost = (
            np.concatenate([b[i] for b in blocks]).astype(INT) for i in range(4)
        )
        return _Model(
            n, c, tail, head, cap, cost,
            pair_arcs=slice(starts[1], starts[2]),
            circle_arcs=slice(starts[2], starts[3]),
            seat_arcs=slice(starts[3], starts[4]),
        )  # fmt: skip

    def violators(self, p: np.ndarray) -> np.ndarray:
        """Keys of eligible pairs outside the candidates whose arc would have a negative
        reduced cost under the potentials p: scale × score(m, e) > p(m) − p(e′) (every pair
        to keep is a candidate, so the pairs left out carry no keep bonus). None found means
        p are potentials of the whole round, every eligible pair included.

        Per group the score is at most mentor part + mentee part + the group's bonus (the
        time-zone penalty only lowers it), so the walk (`pruned.most_violating`, as the
        pruned set prices) lists only the pairs whose bound beats
        floor(a / scale) − ceil(b / scale) ≤ (p(m) − p(e′)) / scale, a superset of the
        violators; each is then scored exactly.
        """
        n = self.cohort.n
        model = self.current_model()
        a = p[:n] - p[model.source]  # mentor nodes
        b = p[n : 2 * n] - p[model.source]  # learner nodes
        m, e, _, _ = most_violating(
            self.cohort,
            self.groups,
            KeySet(self.keys),
            (a // self.scale, (-b) // self.scale, 0),
            lambda m, e, score: self.scale * score - a[m] + b[e],
            None,
            _ADD_PER_LEARNER,
            self.stats,
        )
        return np.sort(m * n + e)


# Most-violating pairs added per learner and pricing round (more: fewer rounds, larger flows).
_ADD_PER_LEARNER = 12
# Pricing rounds in which candidates far from tight are dropped; after them only added, so
# the loop cannot cycle.
_SPARSE_ROUNDS = 8


def _solve_flow(model: _Model, status: np.ndarray) -> tuple[int, np.ndarray, np.ndarray] | None:
    """(total weight, flow, potentials) of the relaxation on the candidate pairs with these
    circles closed or opened; None if infeasible. Raises if the solver's answer fails its
    check."""
    cap = model.cap.copy()
    circle_cap = cap[model.circle_arcs]
    circle_cap[status == CLOSED] = 0
    opened = status == OPEN
    circle_cap[opened] -= MIN_CIRCLE
    cap[model.circle_arcs] = circle_cap
    supply = np.zeros(model.nodes, dtype=INT)
    supply[model.source] = -MIN_CIRCLE * int(opened.sum())
    supply[2 * model.n + np.flatnonzero(opened)] = MIN_CIRCLE
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(model.tail, model.head, cap, model.cost)
    solver.set_nodes_supplies(np.arange(model.nodes), supply)
    result = solver.solve()
    if result == min_cost_flow.SimpleMinCostFlow.INFEASIBLE:
        return None
    if result != min_cost_flow.SimpleMinCostFlow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {result}")
    flow = solver.flows(np.arange(len(model.tail))).astype(INT)
    # The check, not trusting the solver: capacities, conservation, no negative cycle.
    net = np.bincount(model.tail, flow, model.nodes) - np.bincount(model.head, flow, model.nodes)
    if (flow < 0).any() or (flow > cap).any() or (net.astype(INT) != supply).any():
        raise RuntimeError("min-cost flow returned an infeasible flow")
    p = potentials(model.nodes, Flow(model.tail, model.head, cap, model.cost, flow))
    if p is None:
        raise RuntimeError("min-cost flow returned a flow that is not optimal")
    return -int((flow * model.cost).sum()), flow, p


def _solve_node(state: _Round, status: np.ndarray) -> tuple[int, np.ndarray, _Model] | None:
    """(total weight, flow, model) of a node's relaxation over *every* eligible pair.

    Solve on the candidates, then price the pairs left out with the flow's potentials; add
    any whose arc would close a negative cycle and solve again. When none does, the
    potentials hold on every eligible pair, so the flow is a min-cost circulation of the
    full network. Whether a node is feasible does not depend on the pairs (the seats are
    all listed and pairs have no lower bounds), so an infeasible node is infeasible in full.
    """
    while True:
        model = state.current_model()
        state.stats["flow_solves"] += 1
        solved = _solve_flow(model, status)
        if solved is None:
            return None
        value, flow, p = solved
        new = state.violators(p)
        if len(new) == 0:
            return value, flow, model
        state.stats["pricing_rounds"] += 1
        if state.stats["pricing_rounds"] <= _SPARSE_ROUNDS:
            state.prune(flow, p)
        state.add(new)


def _dive(
    state: _Round, offers: CircleOffers, status: np.ndarray, node: tuple[int, np.ndarray, _Model]
) -> tuple[int, np.ndarray, _Model] | None:
    """A first feasible round, quickly: close every circle of 1 or 2 and solve again, until
    none is left. Its value is a lower bound that lets the search skip every node whose
    relaxation is no better, and a round to fall back on if the search gives up."""
    while True:
        _, flow, model = node
        small = _small(offers, status, flow, model)
        if len(small) == 0:
            return node
        status = status.copy()
        status[small] = CLOSED
        solved = _solve_node(state, status)
        if solved is None:
            return None  # cannot happen: closing circles never makes a round infeasible
        node = solved


def _small(offers: CircleOffers, status: np.ndarray, flow: np.ndarray, model: _Model) -> np.ndarray:
    """Undecided circles with 1 or 2 learners in this flow."""
    seats = np.bincount(offers.seat_c, flow[model.seat_arcs], offers.count).astype(INT)
    return np.flatnonzero((seats > 0) & (seats < MIN_CIRCLE) & (status == 0))


def solve_with_circles(
    cohort: Cohort, offers: CircleOffers, keep: np.ndarray | None = None
) -> CircleSolution:
    """The optimal pairs and circles of the round (see the module note), proved.

    `keep` (keys m·n + e) are pairs to keep where the optimum allows: among the rounds
    best by every other level, the one with the most of them (see *Re-solve keeps the
    draft* in docs/matching.md).
    """
    c = offers.count
    stats: dict[str, float] = {
        "flow_solves": 0, "edges_priced": 0, "circle_nodes": 0, "pricing_rounds": 0,
    }  # fmt: skip
    none = np.zeros(0, dtype=INT)
    state = _Round.start(cohort, offers, none if keep is None else keep, stats)
    best: tuple[int, np.ndarray, _Model] | None = None
    counter = 0
    root = np.zeros(c, dtype=np.int8)
    # Best first by relaxation value; among equal values the deepest node first (fewest
    # circles left undecided), so a leaf as good as its bound ends the search early rather
    # than after every tied sibling has been opened.
    heap: list[tuple[int, int, int, np.ndarray, np.ndarray, _Model]] = []
    solved = _solve_node(state, root)
    if solved is not None:
        heap.append((-solved[0], 0, counter, root, solved[1], solved[2]))
        best = _dive(state, offers, root, solved)
    optimal = True
    while heap:
        neg_value, neg_depth, _, status, flow, model = heapq.heappop(heap)
        if best is not None and -neg_value <= best[0]:
            break  # best-first: nothing left can beat the best leaf
        if stats["circle_nodes"] >= MAX_NODES:
            optimal = False
            break
        stats["circle_nodes"] += 1
        small = _small(offers, status, flow, model)
        if len(small) == 0:
            best = (-neg_value, flow, model)  # every circle is empty or a real circle
            continue
        for choice in (CLOSED, OPEN):
            child = status.copy()
            child[small[0]] = choice
            node = _solve_node(state, child)
            if node is not None and (best is None or node[0] > best[0]):
                counter += 1
                entry = (-node[0], neg_depth - 1, counter, child, node[1], node[2])
                heapq.heappush(heap, entry)
    stats["candidates"] = len(state.keys)
    n = cohort.n
    mentor_of = np.full(n, -1, dtype=INT)
    circle_of = np.full(n, -1, dtype=INT)
    if best is not None:
        _, flow, model = best
        pm, pe = model.tail[model.pair_arcs], model.head[model.pair_arcs] - n
        used = flow[model.pair_arcs] > 0
        mentor_of[pe[used]] = pm[used]
        seated = flow[model.seat_arcs] > 0
        circle_of[offers.seat_e[seated]] = offers.seat_c[seated]
    return CircleSolution(mentor_of, circle_of, optimal and best is not None, stats)
