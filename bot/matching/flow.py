"""Max-cardinality, then max-score b-matching on a candidate set, by min-cost flow.

Network: source → mentor (capacity = remaining mentees, cost 0) → mentee (capacity 1,
cost −score) → sink (capacity 1, cost 0). OR-Tools' `solve_max_flow_with_min_cost` first
maximises the flow (mentees served), then minimises cost among maximum flows (maximises
total score): exactly our lexicographic objective, with small integer costs.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from .cohort import INT


def solve_matching(
    n: int, mentor_cap: np.ndarray, cand_m: np.ndarray, cand_e: np.ndarray, score: np.ndarray
) -> np.ndarray:
    """mentor_of[e] = index of e's mentor, or −1; people are nodes 0..n−1 in both roles."""
    mentor_of = np.full(n, -1, dtype=INT)
    if len(cand_m) == 0:
        return mentor_of
    mentors = np.flatnonzero(np.bincount(cand_m, minlength=n))
    mentees = np.flatnonzero(np.bincount(cand_e, minlength=n))
    source, sink = 2 * n, 2 * n + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(len(mentors), source), mentors, mentor_cap[mentors], np.zeros(len(mentors), INT)
    )
    first_pair_arc = len(mentors)
    flow.add_arcs_with_capacity_and_unit_cost(
        cand_m, cand_e + n, np.ones(len(cand_m), INT), -score.astype(INT)
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        mentees + n,
        np.full(len(mentees), sink),
        np.ones(len(mentees), INT),
        np.zeros(len(mentees), INT),
    )
    flow.set_node_supply(source, len(mentees))
    flow.set_node_supply(sink, -len(mentees))
    status = flow.solve_max_flow_with_min_cost()
    if status != min_cost_flow.SimpleMinCostFlow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    arcs = np.arange(first_pair_arc, first_pair_arc + len(cand_m))
    used = flow.flows(arcs) > 0
    mentor_of[cand_e[used]] = cand_m[used]
    return mentor_of
