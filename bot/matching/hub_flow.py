"""Max flow at min cost on the hub network: compiled primal-dual, or OR-Tools without it.

The hub network (`network`) is solved once per round, and that solve is most of a hub
round's time. `_mcf.c` solves it by the primal-dual method (one Dijkstra search per
distinct shortest-path length, a few dozen here because costs are small) in 3–5 s at
50,000 people where OR-Tools' cost scaling takes 7–9 s; a build without a C compiler
uses OR-Tools. Either way the flow is a maximum flow of minimum cost; when several are
optimal the two may return different ones (same value, same cost). The compiled solver
first bypasses the network's pass-through hubs (a quarter of its nodes; see `_mcf.c`).
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from .arrays import contiguous_int64
from .cohort import INT

try:
    from ._mcf import distances as _distances
    from ._mcf import solve as _solve
except ImportError:  # built without a C compiler
    _solve = None  # type: ignore[assignment]
    _distances = None  # type: ignore[assignment]

AVAILABLE = _solve is not None


def max_flow_min_cost(
    nodes: int,
    tail: np.ndarray,
    head: np.ndarray,
    cap: np.ndarray,
    cost: np.ndarray,
    source: int,
    sink: int,
    *,
    compiled: bool | None = None,
) -> np.ndarray:
    """The flow on each arc of a maximum source→sink flow of minimum cost; `compiled`:
    which solver (None: the compiled one when it was built)."""
    if compiled is None:
        compiled = AVAILABLE
    tail, head, cap, cost = contiguous_int64(tail, head, cap, cost)
    flow = np.zeros(len(tail), dtype=np.int64)
    if len(flow) == 0:
        return flow.astype(INT)
    if compiled:
        if _solve is None:
            raise RuntimeError("mentorbot was installed without its compiled flow module")
        _solve(nodes, tail, head, cap, cost, source, sink, flow)
        return flow.astype(INT, copy=False)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(tail, head, cap, cost)
    # Supplies only bound the flow; `solve_max_flow_with_min_cost` finds the largest one.
    total = int(cap[tail == source].sum())
    solver.set_node_supply(source, total)
    solver.set_node_supply(sink, -total)
    status = solver.solve_max_flow_with_min_cost()
    if status != min_cost_flow.SimpleMinCostFlow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    flow[:] = solver.flows(np.arange(len(flow)))
    return flow.astype(INT, copy=False)


def residual_distances(
    nodes: int,
    tail: np.ndarray,
    head: np.ndarray,
    cap: np.ndarray,
    cost: np.ndarray,
    flow: np.ndarray,
    joined: tuple[int, int] | None = None,
) -> np.ndarray | None:
    """Compiled: shortest distances from a virtual root joined to every node at cost 0, over
    the residual arcs of `flow` on the arcs (tail, head, cap, cost), plus arcs both ways at
    cost 0 between the two `joined` nodes; None if they never settle (a negative cycle)."""
    if _distances is None:
        raise RuntimeError("mentorbot was installed without its compiled flow module")
    dist = np.zeros(nodes, dtype=np.int64)
    tail, head, cap, cost, flow = contiguous_int64(tail, head, cap, cost, flow)
    join, other = joined if joined is not None else (-1, -1)
    if not _distances(nodes, tail, head, cap, cost, flow, join, other, dist):
        return None
    return dist.astype(INT, copy=False)
