"""The compiled min-cost flow (`hub_flow`, `_mcf.c`) finds the same maximum flow value and
minimum cost as OR-Tools: on random networks, on hub networks of real rounds, and through
the whole engine; it refuses what it cannot solve."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.cohorts import make
from bot.matching import SolverLimits, hub_flow, match_round
from bot.matching.candidates import build_groups
from bot.matching.cohort import Cohort
from bot.matching.exact import _cardinality_weight
from bot.matching.network import HUBS, Zones, build_network

pytestmark = pytest.mark.db_independent


def test_the_compiled_module_is_built() -> None:
    # A build without it still solves hub rounds (by OR-Tools), but slower.
    assert hub_flow.AVAILABLE


def _both(nodes, tail, head, cap, cost, source, sink) -> None:
    """Same flow value and cost from both solvers, and a feasible flow from ours."""
    ours = hub_flow.max_flow_min_cost(nodes, tail, head, cap, cost, source, sink)
    theirs = hub_flow.max_flow_min_cost(nodes, tail, head, cap, cost, source, sink, compiled=False)
    assert ((ours >= 0) & (ours <= cap)).all()
    balance = np.zeros(nodes, dtype=np.int64)
    np.add.at(balance, tail, -ours)
    np.add.at(balance, head, ours)
    inner = np.ones(nodes, dtype=bool)
    inner[[source, sink]] = False
    assert not balance[inner].any()
    assert balance[sink] == -balance[source]

    def value(flow):
        return int(flow[tail == source].sum() - flow[head == source].sum())

    assert value(ours) == value(theirs)
    assert int((ours * cost).sum()) == int((theirs * cost).sum())


def draw_layers(draw, max_width: int, max_layers: int) -> tuple[list[list[int]], int]:
    """The source (node 0), 1 to `max_layers` layers of new nodes, the sink (node 1); and
    how many nodes that makes."""
    widths = draw(st.lists(st.integers(1, max_width), min_size=1, max_size=max_layers))
    layers, next_node = [], 2
    for width in widths:
        layers.append(list(range(next_node, next_node + width)))
        next_node += width
    return [[0], *layers, [1]], next_node


@st.composite
def layered_networks(draw):
    """Source → layers → sink, arcs only forwards (no negative cycle), costs of either sign,
    parallel arcs and unreachable nodes allowed: the shapes the hub network has."""
    layers, next_node = draw_layers(draw, 5, 4)
    tail, head = [], []
    for here, there in itertools.pairwise(layers):
        for x in here:
            for y in there:
                for _ in range(draw(st.integers(0, 2))):
                    tail.append(x)
                    head.append(y)
    arcs = len(tail)
    cap = draw(st.lists(st.integers(0, 4), min_size=arcs, max_size=arcs))
    cost = draw(st.lists(st.integers(-9, 9), min_size=arcs, max_size=arcs))
    as_array = lambda values: np.array(values, dtype=np.int64)  # noqa: E731
    return next_node, as_array(tail), as_array(head), as_array(cap), as_array(cost)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layered_networks())
def test_random_layered_networks_match_or_tools(network) -> None:
    nodes, tail, head, cap, cost = network
    _both(nodes, tail, head, cap, cost, 0, 1)


def _hub_network(family: str, size: int, seed: int):
    case = make(family, size, seed)
    cohort = Cohort.build(case.people, case.history, case.blocks, case.settings)
    groups = build_groups(cohort)
    zones = Zones.build(cohort)
    wiring = np.full(cohort.n, HUBS, dtype=np.int8)
    net, _listed = build_network(cohort, groups, zones, wiring, _cardinality_weight(cohort))
    return cohort, net


def hub_arcs(family: str, size: int, seed: int):
    """(nodes, tail, head, cap, cost, source, sink) of a round's hub network, every
    mentee wired through the hubs."""
    cohort, net = _hub_network(family, size, seed)
    tail = np.concatenate([b.tail for b in net.blocks()])
    head = np.concatenate([b.head for b in net.blocks()])
    cost = np.concatenate([b.cost for b in net.blocks()])
    cap = np.full(len(tail), 10**6, dtype=np.int64)
    cap[: len(net.source_arcs.tail)] = net.mentor_cap[net.source_arcs.head]
    cap[-len(net.sink_arcs.tail) :] = 1
    return net.nodes, tail, head, cap, cost, 2 * cohort.n, 2 * cohort.n + 1


@pytest.mark.parametrize("family", ["scarce", "kept_aside", "tz_global", "reciprocal"])
def test_hub_networks_of_real_rounds_match_or_tools(family) -> None:
    _both(*hub_arcs(family, 3000, seed=7))


@pytest.mark.parametrize("family", ["scarce", "inactive", "kept_aside"])
def test_hub_rounds_are_proved_with_the_value_of_or_tools(family, monkeypatch) -> None:
    case = make(family, 2000, seed=11)

    def solve():
        return match_round(
            case.people, history=case.history, blocks=case.blocks, settings=case.settings,
            limits=SolverLimits(method="hub"),
        )  # fmt: skip

    ours = solve()
    monkeypatch.setattr(hub_flow, "AVAILABLE", False)
    theirs = solve()
    assert ours.optimal and theirs.optimal
    for result in (ours, theirs):
        assert result.stats["method_pruned"] == 0
    assert len(ours.pairs) == len(theirs.pairs)
    assert sum(p.score for p in ours.pairs) == sum(p.score for p in theirs.pairs)


def test_what_it_cannot_solve_is_refused() -> None:
    from bot.matching import _mcf

    one = np.ones(1, dtype=np.int64)
    zero = np.zeros(1, dtype=np.int64)
    flow = np.zeros(1, dtype=np.int64)
    with pytest.raises(ValueError, match="not a node"):
        _mcf.solve(2, zero, one * 5, one, zero, 0, 1, flow)
    with pytest.raises(ValueError, match="negative capacity"):
        _mcf.solve(2, zero, one, -one, zero, 0, 1, flow)
    with pytest.raises(ValueError, match="wrong type or length"):
        _mcf.solve(2, zero, one, one, zero, 0, 1, np.zeros(2, dtype=np.int64))
    with pytest.raises(ValueError, match="source or sink"):
        _mcf.solve(2, zero, one, one, zero, 0, 0, flow)
    # A cycle of negative cost the source can reach: 0 → 2 → 3 → 2.
    tail, head = np.array([0, 2, 3, 2], np.int64), np.array([2, 3, 2, 1], np.int64)
    cap, cost = np.ones(4, np.int64), np.array([0, -5, 1, 0], np.int64)
    with pytest.raises(ValueError, match="negative cost"):
        _mcf.solve(4, tail, head, cap, cost, 0, 1, np.zeros(4, np.int64))
    # One whose search for potentials has every node waiting at once (the source's arcs
    # reach both others, then node 1's arcs requeue the source and node 1 itself): a queue
    # of n places then looked empty and the cycle went unnoticed.
    tail, head = np.array([0, 0, 1, 1], np.int64), np.array([1, 2, 0, 1], np.int64)
    cost = np.array([0, 0, -1, -1], np.int64)
    with pytest.raises(ValueError, match="negative cost"):
        _mcf.solve(3, tail, head, cap, cost, 0, 2, np.zeros(4, np.int64))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 9),
    st.lists(
        st.tuples(
            st.integers(0, 8),
            st.integers(0, 8),
            st.integers(0, 3),
            st.integers(-6, 9),
            st.integers(0, 3),
        ),
        max_size=30,
    ),
    st.none() | st.tuples(st.integers(0, 8), st.integers(0, 8)),
)
def test_compiled_potentials_match_the_vectorised_ones(nodes, arcs, joined) -> None:
    # The potentials that prove a hub round: shortest distances over a flow's residual arcs
    # (room forwards, flow backwards) from a root joined to every node at cost 0, with two
    # nodes joined both ways. Both forms give the same ones, or both find a negative cycle
    # (self-loops, parallel arcs, full and empty arcs included).
    from bot.matching import duals
    from bot.matching.network import Flow

    tail = np.array([t % nodes for t, *_ in arcs], dtype=np.int64)
    head = np.array([h % nodes for _, h, *_ in arcs], dtype=np.int64)
    cap = np.array([c for _, _, c, _, _ in arcs], dtype=np.int64)
    cost = np.array([c for *_, c, _ in arcs], dtype=np.int64)
    flow = np.minimum([f for *_, f in arcs], cap).astype(np.int64)
    if joined is not None:
        joined = (joined[0] % nodes, joined[1] % nodes)
    network_flow = Flow(tail, head, cap, cost, flow)
    ours = duals.potentials(nodes, network_flow, joined)
    theirs = duals.vectorised_potentials(nodes, network_flow, joined)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert np.array_equal(ours, theirs) and (ours <= 0).all()
        room, used = flow < cap, flow > 0
        assert (ours[tail[room]] + cost[room] >= ours[head[room]]).all()
        assert (ours[head[used]] - cost[used] >= ours[tail[used]]).all()
        if joined is not None:
            assert ours[joined[0]] == ours[joined[1]]


def test_distances_refuse_arcs_outside_the_network() -> None:
    from bot.matching import _mcf

    one, dist = np.ones(1, dtype=np.int64), np.zeros(2, dtype=np.int64)
    with pytest.raises(ValueError, match="not a node"):
        _mcf.distances(2, one, one * 2, one, one, one - 1, -1, -1, dist)
    with pytest.raises(ValueError, match="wrong type or length"):
        _mcf.distances(3, one, one, one, one, one - 1, -1, -1, dist)
    with pytest.raises(ValueError, match="joined nodes"):
        _mcf.distances(2, one - 1, one, one, one, one - 1, 0, 2, dist)
    # one arc 0 -> 1 of cost -1 with room: node 1 is one below the root
    assert _mcf.distances(2, one - 1, one, one, -one, one - 1, -1, -1, dist)
    assert dist.tolist() == [0, -1]
    # of cost +1 and full, it runs backwards at cost -1 instead
    assert _mcf.distances(2, one - 1, one, one, one, one, -1, -1, dist)
    assert dist.tolist() == [-1, 0]
    # joined both ways at cost 0, the arc of cost -1 closes a negative cycle
    assert not _mcf.distances(2, one - 1, one, one, -one, one - 1, 0, 1, dist)
