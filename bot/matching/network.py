"""The compact flow network of a round: pairs meet in per-(group, time zone) hubs.

Listing every eligible pair is out of the question at scale (hundreds of millions at
50,000 people), but the score separates: inside a *group* (one skill, or one two-way
group, see `candidates`) a pair's score is the mentor's part (level_weight × level), plus
the mentee's part (capped weeks waiting), plus the group's constant bonus, minus a penalty
that depends only on the two time zones. So a pair (m, e) of group g is the path

    mentor m → hub(g, zone of m) → hub′(g, zone of e) → mentee e
      cost −mentor part   cost penalty − bonus    cost −mentee part

and the network has one arc per offer or request entry plus one per pair of zones present
in a group, instead of one per pair. A pair of several groups has several paths; the best
is exactly its score (max over common skills, +bonus when two-way, −penalty), and no path
is better, so a min-cost flow on this network solves the round *if exclusions are
ignored*. The time-zone limit is exact here (hub′ arcs beyond it are left out); cooldowns,
blocks and "not yourself" are not.

Exclusions are repaired separately: the flow is cut into pairs so that no excluded pair
is made (`decompose`: swaps inside a hub′ or a mentor hub, or a same-level mentor with
room; exclusions are few per person, so in large hubs this almost always works). A mentee
the cut cannot place is wired on its own for the next solve (OWN_HUBS: a private hub′ fed
by the large mentor hubs, plus one arc per eligible mentor of the small hubs and of the
hubs that failed it); mentees with an excluded partner in a small hub start that way. A
cut with no excluded pair is optimal for the relaxation, hence for the round; the proof is
then checked from scratch (`duals`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .arrays import runs, search, slices, sorted_unique
from .candidates import Groups
from .cohort import INT, Cohort
from .hub_flow import max_flow_min_cost


@dataclass(frozen=True, slots=True)
class Zones:
    """Distinct UTC offsets of a cohort, the penalty and the limit between each two."""

    of: np.ndarray  # per person: zone id
    penalty: np.ndarray  # (Z, Z) score lost by a pair across the two zones
    allowed: np.ndarray  # (Z, Z) bool: within max_tz_gap_hours (all True without a limit)

    @classmethod
    def build(cls, cohort: Cohort) -> Zones:
        s = cohort.settings
        offsets, of = np.unique(cohort.tz, return_inverse=True)
        d = np.abs(offsets[:, None] - offsets[None, :]) % 24
        gap = np.minimum(d, 24 - d)  # the same formula as `scoring.tz_gap`
        penalty = np.where(gap > s.tz_penalty_threshold_hours, s.tz_penalty, 0).astype(INT)
        allowed = np.ones_like(gap, dtype=bool)
        if s.max_tz_gap_hours is not None:
            allowed = gap <= s.max_tz_gap_hours
        return cls(of.astype(INT), penalty, allowed)

    @property
    def count(self) -> int:
        return len(self.penalty)


def merged_zones(g: Groups, zones: Zones) -> tuple[np.ndarray, np.ndarray]:
    """Per mentor and mentee entry of `g`, the zone its hub stands for.

    Inside one group, two mentor zones with the same penalty and limit towards every
    mentee zone present in the group are interchangeable, and so are two such mentee
    zones: they share one hub, named after the smallest zone of the class. Fewer hubs
    and far fewer hub′ arcs, the same paths and costs.
    """
    z = zones.count
    code = np.where(zones.allowed, 1 + (zones.penalty > 0), 0).astype(np.int8)
    m_zone, e_zone = zones.of[g.m_person], zones.of[g.e_person]
    if len(m_zone) == 0 or len(e_zone) == 0:
        return m_zone, e_zone
    groups = int(max(g.m_group.max(), g.e_group.max())) + 1
    m_present = np.zeros((groups, z), dtype=bool)
    m_present[g.m_group, m_zone] = True
    e_present = np.zeros((groups, z), dtype=bool)
    e_present[g.e_group, e_zone] = True

    def merge(
        group: np.ndarray, zone: np.ndarray, rows: Callable[[np.ndarray, np.ndarray], np.ndarray]
    ) -> np.ndarray:
        hubs = sorted_unique(group * z + zone)
        h_group, h_zone = hubs // z, hubs % z
        cls = _row_classes(h_group, rows(h_group, h_zone))
        rep = np.full(int(cls.max()) + 1, z, dtype=INT)
        np.minimum.at(rep, cls, h_zone)
        merged: np.ndarray = rep[cls[np.searchsorted(hubs, group * z + zone)]]
        return merged

    # Absent zones read 3 so that they never make two present ones differ.
    m_eff = merge(g.m_group, m_zone,
                  lambda hg, hz: np.where(e_present[hg], code[hz], 3))  # fmt: skip
    e_eff = merge(g.e_group, e_zone,
                  lambda hg, hz: np.where(m_present[hg], code[:, hz].T, 3))  # fmt: skip
    return m_eff, e_eff


def _row_classes(group: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """A class id per row: rows with the same group and the same codes (each 0..3) share
    one. Codes are packed 31 to an integer, so rows compare as a few integers each
    (exact, and much faster than a row-wise unique)."""
    keys = [group]
    for lo in range(0, codes.shape[1], 31):
        chunk = codes[:, lo : lo + 31].astype(INT)
        keys.append(chunk @ (4 ** np.arange(chunk.shape[1], dtype=INT)))
    order = np.lexsort(keys[::-1])
    new = np.zeros(len(group), dtype=bool)
    new[0:1] = True
    for key in keys:
        ordered = key[order]
        new[1:] |= ordered[1:] != ordered[:-1]
    cls = np.empty(len(group), dtype=INT)
    cls[order] = np.cumsum(new) - 1
    return cls


def zone_pairs(
    m_key: np.ndarray, e_key: np.ndarray, zones: Zones
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (mentor hub, mentee hub) of one group within the time-zone limit.

    Hub keys are group × Z + zone and sorted unique. Returns positions into `m_key` and
    `e_key` and the penalty between the two zones.
    """
    z = zones.count
    m_group, e_group = m_key // z, e_key // z
    lo = np.searchsorted(m_group, e_group, side="left")
    hi = np.searchsorted(m_group, e_group, side="right")
    e_pos, m_pos = runs(lo, hi - lo)
    zm, ze = m_key[m_pos] % z, e_key[e_pos] % z
    keep = zones.allowed[zm, ze]
    return m_pos[keep], e_pos[keep], zones.penalty[zm[keep], ze[keep]]


@dataclass(slots=True)
class _Arcs:
    """Arcs of one role, added to the solver in one block."""

    tail: np.ndarray
    head: np.ndarray
    cost: np.ndarray
    first: int = 0  # index of the block's first arc in the solver


@dataclass(slots=True)
class Network:
    """The network of one solve, with what is needed to read its flow back."""

    n: int
    big: int
    source_arcs: _Arcs
    sink_arcs: _Arcs
    entry_arcs: list[_Arcs]  # mentor → hub, one block per group kind
    hub_arcs: list[_Arcs]  # hub → hub′
    leave_arcs: list[_Arcs]  # hub′ → mentee
    explicit_arcs: _Arcs  # mentor → mentee, for explicit mentees
    mentor_cap: np.ndarray
    nodes: int
    hub_first: list[int]  # node id of each kind's first mentor hub
    hub_keys: list[np.ndarray]  # each kind's mentor hub keys (group × Z + zone), sorted

    def blocks(self) -> list[_Arcs]:
        return [
            self.source_arcs,
            *self.entry_arcs,
            *self.hub_arcs,
            *self.leave_arcs,
            self.explicit_arcs,
            self.sink_arcs,
        ]

    @property
    def arc_count(self) -> int:
        return sum(len(b.tail) for b in self.blocks())


def _empty() -> _Arcs:
    z = np.zeros(0, dtype=INT)
    return _Arcs(z, z, z)


# Mentor hubs up to this size are listed pair by pair for mentees with their own arcs.
SMALL_HUB = 12
# (entry, excluded partner) rows `exposed_mentees` looks up at a time: with heavy history
# there are 3.9 M of them at 50,000 people, and whole-size temporaries made the lookup
# grow 7× for 4× the rows (0.85 s); slices of this size stay in the cache (0.31 s).
_EXPOSED_ROWS = 1 << 16
HUBS, OWN_HUBS, ALL_PAIRS = 0, 1, 2  # how a mentee is wired into the network
KEYS = 2**40  # packs (mentee, mentor hub key) into one integer


def build_network(
    cohort: Cohort,
    groups: tuple[Groups, ...],
    zones: Zones,
    wiring: np.ndarray,
    big: int,
    listed: tuple[np.ndarray, ...] = (),
) -> tuple[Network, int]:
    """The hub network for this solve, and how many explicit pairs it lists.

    `wiring` per mentee: HUBS (shared hub′ of its group and zone); OWN_HUBS (a hub′ of its
    own per group entry, fed only by mentor hubs larger than SMALL_HUB, plus one arc per
    eligible mentor of the smaller hubs and of the hubs `listed` for it: per group kind,
    sorted keys mentee × KEYS + hub key); ALL_PAIRS (one arc per eligible mentor).
    Node ids: mentors 0..n−1, mentees n..2n−1, source 2n, sink 2n+1, then the hubs.
    """
    n, z = cohort.n, zones.count
    next_node = 2 * n + 2
    entry, hub, leave = [], [], []
    own_m, own_e = [], []
    hub_first, hub_keys = [], []
    for kind, g in enumerate(groups):
        shared = wiring[g.e_person] == HUBS
        own = wiring[g.e_person] == OWN_HUBS
        m_zone, e_zone = merged_zones(g, zones)
        m_key = g.m_group * z + m_zone
        m_hubs = sorted_unique(m_key)
        e_key = g.e_group * z + e_zone
        e_hubs = sorted_unique(e_key[shared])
        hm, he, penalty = zone_pairs(m_hubs, e_hubs, zones)
        # Own hubs: one per entry of an OWN_HUBS mentee, fed by the large mentor hubs.
        om, oe, o_penalty = zone_pairs(m_hubs, e_key[own], zones)
        m_sorted = np.argsort(m_key, kind="stable")
        m_lo = np.searchsorted(m_key[m_sorted], m_hubs, side="left")
        m_size = np.searchsorted(m_key[m_sorted], m_hubs, side="right") - m_lo
        large = m_size[om] > SMALL_HUB
        if kind < len(listed) and len(listed[kind]):
            large &= ~np.isin(g.e_person[own][oe] * KEYS + m_hubs[om], listed[kind])
        small_m, small_e = om[~large], oe[~large]
        om, oe, o_penalty = om[large], oe[large], o_penalty[large]
        # Pairs with the mentors of small hubs are listed one by one.
        rows, at = runs(m_lo[small_m], m_size[small_m])
        own_m.append(g.m_person[m_sorted[at]])
        own_e.append(g.e_person[own][small_e[rows]])
        # Only hubs with a hub′ arc matter; entries elsewhere could never carry flow.
        m_used = np.zeros(len(m_hubs), dtype=bool)
        m_used[hm] = True
        m_used[om] = True
        e_used = np.zeros(len(e_hubs), dtype=bool)
        e_used[he] = True
        m_node = next_node + np.arange(len(m_hubs))
        hub_first.append(next_node)
        hub_keys.append(m_hubs)
        e_node = next_node + len(m_hubs) + np.arange(len(e_hubs))
        next_node += len(m_hubs) + len(e_hubs)
        own_people, own_term = g.e_person[own], g.e_term[own]
        o_node = next_node + np.arange(len(own_people))
        next_node += len(own_people)
        pos = np.searchsorted(m_hubs, m_key)
        ok = m_used[pos]
        entry.append(_Arcs(g.m_person[ok], m_node[pos[ok]], -g.m_term[ok]))
        hub.append(
            _Arcs(
                np.concatenate([m_node[hm], m_node[om]]),
                np.concatenate([e_node[he], o_node[oe]]),
                np.concatenate([penalty, o_penalty]) - g.bonus,
            )
        )
        pos = np.searchsorted(e_hubs, e_key[shared])
        ok = e_used[pos]
        o_ok = np.zeros(len(own_people), dtype=bool)
        o_ok[oe] = True
        leave.append(
            _Arcs(
                np.concatenate([e_node[pos[ok]], o_node[o_ok]]),
                n + np.concatenate([g.e_person[shared][ok], own_people[o_ok]]),
                -np.concatenate([g.e_term[shared][ok], own_term[o_ok]]),
            )
        )
    x_m, x_e = explicit_pairs(cohort, groups[0], wiring == ALL_PAIRS)
    keys = sorted_unique(
        np.concatenate([x_m * n + x_e, *(m * n + e for m, e in zip(own_m, own_e, strict=True))])
    )
    x_m, x_e = keys // max(n, 1), keys % max(n, 1)
    ok = cohort.eligible(x_m, x_e)
    x_m, x_e = x_m[ok], x_e[ok]
    x_score, _ = cohort.scores(x_m, x_e)
    mentors = np.flatnonzero(cohort.mentor_cap > 0)
    mentees = np.flatnonzero(cohort.is_mentee)
    net = Network(
        n=n,
        big=big,
        source_arcs=_Arcs(np.full(len(mentors), 2 * n), mentors, np.zeros(len(mentors), INT)),
        sink_arcs=_Arcs(n + mentees, np.full(len(mentees), 2 * n + 1), np.zeros(len(mentees), INT)),
        entry_arcs=entry,
        hub_arcs=hub,
        leave_arcs=leave,
        explicit_arcs=_Arcs(x_m, n + x_e, -x_score),
        mentor_cap=cohort.mentor_cap,
        nodes=next_node,
        hub_first=hub_first,
        hub_keys=hub_keys,
    )
    return net, len(x_m)


def exposed_mentees(cohort: Cohort, groups: tuple[Groups, ...], zones: Zones) -> np.ndarray:
    """Mentees with an excluded partner (cooldown, block, oneself) in a small mentor hub of
    one of their groups: there the cut may find no swap, so they start on OWN_HUBS.

    Walked from the mentor side: only entries in small hubs can expose anyone, and they
    are fewer than the mentee entries (a tenth of them in skill groups), so far fewer
    (entry, excluded partner) rows are looked up than from the mentee side.
    """
    n, z = cohort.n, zones.count
    exposed = np.zeros(n, dtype=bool)
    # Excluded pairs by mentor (keys m·n + e are sorted by mentor), and oneself.
    f_m = np.concatenate([cohort.forbidden.keys // max(n, 1), np.arange(n)])
    f_e = np.concatenate([cohort.forbidden.keys % max(n, 1), np.arange(n)])
    order = np.argsort(f_m, kind="stable")
    f_m, f_e = f_m[order], f_e[order]
    first = np.searchsorted(f_m, np.arange(n + 1))
    for g in groups:
        if len(g.m_group) == 0 or len(g.e_group) == 0:
            continue
        m_key = g.m_group * z + merged_zones(g, zones)[0]
        hubs, size = np.unique(m_key, return_counts=True)
        small = size[search(hubs, m_key)] <= SMALL_HUB
        if not small.any():
            continue
        groups_n = int(max(g.m_group.max(), g.e_group.max())) + 1
        e_keys = np.sort(g.e_person * groups_n + g.e_group)
        m_person, m_group = g.m_person[small], g.m_group[small]
        lo = first[m_person]
        count = first[m_person + 1] - lo
        for a, b in slices(count, _EXPOSED_ROWS):
            run, at = runs(lo[a:b], count[a:b])
            partner = f_e[at]
            keys = partner * groups_n + m_group[a + run]
            pos = search(e_keys, keys).clip(max=len(e_keys) - 1)
            exposed[partner[e_keys[pos] == keys]] = True
    exposed_and_mentee: np.ndarray = exposed & cohort.is_mentee
    return exposed_and_mentee


def explicit_pairs(
    cohort: Cohort, skill_groups: Groups, explicit: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every eligible (mentor, mentee) pair of the explicit mentees, each once."""
    if not explicit.any():
        z = np.zeros(0, dtype=INT)
        return z, z
    want = explicit[skill_groups.e_person]
    e_group, e_person = skill_groups.e_group[want], skill_groups.e_person[want]
    order = np.argsort(skill_groups.m_group, kind="stable")
    m_group, m_person = skill_groups.m_group[order], skill_groups.m_person[order]
    lo = np.searchsorted(m_group, e_group, side="left")
    run, at = runs(lo, np.searchsorted(m_group, e_group, side="right") - lo)
    e, m = e_person[run], m_person[at]
    keys = sorted_unique(m * cohort.n + e)
    m, e = keys // cohort.n, keys % cohort.n
    ok = cohort.eligible(m, e)
    return m[ok], e[ok]


@dataclass(slots=True)
class Flow:
    """A solved network: capacities, costs (with −BIG on sink arcs) and flow of every arc."""

    tail: np.ndarray
    head: np.ndarray
    cap: np.ndarray
    cost: np.ndarray
    flow: np.ndarray


def solve(net: Network) -> Flow:
    """Max flow at min cost (`hub_flow`): most mentees served, then the highest total score.

    Inner arcs get room for every mentee so that only source and sink arcs are ever full;
    then an arc carrying flow has reduced cost 0 under any optimal potentials, which makes
    the dual read-off in `duals` exact.
    """
    n = net.n
    mentees = len(net.sink_arcs.tail)
    roomy = max(mentees, 1) + 1
    tails, heads, caps, costs = [], [], [], []
    first = 0
    for block in net.blocks():
        block.first = first
        first += len(block.tail)
        if block is net.source_arcs:
            cap = net.mentor_cap[block.head]
        elif block is net.sink_arcs:
            cap = np.ones(len(block.tail), dtype=INT)
        else:
            cap = np.full(len(block.tail), roomy, dtype=INT)
        tails.append(block.tail)
        heads.append(block.head)
        caps.append(cap)
        costs.append(block.cost)
    # Fresh arrays: converted only if a block was not INT already (a copy of a million arcs
    # each costs its first touch of new memory).
    tail, head, cap, cost = (
        np.concatenate(parts).astype(INT, copy=False) for parts in (tails, heads, caps, costs)
    )
    flow = np.zeros(len(tail), dtype=INT)
    if len(tail) and mentees:
        flow = max_flow_min_cost(net.nodes, tail, head, cap, cost, 2 * n, 2 * n + 1)
    # For the duals: serving a mentee is worth BIG (see `duals`).
    sink = slice(net.sink_arcs.first, net.sink_arcs.first + len(net.sink_arcs.tail))
    cost[sink] = -net.big  # the solver has finished with it
    return Flow(tail, head, cap, cost, flow)


def _spread(person: np.ndarray) -> np.ndarray:
    """A fixed scramble of person indices: spreads ties without any global random state."""
    return (person * 2654435761) % 4294967291


def _take(flow: Flow, block: _Arcs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    s = slice(block.first, block.first + len(block.tail))
    f = flow.flow[s]
    used = f > 0
    return block.tail[used], block.head[used], f[used]


def decompose(
    net: Network, flow: Flow, cohort: Cohort
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Cut the flow into pairs avoiding excluded ones. Returns (mentor_of, mentees left).

    Also, per group kind, the keys (mentee × KEYS + mentor hub key) of what went wrong, for
    `build_network(listed=…)`.
    `mentor_of[e]` is e's mentor or −1; "mentees left" are those the cut could not give an
    allowed mentor (their unit of flow is dropped): they become explicit next time.
    """
    n = net.n
    mentor_of = np.full(n, -1, dtype=INT)
    x_m, x_e, _ = _take(flow, net.explicit_arcs)
    mentor_of[x_e - n] = x_m
    pending = []
    kinds = zip(net.entry_arcs, net.hub_arcs, net.leave_arcs, strict=True)
    for kind, (entry, hub, leave) in enumerate(kinds):
        em, eh, ef = _take(flow, entry)
        if len(em) == 0:
            continue
        # Mentor units at each hub, handed out to the hub's outgoing hub′ arcs in order.
        unit_m, unit_h = np.repeat(em, ef), np.repeat(eh, ef)
        order = np.lexsort((_spread(unit_m), unit_h))
        unit_m, unit_h = unit_m[order], unit_h[order]
        ha, hb, hf = _take(flow, hub)
        order = np.lexsort((hb, ha))
        slot_b = np.repeat(hb[order], hf[order])  # same length: flow is conserved at hubs
        # Then, inside each hub′, units meet the mentees that hub′ serves.
        order = np.lexsort((_spread(unit_m), slot_b))
        unit_m, unit_h, unit_b = unit_m[order], unit_h[order], slot_b[order]
        lb, le, _ = _take(flow, leave)
        order = np.lexsort((_spread(le), lb))
        mentees = le[order] - n
        stuck = _swap_away(cohort, unit_m, unit_b, unit_h, mentees)
        mentor_of[mentees] = unit_m
        pending.append((kind, entry, unit_m[stuck], unit_h[stuck], mentees[stuck]))
    # What swaps cannot fix, a mentor of the same hub and level with room to spare can:
    # same path cost, so the same total.
    load = np.bincount(mentor_of[mentor_of >= 0], minlength=n)
    left: list[int] = []
    bad_hubs = [np.zeros(0, dtype=INT) for _ in net.entry_arcs]
    for kind, entry, stuck_m, stuck_h, stuck_e in pending:
        if len(stuck_e) == 0:
            continue
        found = []
        key = entry.head * n + entry.tail
        by_key = np.argsort(key, kind="stable")
        level = entry.cost[by_key[np.searchsorted(key[by_key], stuck_h * n + stuck_m)]]
        peers = np.lexsort((entry.tail, entry.cost, entry.head))
        p_head, p_cost, p_m = entry.head[peers], entry.cost[peers], entry.tail[peers]
        for m, h, c, e in zip(
            stuck_m.tolist(), stuck_h.tolist(), level.tolist(), stuck_e.tolist(), strict=True
        ):
            lo = int(np.searchsorted(p_head, h, side="left"))
            hi = int(np.searchsorted(p_head, h, side="right"))
            same = p_m[lo:hi][p_cost[lo:hi] == c]
            fits = same[
                (load[same] < net.mentor_cap[same]) & ~cohort.excluded(same, np.full(len(same), e))
            ]
            if len(fits):
                load[m] -= 1
                load[fits[0]] += 1
                mentor_of[e] = fits[0]
            else:
                left.append(e)
                found.append(e * KEYS + int(net.hub_keys[kind][h - net.hub_first[kind]]))
        bad_hubs[kind] = np.array(found, dtype=INT)
    if left:
        mentor_of[np.array(left, dtype=INT)] = -1
    return mentor_of, np.array(sorted(left), dtype=INT), bad_hubs


def _swap_away(
    cohort: Cohort, unit_m: np.ndarray, block: np.ndarray, hub: np.ndarray, mentees: np.ndarray
) -> np.ndarray:
    """Swap mentor units (in place) so that no excluded pair is made; positions left.

    Position i pairs mentor unit_m[i], which came through mentor hub hub[i] and hub′
    block[i] (sorted), with mentees[i]. Two positions sharing a hub′, or sharing a mentor
    hub, may swap mentors at no change in total score: each pair still has a path of the
    same cost.
    """
    bad = np.flatnonzero(cohort.excluded(unit_m, mentees))
    if len(bad) == 0:
        return bad
    by_hub = np.argsort(hub, kind="stable")
    hubs_sorted = hub[by_hub]
    lo = np.searchsorted(block, block[bad], side="left")
    hi = np.searchsorted(block, block[bad], side="right")
    h_lo = np.searchsorted(hubs_sorted, hub[bad], side="left")
    h_hi = np.searchsorted(hubs_sorted, hub[bad], side="right")
    stuck = []
    for k, i in enumerate(bad.tolist()):
        mi, ei = int(unit_m[i]), int(mentees[i])
        if not cohort.excluded(np.array([mi]), np.array([ei]))[0]:
            continue  # fixed by an earlier swap
        j = np.concatenate([np.arange(lo[k], hi[k]), by_hub[h_lo[k] : h_hi[k]]])
        mj, ej = unit_m[j], mentees[j]
        fine = (mj != mi) & ~cohort.excluded(mj, np.full(len(j), ei))
        fine &= ~cohort.excluded(np.full(len(j), mi), ej)
        if fine.any():
            pick = int(j[np.argmax(fine)])
            unit_m[i], unit_m[pick] = unit_m[pick], mi
        else:
            stuck.append(i)
    return np.array(stuck, dtype=INT)
