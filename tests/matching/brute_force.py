"""Exhaustive reference solver for tiny cohorts: tries every assignment of mentees.

Written straight from the rules in docs/matching.md, sharing nothing with the engine but
`score_pair` (whose formula has its own unit tests).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.matching import MatchSettings, Participant, PastPair, score_pair, tz_gap

DEFAULT_SETTINGS = MatchSettings()


def eligible(
    mentor: Participant,
    mentee: Participant,
    history: Sequence[PastPair],
    blocks: Sequence[tuple[str, str]],
    settings: MatchSettings,
) -> bool:
    if mentor.id == mentee.id or mentor.paused or mentee.paused or mentor.capacity <= 0:
        return False
    if not any(s in mentor.offers for s in mentee.requests):
        return False
    both = {mentor.id, mentee.id}
    if any({h.a, h.b} == both and h.weeks_ago < settings.cooldown_weeks for h in history):
        return False
    if any(set(b) == both for b in blocks):
        return False
    if settings.max_tz_gap_hours is not None:
        d = abs(mentor.tz_offset_hours - mentee.tz_offset_hours) % 24
        if min(d, 24 - d) > settings.max_tz_gap_hours:
            return False
    return True


def best_value(
    people: Sequence[Participant],
    history: Sequence[PastPair] = (),
    blocks: Sequence[tuple[str, str]] = (),
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> tuple[int, int]:
    """(mentees served, total score) of the lexicographically best matching."""
    options = []
    for mentee in people:
        choices = []
        for mentor in people:
            if eligible(mentor, mentee, history, blocks, settings):
                scored = score_pair(mentor, mentee, settings)
                assert scored is not None
                choices.append((mentor.id, scored[0]))
        if choices:
            options.append(choices)
    remaining = {p.id: p.capacity for p in people}

    def search(i: int) -> tuple[int, int]:
        if i == len(options):
            return (0, 0)
        best = search(i + 1)  # this mentee stays unserved
        for mentor_id, score in options[i]:
            if remaining[mentor_id] > 0:
                remaining[mentor_id] -= 1
                served, total = search(i + 1)
                remaining[mentor_id] += 1
                best = max(best, (served + 1, total + score))
        return best

    return search(0)


def full_graph_optimum(
    people: Sequence[Participant],
    history: Sequence[PastPair] = (),
    blocks: Sequence[tuple[str, str]] = (),
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> tuple[int, int]:
    """(mentees served, total score) by a min-cost flow over *every* eligible pair.

    The reference at sizes brute force cannot reach: pairs are listed from the rules
    (people indexed by skill, exclusions as sets), scored by `score_pair`, and solved by
    OR-Tools on the plain bipartite network — nothing shared with the engine's hubs.
    """
    from ortools.graph.python import min_cost_flow

    recent = {frozenset((h.a, h.b)) for h in history if h.weeks_ago < settings.cooldown_weeks}
    blocked = {frozenset(b) for b in blocks}
    offerers: dict[str, list[Participant]] = {}
    for m in people:
        if not m.paused and m.capacity > 0:
            for s in m.offers:
                offerers.setdefault(s, []).append(m)
    index = {p.id: i for i, p in enumerate(people)}
    n = len(people)
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 2 * n, 2 * n + 1
    for p in people:
        flow.add_arc_with_capacity_and_unit_cost(source, index[p.id], max(p.capacity, 0), 0)
        flow.add_arc_with_capacity_and_unit_cost(n + index[p.id], sink, 1, 0)
    limit = settings.max_tz_gap_hours
    for e in people:
        if e.paused:
            continue
        mentors = {m.id: m for s in e.requests for m in offerers.get(s, ())}
        for m in mentors.values():
            pair = frozenset((m.id, e.id))
            if m.id == e.id or pair in recent or pair in blocked:
                continue
            if limit is not None and tz_gap(m.tz_offset_hours, e.tz_offset_hours) > limit:
                continue
            scored = score_pair(m, e, settings)
            assert scored is not None
            flow.add_arc_with_capacity_and_unit_cost(index[m.id], n + index[e.id], 1, -scored[0])
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    flow.solve_max_flow_with_min_cost()
    return flow.maximum_flow(), -flow.optimal_cost()
