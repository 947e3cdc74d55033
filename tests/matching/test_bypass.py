"""Bypassing pass-through nodes (`bypass`) keeps the maximum flow and its minimum cost:
on random networks full of such nodes, binding or not, and on the hub networks of rounds."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.matching import hub_flow
from bot.matching.bypass import Bypassed, Network
from tests.matching.test_hub_flow import _hub_network

pytestmark = pytest.mark.db_independent


@st.composite
def networks_with_pass_through_nodes(draw):
    """Layered networks (source 0, sink 1) whose arcs are often split in two by a new node,
    with capacities that may or may not limit it, and that new node sometimes given more
    arcs out: nodes fed by one arc, some of whose flow that arc bounds and some not."""
    widths = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    layers, nodes = [], 2
    for width in widths:
        layers.append(list(range(nodes, nodes + width)))
        nodes += width
    layers = [[0], *layers, [1]]
    arcs: list[tuple[int, int, int, int]] = []
    for depth, (here, there) in enumerate(itertools.pairwise(layers)):
        later = [y for layer in layers[depth + 1 :] for y in layer]
        for x, y in itertools.product(here, there):
            for _ in range(draw(st.integers(0, 2))):
                cap, cost = draw(st.integers(0, 4)), draw(st.integers(-9, 9))
                if not draw(st.booleans()):
                    arcs.append((x, y, cap, cost))
                    continue
                middle, nodes = nodes, nodes + 1
                arcs.append((x, middle, cap, draw(st.integers(-5, 5))))
                arcs.append((middle, y, draw(st.integers(0, 6)), cost))
                for z in draw(st.lists(st.sampled_from(later), max_size=2)):
                    arcs.append((middle, z, draw(st.integers(0, 3)), draw(st.integers(-5, 5))))
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
@given(networks_with_pass_through_nodes(), st.booleans())
def test_bypassing_keeps_the_flow_value_and_its_cost(network, compiled) -> None:
    nodes, tail, head, cap, cost = network
    reference = hub_flow.max_flow_min_cost(
        nodes, tail, head, cap, cost, 0, 1, compiled=False, bypass=False
    )
    flow = hub_flow.max_flow_min_cost(nodes, tail, head, cap, cost, 0, 1, compiled=compiled)
    assert _feasible(nodes, tail, head, cap, flow, 0, 1)
    assert _value(flow, tail, head, 0) == _value(reference, tail, head, 0)
    assert int((flow * cost).sum()) == int((reference * cost).sum())


def test_a_node_whose_feeding_arc_limits_it_is_kept() -> None:
    # 0 → 2 (room 1) → 3 → 1 twice: node 3 is fed once, but by an arc that holds the flow
    # to 1 while node 2 could take 2; node 2 has room 5 into it and is fed by the source.
    tail = np.array([0, 2, 3, 3], dtype=np.int64)
    head = np.array([2, 3, 1, 1], dtype=np.int64)
    cap = np.array([5, 1, 1, 1], dtype=np.int64)
    cost = np.zeros(4, dtype=np.int64)
    short = Bypassed.of(Network(4, tail, head, cap, cost, 0, 1))
    assert short.network.nodes == 4  # node 2 is fed by the source, node 3 by a limit
    # Raise the limit and node 3 goes: its arcs start at node 2.
    cap[1] = 5
    short = Bypassed.of(Network(4, tail, head, cap, cost, 0, 1))
    assert short.network.nodes == 3
    assert _value(short.flows(np.array([1, 1, 0])), tail, head, 0) == 1


@pytest.mark.parametrize("family", ["scarce", "inactive", "kept_aside"])
def test_hub_networks_lose_a_third_of_their_nodes_and_keep_their_optimum(family) -> None:
    cohort, net = _hub_network(family, 3000, seed=7)
    tail = np.concatenate([b.tail for b in net.blocks()])
    head = np.concatenate([b.head for b in net.blocks()])
    cost = np.concatenate([b.cost for b in net.blocks()])
    cap = np.full(len(tail), 10**6, dtype=np.int64)
    cap[: len(net.source_arcs.tail)] = net.mentor_cap[net.source_arcs.head]
    cap[-len(net.sink_arcs.tail) :] = 1
    source, sink = 2 * cohort.n, 2 * cohort.n + 1
    short = Bypassed.of(Network(net.nodes, tail, head, cap, cost, source, sink))
    assert short.network.nodes < 0.7 * net.nodes
    flow = hub_flow.max_flow_min_cost(net.nodes, tail, head, cap, cost, source, sink)
    plain = hub_flow.max_flow_min_cost(net.nodes, tail, head, cap, cost, source, sink, bypass=False)
    assert _feasible(net.nodes, tail, head, cap, flow, source, sink)
    assert _value(flow, tail, head, source) == _value(plain, tail, head, source)
    assert int((flow * cost).sum()) == int((plain * cost).sum())
