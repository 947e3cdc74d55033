"""The compiled min-cost flow bypasses pass-through nodes (`_mcf.c`, `bypass_pass`) and
keeps the maximum flow and its minimum cost: on random networks full of such nodes,
binding or not, and on the hub networks of rounds (a seventh of the nodes at 3,000 people,
a quarter at 50,000)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.matching import _mcf, hub_flow
from tests.matching.test_hub_flow import draw_layers, hub_arcs

pytestmark = pytest.mark.db_independent


@st.composite
def networks_with_pass_through_nodes(draw):
    """Layered networks (source 0, sink 1) whose arcs are often split in two by a new node,
    with capacities that may or may not limit it, and that new node sometimes given more
    arcs out: nodes fed by one arc, some of whose flow that arc bounds and some not, and
    chains of them."""
    layers, nodes = draw_layers(draw, 4, 3)
    arcs: list[tuple[int, int, int, int]] = []
    for depth, (here, there) in enumerate(itertools.pairwise(layers)):
        later = [y for layer in layers[depth + 1 :] for y in layer]
        for x, y in itertools.product(here, there):
            for _ in range(draw(st.integers(0, 2))):
                cap, cost = draw(st.integers(0, 4)), draw(st.integers(-9, 9))
                start = x
                for _ in range(draw(st.integers(0, 2))):  # split into a chain
                    middle, nodes = nodes, nodes + 1
                    arcs.append((start, middle, draw(st.integers(0, 6)), draw(st.integers(-5, 5))))
                    for z in draw(st.lists(st.sampled_from(later), max_size=2)):
                        arcs.append((middle, z, draw(st.integers(0, 3)), draw(st.integers(-5, 5))))
                    start = middle
                arcs.append((start, y, cap, cost))
    columns = [np.array(column, dtype=np.int64) for column in zip(*arcs, strict=True)]
    if not columns:
        columns = [np.zeros(0, dtype=np.int64) for _ in range(4)]
    return nodes, *columns


def _value(flow, tail, head, source) -> int:
    return int(flow[tail == source].sum() - flow[head == source].sum())


def _feasible(nodes, tail, head, cap, flow, source, sink) -> bool:
    balance = np.zeros(nodes, dtype=np.int64)
    np.add.at(balance, tail, -flow)
    np.add.at(balance, head, flow)
    balance[[source, sink]] = 0
    return bool(((flow >= 0) & (flow <= cap)).all() and not balance.any())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks_with_pass_through_nodes())
def test_bypassing_keeps_the_flow_value_and_its_cost(network) -> None:
    nodes, tail, head, cap, cost = network
    ours = hub_flow.max_flow_min_cost(nodes, tail, head, cap, cost, 0, 1)
    theirs = hub_flow.max_flow_min_cost(nodes, tail, head, cap, cost, 0, 1, compiled=False)
    assert _feasible(nodes, tail, head, cap, ours, 0, 1)
    assert _value(ours, tail, head, 0) == _value(theirs, tail, head, 0)
    assert int((ours * cost).sum()) == int((theirs * cost).sum())


def _solve(nodes, tail, head, cap, cost, source=0, sink=1):
    flow = np.zeros(len(tail), dtype=np.int64)
    as_int64 = (np.asarray(a, dtype=np.int64) for a in (tail, head, cap, cost))
    _phases, bypassed = _mcf.solve(nodes, *as_int64, source, sink, flow)
    return flow, bypassed


def test_only_nodes_their_feeding_arc_never_limits_are_bypassed() -> None:
    # 0 → 2 (room 5) → 3 (room 1) → 1 twice: node 3 is fed once, by an arc that holds the
    # flow to 1 while node 2 could pass 2 (and node 2 is fed by the source): both kept.
    tail, head, cost = [0, 2, 3, 3], [2, 3, 1, 1], [0, 0, 0, 0]
    flow, bypassed = _solve(4, tail, head, [5, 1, 1, 1], cost)
    assert bypassed == 0
    assert flow.tolist() == [1, 1, 1, 0] or flow.tolist() == [1, 1, 0, 1]
    # Room 5 into node 3: it goes, its arcs start at node 2, and the arc into it carries
    # what they carry.
    flow, bypassed = _solve(4, tail, head, [5, 5, 1, 1], cost)
    assert bypassed == 1
    assert flow.tolist() == [2, 2, 1, 1]
    # A chain 0 → 2 → 3 → 4 → 1, all roomy: nodes 3 and 4 cannot both go in one pass;
    # the rest go in the mirror pass, the flow is the same.
    flow, bypassed = _solve(5, [0, 2, 3, 4], [2, 3, 4, 1], [3, 3, 3, 3], [1, 2, 3, 4])
    assert bypassed >= 2
    assert flow.tolist() == [3, 3, 3, 3]


@pytest.mark.parametrize("family", ["scarce", "inactive", "kept_aside"])
def test_hub_networks_lose_a_tenth_of_their_nodes_or_more_and_keep_their_optimum(family) -> None:
    nodes, tail, head, cap, cost, source, sink = hub_arcs(family, 3000, seed=7)
    flow, bypassed = _solve(nodes, tail, head, cap, cost, source, sink)
    assert bypassed > 0.1 * nodes
    theirs = hub_flow.max_flow_min_cost(nodes, tail, head, cap, cost, source, sink, compiled=False)
    assert _feasible(nodes, tail, head, cap, flow, source, sink)
    assert _value(flow, tail, head, source) == _value(theirs, tail, head, source)
    assert int((flow * cost).sum()) == int((theirs * cost).sum())
