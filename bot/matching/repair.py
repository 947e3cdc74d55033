"""Re-optimise a matching after a few pairs join the candidate set, without a full re-solve.

When the optimality check of a round finds only a handful of violating pairs, solving the
whole min-cost flow again costs as much as the first solve. Instead each new pair is
handled by one bounded shortest-path search (successive shortest paths on reduced costs):

The matching is a circulation on mentors, mentees and one hub node (source and sink merged:
hub → mentor while the mentor has room, mentor → mentee for a pair, mentee → hub while the
mentee is served). Node potentials p make every *residual* arc's reduced cost ≥ 0 — that is
exactly LP optimality. A violating pair (m, e) has reduced cost −δ < 0. Search shortest
paths from e (lengths = reduced costs, Dial's buckets: all lengths are small integers) up to
length δ. If m is reached at distance d < δ, the pair plus that path is a cycle of cost
d − δ < 0: flip it (the matching improves). Either way, adding min(distance, cap) to the
potentials keeps every reduced cost ≥ 0 and makes the pair's own reduced cost ≥ 0. After
the last pair the matching is optimal on the enlarged candidate set.
"""

from __future__ import annotations

import numpy as np

from .arrays import runs
from .cohort import INT

_UNSEEN = np.iinfo(INT).max // 4


class _Residual:
    """The residual graph of the current matching over the candidate pairs (numpy arrays).

    Nodes: mentors 0..n−1, mentees n..2n−1, the hub 2n. Potentials start from LP duals:
    p(mentor) = u, p(mentee) = −v, p(hub) = 0, so a pair's reduced cost −w + p(m) − p(e)
    is u(m) + v(e) − w.
    """

    def __init__(
        self,
        n: int,
        mentor_cap: np.ndarray,
        cand_m: np.ndarray,
        cand_e: np.ndarray,
        weight: np.ndarray,
        mentor_of: np.ndarray,
        u: np.ndarray,
        v: np.ndarray,
    ) -> None:
        self.n = n
        self.cap = mentor_cap
        self.cand_m, self.cand_e, self.weight = cand_m, cand_e, weight
        self.keys = cand_m * n + cand_e  # sorted: candidates are kept in key order
        self.first = np.searchsorted(cand_m, np.arange(n + 1))
        self.on = mentor_of[cand_e] == cand_m
        # New pairs not handled yet stay out of the graph: their reduced costs are < 0.
        self.pending = np.zeros(len(cand_m), dtype=bool)
        self.work = 0  # residual arcs looked at by the searches so far
        self.p = np.concatenate([u, -v, [0]]).astype(INT)
        size = 2 * n + 1  # search state, reset after each search for the nodes it reached
        self.dist = np.full(size, _UNSEEN, dtype=INT)
        self.pred = np.full(size, -1, dtype=INT)
        self.done = np.zeros(size, dtype=bool)
        self._sync()

    def _sync(self) -> None:
        n = self.n
        arcs = np.flatnonzero(self.on)
        self.mentor_of = np.full(n, -1, dtype=INT)
        self.mentor_of[self.cand_e[arcs]] = self.cand_m[arcs]
        self.matched_arc = np.full(n, -1, dtype=INT)  # per mentee: its pair's arc
        self.matched_arc[self.cand_e[arcs]] = arcs
        self.load = np.bincount(self.cand_m[arcs], minlength=n)
        # The hub's arcs change only with the matching: listed once per matching.
        self.room = np.flatnonzero(self.load < self.cap)
        self.served = np.flatnonzero(self.mentor_of >= 0)

    def arc(self, m: int, e: int) -> int:
        return int(np.searchsorted(self.keys, m * self.n + e))

    def reduced_cost(self, arc: int) -> int:
        m, e = int(self.cand_m[arc]), int(self.cand_e[arc])
        return int(-self.weight[arc] + self.p[m] - self.p[self.n + e])

    def _out_arcs(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(tail, head, reduced cost) of every residual arc leaving `nodes`.

        Costs are computed with the arcs' own weights, read by arc index: a pair arc's
        weight counts with the sign of its direction."""
        n, hub, p = self.n, 2 * self.n, self.p
        tails, heads, costs = [], [], []
        mentors = nodes[nodes < n]
        if len(mentors):
            _, arcs = runs(self.first[mentors], self.first[mentors + 1] - self.first[mentors])
            arcs = arcs[~self.on[arcs] & ~self.pending[arcs]]  # mentor → mentee: take one on
            m, e = self.cand_m[arcs], n + self.cand_e[arcs]
            tails.append(m)
            heads.append(e)
            costs.append(p[m] - p[e] - self.weight[arcs])
            busy = mentors[self.load[mentors] > 0]  # mentor → hub: give up a mentee
            tails.append(busy)
            heads.append(np.full(len(busy), hub))
            costs.append(p[busy] - p[hub])
        mentees = nodes[(nodes >= n) & (nodes < hub)] - n
        if len(mentees):
            mentor = self.mentor_of[mentees]
            matched = mentor >= 0  # mentee → its mentor: leave that mentor
            e, m = n + mentees[matched], mentor[matched]
            tails.append(e)
            heads.append(m)
            costs.append(p[e] - p[m] + self.weight[self.matched_arc[mentees[matched]]])
            free = n + mentees[~matched]  # mentee → hub: be served
            tails.append(free)
            heads.append(np.full(len(free), hub))
            costs.append(p[free] - p[hub])
        if (nodes == hub).any():
            # hub → mentor with room; hub → served mentee: unserve
            to = np.concatenate([self.room, n + self.served])
            tails.append(np.full(len(to), hub))
            heads.append(to)
            costs.append(p[hub] - p[to])
        if not tails:
            empty = np.zeros(0, dtype=INT)
            return empty, empty, empty
        return np.concatenate(tails), np.concatenate(heads), np.concatenate(costs)

    def distances(self, source: int, target: int, limit: int) -> tuple[np.ndarray, int]:
        """Shortest distances from `source` into `self.dist` (Dial's buckets), exact below
        the cap = the smaller of `limit` and the distance to `target`. Returns the nodes
        reached (the only entries set) and the cap; `self.pred` holds the path tree."""
        dist, done = self.dist, self.done
        dist[source] = 0
        buckets: dict[int, list[np.ndarray]] = {0: [np.array([source], dtype=INT)]}
        level = 0
        while level < limit and buckets:
            waiting = buckets.pop(level, [])
            while waiting:
                nodes = np.unique(np.concatenate(waiting))
                nodes = nodes[(dist[nodes] == level) & ~done[nodes]]
                if len(nodes) == 0:
                    break
                done[nodes] = True
                if done[target]:
                    return np.flatnonzero(dist < _UNSEEN), level
                tail, head, cost = self._out_arcs(nodes)
                self.work += len(tail)
                reach = level + cost
                better = (reach < dist[head]) & (reach < limit)
                tail, head, reach = tail[better], head[better], reach[better]
                # Several tails may improve one head: keep the smallest reach, then tail.
                order = np.lexsort((tail, reach, head))
                head, tail, reach = head[order], tail[order], reach[order]
                keep = np.ones(len(head), dtype=bool)
                keep[1:] = head[1:] != head[:-1]
                head, tail, reach = head[keep], tail[keep], reach[keep]
                dist[head] = reach
                self.pred[head] = tail
                now = reach == level
                waiting = [head[now]]
                for r in np.unique(reach[~now]).tolist():
                    buckets.setdefault(r, []).append(head[~now][reach[~now] == r])
            level += 1
        return np.flatnonzero(dist < _UNSEEN), limit

    def add_pair(self, arc: int) -> bool:
        """Make one pair's reduced cost ≥ 0, flipping a negative cycle through it if any.
        Returns whether the matching changed."""
        self.pending[arc] = False
        deficit = -self.reduced_cost(arc)
        if deficit <= 0:
            return False
        n = self.n
        m, e = int(self.cand_m[arc]), n + int(self.cand_e[arc])
        reached, cap = self.distances(e, m, deficit)
        # Adding min(distance, cap) to every potential keeps reduced costs >= 0; nodes not
        # reached get exactly cap, and a shift common to all nodes changes nothing.
        self.p[reached] += np.minimum(self.dist[reached], cap) - cap
        cycle = bool(self.dist[m] < deficit)
        if cycle:  # m → e ⇝ m: the new pair joins, every pair on the path flips
            self.on[arc] = True
            node = m
            while node != e:
                prev = int(self.pred[node])
                if prev < n <= node < 2 * n:  # mentor prev takes mentee node
                    self.on[self.arc(prev, node - n)] = True
                elif node < n <= prev < 2 * n:  # mentee prev leaves mentor node
                    self.on[self.arc(node, prev - n)] = False
                node = prev
            self._sync()
        self.dist[reached], self.done[reached], self.pred[reached] = _UNSEEN, False, -1
        return cycle


def add_pairs(
    n: int,
    mentor_cap: np.ndarray,
    cand_m: np.ndarray,
    cand_e: np.ndarray,
    weight: np.ndarray,
    mentor_of: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    new_arcs: np.ndarray,
    budget: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The matching made optimal again after the pairs at `new_arcs` joined the candidates.

    Requires (u, v) to be LP duals that prove `mentor_of` optimal on the other candidates.
    Returns (mentor_of, u, v): the new matching and duals read off the final potentials,
    for the caller to check (`duals.certificate_holds`). None when the searches have
    looked at more than `budget` residual arcs: where mentors have much room left, each
    search reaches most of the graph, and a full solve is then the cheaper way. (The
    first pairs are no guide to the rest: early searches shift the potentials so that
    most later pairs need none.)
    """
    graph = _Residual(n, mentor_cap, cand_m, cand_e, weight, mentor_of, u, v)
    graph.pending[new_arcs] = True
    for arc in new_arcs.tolist():
        graph.add_pair(arc)
        if budget is not None and graph.work > budget:
            return None
    # A mentor without mentees may sit below the hub's potential: raising its dual to 0
    # keeps every constraint and slackness condition. A pair that joined through a cycle
    # can be more than tight in flow terms (a saturated arc may have a negative reduced
    # cost); giving its mentee v = w − u restores LP slackness and only loosens other pairs.
    new_u = np.maximum(graph.p[:n] - graph.p[2 * n], 0)
    new_v = np.zeros(n, dtype=INT)
    on = graph.on
    new_v[cand_e[on]] = weight[on] - new_u[cand_m[on]]
    return graph.mentor_of, new_u, new_v
