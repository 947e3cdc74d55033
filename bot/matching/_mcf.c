/* Max flow at min cost for the hub network (network.py), by the primal-dual method.

   The hub network has about a million arcs and costs in a range of a few dozen (levels,
   weeks waited, bonuses, penalties), so its shortest augmenting paths take few distinct
   lengths (12-21 at 50,000 people), and the primal-dual method needs one phase per length:
   a Dijkstra search on reduced costs from the source gives the next length and moves the
   node potentials, then a maximum flow over the arcs of reduced cost zero augments along
   every path of that length at once. All flow goes along shortest paths, so the maximum
   flow it ends with has the minimum cost. On the hub networks of the scarce, many-inactive
   and kept-aside cohorts it takes 0.2 s at 10,000 people and 1.0-1.6 s at 50,000, where
   OR-Tools' cost scaling takes 7-9 s.

   At 50,000 people the residual network (40 MB) no longer fits in the processor's cache,
   and reading it node by node in the order of a search or of a maximum flow made the
   time grow 7-11 times for 4.4 times the arcs (1.6-3.5 s). So the solver reads the whole
   of it once per phase, as much in order as it can, and runs the maximum flow on a small
   copy of the part that matters:

   - The search keeps its queue in buckets, one per distance (reduced costs are small
     non-negative integers here; distances more than WIN beyond the current one wait in a
     binary heap, so any costs work). A bucket is first in, first out: nodes come out in
     the order they were reached, which follows the order of the arcs, and the arcs of the
     next node or two are fetched ahead while this one is scanned. It settles every node
     at the sink's distance, not just the sink, so each arc with room and of reduced cost
     0 between settled nodes is seen from its tail; it notes the arcs that could be such
     (the ones that reached their head at its best distance so far) in a list, in the
     order read.

   - From that list the phase's graph is built: settled nodes numbered in the order
     settled, and one edge per input arc of reduced cost 0 with its two sides' residual
     capacities side by side (so a side's reverse is the next or previous entry), plus a
     byte per side saying whether it has room, which the searches below read instead of
     the capacities. It is a quarter of the network's size (about 300,000 edges at 50,000
     people), so the phase's maximum flow mostly stays in cache; the edges the flow
     changed are copied back at the end of the phase.

   - The maximum flow is by shortest augmenting paths with distance labels (ISAP): labels
     are recomputed from the sink whenever the relabelling since the last time has read
     half as many sides as the graph has (a relabel raises a label by little, and nodes
     that lost their way to the sink would otherwise climb one step at a time), and a
     label left empty ends the phase (the gap).

   Residual arcs are stored node by node, so each scan reads memory in order. Potentials
   start as shortest distances from the source (Bellman-Ford with a queue: the network is
   layered, so it settles in a few passes), which makes every reduced cost non-negative. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "_buffers.h"
#include "_heap.h"
#include "_paths.h"

typedef int64_t i64;
typedef int32_t i32;

#define INF (INT64_MAX / 4)
#define WIN 1024 /* distances the search's buckets hold at a time; a power of two */

/* A residual arc; e = 2 × its input arc, + 1 if it runs backwards. */
typedef struct { i64 cost, cap; i32 to, e; } arc;
/* An arc the search found to reach its head at the head's best distance so far. */
typedef struct { i64 nd, cap; i32 y, e; } cand;

typedef struct {
    i32 nodes, source, sink;
    i64 *first;  /* residual arcs of node x: a[first[x] .. first[x + 1] - 1] */
    arc *a;
    i32 *fwd, *bwd; /* where each input arc lies forwards and backwards */
    i64 *pi, *d;
    /* the search's buckets: lists of nodes, first in first out, by distance mod WIN */
    i32 *next, *prev, head[WIN], tail[WIN];
    char *state; /* 0: in no bucket, 1: in a bucket, 2: settled */
    heap h;      /* nodes at distances beyond the buckets' window */
    cand *c;     /* candidates of the k-th node settled: c[cfirst[k] .. cfirst[k + 1] - 1] */
    i64 csize, *cfirst;
    /* The phase's graph: the m settled nodes, numbered in the order settled, and the
       edges of reduced cost 0 between them. Side 2j + s of edge j runs from end[2j + s] to
       end[2j + (s ^ 1)] with room[2j + s] left; open[2j + s] is room[2j + s] > 0. */
    i32 m, s, t;
    i32 *local;  /* node -> its number in the phase's graph, -1 outside a build */
    i32 *settled;/* number -> node */
    i32 *eid;    /* input arc -> its edge (if orig[eid[a]] == a, so eid needs no clearing) */
    i32 *orig;   /* edge -> input arc */
    i32 *end;
    i64 *room;
    char *open;
    i32 *lfirst, *lto, *side; /* sides leaving number x: lto[k], side[k], k in lfirst[x] .. */
    i32 *dirty, ndirty; /* edges whose flow the phase changed */
    char *touched;
    i32 *dist, *count, *cur, *stack, *queue;
    i64 phases;
} G;

/* Shortest distances from the source over arcs with room; -1 on a negative cycle. */
static int initial_potentials(G *g) {
    i32 n = g->nodes;
    char *queued = calloc(n, 1);
    i32 *passes = calloc(n, sizeof(i32));
    if (!queued || !passes) { free(queued); free(passes); return -2; }
    for (i32 x = 0; x < n; x++) g->pi[x] = INF;
    /* a ring buffer of n + 1 places: each node is in it at most once, so it is never full
       (head = tail only when empty) */
    i64 head = 0, tail = 0, places = (i64)n + 1;
    g->pi[g->source] = 0; g->queue[tail++] = g->source; queued[g->source] = 1;
    int result = 0;
    while (head != tail) {
        i32 x = g->queue[head]; head = (head + 1) % places; queued[x] = 0;
        if (++passes[x] > n) { result = -1; break; }
        for (i64 k = g->first[x]; k < g->first[x + 1]; k++) {
            if (g->a[k].cap <= 0) continue;
            i32 y = g->a[k].to;
            i64 nd = g->pi[x] + g->a[k].cost;
            if (nd < g->pi[y]) {
                g->pi[y] = nd;
                if (!queued[y]) { queued[y] = 1; g->queue[tail] = y; tail = (tail + 1) % places; }
            }
        }
    }
    /* A node the source cannot reach now never carries flow: any potential will do. */
    for (i32 x = 0; x < n; x++) if (g->pi[x] == INF) g->pi[x] = 0;
    free(queued); free(passes);
    return result;
}

static void bucket_put(G *g, i32 y, i64 key) {
    i32 b = (i32)(key & (WIN - 1)), t = g->tail[b];
    g->prev[y] = t; g->next[y] = -1;
    if (t >= 0) g->next[t] = y; else g->head[b] = y;
    g->tail[b] = y;
    g->state[y] = 1;
}

static void bucket_remove(G *g, i32 y) {
    i32 b = (i32)(g->d[y] & (WIN - 1)), p = g->prev[y], q = g->next[y];
    if (p >= 0) g->next[p] = q; else g->head[b] = q;
    if (q >= 0) g->prev[q] = p; else g->tail[b] = p;
}

static void fetch_arcs(const G *g, i32 x) {
    __builtin_prefetch(&g->a[g->first[x]]);
    __builtin_prefetch(&g->a[g->first[x]] + 2);
}

/* Dijkstra on reduced costs; moves the potentials and settles (and numbers, see G) every
   node up to the sink's distance. Returns 1 if the sink was reached. */
static int search(G *g) {
    i32 n = g->nodes, m = 0;
    i64 *d = g->d, *pi = g->pi;
    for (i32 x = 0; x < n; x++) d[x] = INF;
    memset(g->state, 0, n);
    for (i32 b = 0; b < WIN; b++) g->head[b] = g->tail[b] = -1;
    g->h.len = 0;
    /* cur: the distance being settled; every node queued at cur .. cur + WIN - 1 is in a
       bucket, the rest in the heap (where an entry is stale unless state 0 and key = d) */
    i64 cur = 0, queued = 1, D = INF, nc = 0;
    d[g->source] = 0; bucket_put(g, g->source, 0);
    for (;;) {
        if (!queued) {
            if (D != INF) break;
            i64 key = -1;
            while (g->h.len) {
                heap_item it = hpop(&g->h);
                if (g->state[it.node] == 0 && d[it.node] == it.key) {
                    key = it.key; bucket_put(g, it.node, key); queued++;
                    break;
                }
            }
            if (key < 0) break;
            cur = key;
        }
        while (g->h.len && g->h.a[0].key < cur + WIN) {
            heap_item it = hpop(&g->h);
            if (g->state[it.node] == 0 && d[it.node] == it.key) { bucket_put(g, it.node, it.key); queued++; }
        }
        i32 b = (i32)(cur & (WIN - 1)), x = g->head[b];
        if (x < 0) {
            if (D != INF) break; /* every node at the sink's distance is settled */
            cur++;
            continue;
        }
        i32 y = g->next[x];
        g->head[b] = y;
        if (y >= 0) {
            g->prev[y] = -1;
            fetch_arcs(g, y);
            if (g->next[y] >= 0) fetch_arcs(g, g->next[y]);
        } else g->tail[b] = -1;
        queued--;
        g->state[x] = 2;
        g->local[x] = m; g->settled[m] = x; g->cfirst[m] = nc; m++;
        if (x == g->sink) D = cur;
        i64 base = cur + pi[x];
        for (i64 k = g->first[x]; k < g->first[x + 1]; k++) {
            const arc *e = &g->a[k];
            if (e->cap <= 0) continue;
            y = e->to;
            i64 nd = base + e->cost - pi[y];
            if (nd > d[y]) continue;
            if (nc == g->csize) {
                i64 size = g->csize * 2 + 4096;
                cand *c = realloc(g->c, (size_t)size * sizeof(cand));
                if (!c) { g->m = m; return -2; }
                g->c = c; g->csize = size;
            }
            cand *c = &g->c[nc++];
            c->nd = nd; c->cap = e->cap; c->y = y; c->e = e->e;
            if (nd == d[y]) continue;
            if (g->state[y] == 1) { bucket_remove(g, y); queued--; }
            d[y] = nd;
            if (nd < cur + WIN) { bucket_put(g, y, nd); queued++; }
            else { g->state[y] = 0; hpush(&g->h, nd, y); }
        }
    }
    g->cfirst[m] = nc; g->m = m;
    if (g->h.failed) return -2;
    if (D == INF) return 0;
    for (i32 x = 0; x < n; x++) pi[x] += d[x] < D ? d[x] : D;
    return 1;
}

/* The phase's graph (see G) from the search's candidates. A candidate is of reduced cost
   0 now if its head is settled at the distance it offered. Every such side with room is
   among them, seen from its settled tail; a side without room gets room 0 from its
   reverse. */
static void build_phase_graph(G *g) {
    i32 m = g->m, edges = 0, *deg = g->lfirst;
    const cand *c = g->c;
    for (i32 u = 0; u <= m; u++) deg[u] = 0;
    for (i32 u = 0; u < m; u++) {
        for (i64 j = g->cfirst[u]; j < g->cfirst[u + 1]; j++) {
            i32 y = c[j].y;
            if (g->state[y] != 2 || g->d[y] != c[j].nd) continue;
            i32 a = c[j].e >> 1, s = c[j].e & 1, p = g->eid[a];
            if (p < edges && g->orig[p] == a) { /* its other side came first */
                g->room[2 * p + s] = c[j].cap; g->open[2 * p + s] = 1;
                continue;
            }
            p = edges++;
            g->eid[a] = p; g->orig[p] = a;
            g->room[2 * p + s] = c[j].cap; g->room[2 * p + (s ^ 1)] = 0;
            g->open[2 * p + s] = 1; g->open[2 * p + (s ^ 1)] = 0;
            g->end[2 * p + s] = u; g->end[2 * p + (s ^ 1)] = g->local[y];
            deg[u]++; deg[g->local[y]]++;
        }
    }
    i32 sum = 0;
    for (i32 u = 0; u < m; u++) { i32 k = deg[u]; deg[u] = sum; g->cur[u] = sum; sum += k; }
    deg[m] = sum;
    for (i32 k = 0; k < 2 * edges; k++) {
        i32 at = g->cur[g->end[k]]++;
        g->lto[at] = g->end[k ^ 1]; g->side[at] = k;
    }
    g->s = g->local[g->source]; g->t = g->local[g->sink];
    for (i32 u = 0; u < m; u++) g->local[g->settled[u]] = -1;
}

/* Exact labels (sides with room to the sink) by a search backwards from it. */
static void global_labels(G *g) {
    i32 m = g->m, *dist = g->dist, *count = g->count, *q = g->queue;
    const i32 *lfirst = g->lfirst, *lto = g->lto, *side = g->side;
    const char *open = g->open;
    for (i32 x = 0; x < m; x++) dist[x] = m;
    for (i32 k = 0; k <= m; k++) count[k] = 0;
    i32 head = 0, tail = 0;
    dist[g->t] = 0; q[tail++] = g->t;
    while (head < tail) {
        i32 y = q[head++], dy = dist[y] + 1;
        for (i32 k = lfirst[y]; k < lfirst[y + 1]; k++) {
            i32 x = lto[k];
            if (dist[x] < m || !open[side[k] ^ 1]) continue;
            dist[x] = dy;
            q[tail++] = x;
        }
    }
    for (i32 x = 0; x < m; x++) { count[dist[x]]++; g->cur[x] = lfirst[x]; }
}

/* A maximum flow over the phase's graph (every path of it from source to sink is a
   shortest path), by shortest augmenting paths with distance labels kept up to date
   locally (ISAP): a label is the number of sides to the sink; a node with no side down to
   a label one lower is relabelled and the path retreats; when no node is left at some
   label, nothing above it reaches the sink (the gap) and the phase is over. */
static void phase_flow(G *g) {
    i32 m = g->m, *dist = g->dist, *count = g->count, *cur = g->cur, *stack = g->stack;
    const i32 *lfirst = g->lfirst, *lto = g->lto, *side = g->side;
    i64 *room = g->room;
    char *open = g->open;
    global_labels(g);
    i64 depth = 0, since = 0, size = lfirst[m];
    i32 x = g->s;
    while (dist[g->s] < m) {
        if (x == g->t) {
            i64 push = INF;
            for (i64 k = 0; k < depth; k++) if (room[side[stack[k]]] < push) push = room[side[stack[k]]];
            i64 back = depth;
            for (i64 k = 0; k < depth; k++) {
                i32 sd = side[stack[k]], j = sd >> 1;
                room[sd] -= push; room[sd ^ 1] += push;
                open[sd] = room[sd] > 0; open[sd ^ 1] = 1;
                if (!g->touched[j]) { g->touched[j] = 1; g->dirty[g->ndirty++] = j; }
                if (room[sd] == 0 && k < back) back = k;
            }
            depth = back; /* resume from the tail of the first side the push filled */
            x = depth ? lto[stack[depth - 1]] : g->s;
            continue;
        }
        i32 want = dist[x] - 1, k = cur[x], end = lfirst[x + 1];
        for (; k < end; k++) if (dist[lto[k]] == want && open[side[k]]) break;
        cur[x] = k;
        if (k < end) { stack[depth++] = k; x = lto[k]; continue; }
        i32 low = m;
        for (k = lfirst[x]; k < end; k++) {
            i32 dy = dist[lto[k]] + 1;
            if (dy < low && open[side[k]]) low = dy;
        }
        if (--count[dist[x]] == 0) break; /* the gap */
        since += end - lfirst[x];
        if (since >= size / 2) {
            /* Recompute every label and start again from the source (see the top). */
            global_labels(g);
            since = 0; depth = 0; x = g->s;
            continue;
        }
        dist[x] = low;
        count[low]++;
        cur[x] = lfirst[x];
        if (x != g->s) { depth--; x = depth ? lto[stack[depth - 1]] : g->s; }
    }
    for (i32 j = 0; j < g->ndirty; j++) {
        i32 p = g->dirty[j], a = g->orig[p];
        g->a[g->fwd[a]].cap = room[2 * p];
        g->a[g->bwd[a]].cap = room[2 * p + 1];
        g->touched[p] = 0;
    }
    g->ndirty = 0;
}


/* Pass-through nodes, bypassed before the solve. In the hub network a third of the hubs
   stand for one mentor or one mentee of their group and zone: a mentor hub fed by one
   mentor, a hub′ that feeds one mentee. A node x (not the source or the sink) whose only
   arc in is a = (u → x), u not the source or the sink, with cap(a) at least all the
   capacity into u, can never be limited by a: each arc out of x starts at u instead, its
   cost plus cost(a), and a carries the sum of their flows. The mirror image (x's only arc
   out never limits it) is the same pass with the arcs reversed. A node whose feeding node
   is bypassed in the same pass is kept, so no arc is moved to a node that is gone. The
   same paths at the same costs and limits: the same maximum flow at the same minimum
   cost, with a quarter of the nodes out of the way (scarce, 50,000 people: 56,000 of
   221,000, the solve 1.74 -> 1.40 s). Done in numpy first, the bypass itself took
   0.16-0.49 s of a round at 50,000-100,000 people, most of it the first touch of fresh
   arrays; here it is a few passes over arrays the solve needs anyway. */
typedef struct {
    i32 *from, *to;  /* arcs as solved: from[a] -> to[a], ends moved by the passes */
    i64 *cost;
    char *skip;      /* 0: solved; 1 or 2: bypassed by the first or the second pass */
    /* per node, for one pass: arcs in, their capacity, the last of them; whether it is
       bypassed, and then through which node and at what cost */
    i32 *fed, *feeder;
    i64 *cap_in, *only, *extra;
    char *gone;
} bypass_t;

/* One pass over the arcs from -> to (a mark of 1 or 2); returns the nodes bypassed. */
static i64 bypass_pass(bypass_t *p, i32 nodes, i64 arcs, i32 *from, i32 *to, const i64 *cap,
                       i32 source, i32 sink, char mark) {
    for (i32 x = 0; x < nodes; x++) { p->fed[x] = 0; p->cap_in[x] = 0; p->gone[x] = 0; }
    for (i64 a = 0; a < arcs; a++) {
        if (p->skip[a]) continue;
        i32 y = to[a];
        p->fed[y]++; p->cap_in[y] += cap[a]; p->only[y] = a;
    }
    for (i32 x = 0; x < nodes; x++) {
        if (p->fed[x] != 1 || x == source || x == sink) continue;
        i64 a = p->only[x];
        i32 u = from[a];
        if (u == source || u == sink || u == x || cap[a] < p->cap_in[u]) continue;
        p->gone[x] = 1;
    }
    /* Not on a chain: a node stays when its feeding node goes. Marks are only taken
       away here, so a node that goes has a feeding node that stays. */
    i64 count = 0;
    for (i32 x = 0; x < nodes; x++) {
        if (!p->gone[x]) continue;
        i64 a = p->only[x];
        if (p->gone[from[a]]) { p->gone[x] = 0; continue; }
        p->skip[a] = mark; p->feeder[x] = from[a]; p->extra[x] = p->cost[a];
        count++;
    }
    for (i64 a = 0; a < arcs; a++) {
        i32 x = from[a];
        if (p->skip[a] || !p->gone[x]) continue;
        from[a] = p->feeder[x]; p->cost[a] += p->extra[x];
    }
    return count;
}

/* The flow of each bypassed arc from the flows of the arcs solved (flow[a] of a skipped
   arc is unset until then): the second pass's first, the sum over the arcs into its node
   (by their original heads: the first pass moves tails only), its node being its tail as
   the first pass left it (p->from); then the first pass's, the sum over the arcs out of
   its node (by their original tails: the second pass moves heads only). */
static void bypassed_flows(bypass_t *p, i32 nodes, i64 arcs, const i64 *tail, const i64 *head,
                           i64 *flow) {
    i64 *sum = p->cap_in;
    for (i32 x = 0; x < nodes; x++) sum[x] = 0;
    for (i64 a = 0; a < arcs; a++) if (!p->skip[a]) sum[head[a]] += flow[a];
    for (i64 a = 0; a < arcs; a++) if (p->skip[a] == 2) flow[a] = sum[p->from[a]];
    for (i32 x = 0; x < nodes; x++) sum[x] = 0;
    for (i64 a = 0; a < arcs; a++) if (p->skip[a] != 1) sum[tail[a]] += flow[a];
    for (i64 a = 0; a < arcs; a++) if (p->skip[a] == 1) flow[a] = sum[head[a]];
}

/* tail, head, cap, cost: arcs (cap >= 0); flow: out; *bypassed: the nodes bypassed.
   Returns phases, -1 on a negative cycle, -2 out of memory (or more arcs than 32-bit
   numbers of residual arcs allow). */
static i64 solve(i32 nodes, i64 arcs, const i64 *tail, const i64 *head, const i64 *cap,
                 const i64 *cost, i32 source, i32 sink, i64 *flow, i64 *bypassed) {
    if (arcs > INT32_MAX / 2 - 1) return -2;
    G g; memset(&g, 0, sizeof g);
    g.nodes = nodes; g.source = source; g.sink = sink;
    size_t nn = (size_t)nodes + 1, sides = 2 * (size_t)arcs + 2, na = (size_t)arcs + 1;
    g.first = calloc(nn, sizeof(i64));
    g.a = malloc(sides * sizeof(arc));
    g.fwd = malloc(na * sizeof(i32));
    g.bwd = malloc(na * sizeof(i32));
    g.pi = malloc(nn * sizeof(i64));
    g.d = malloc(nn * sizeof(i64));
    g.next = malloc(nn * sizeof(i32));
    g.prev = malloc(nn * sizeof(i32));
    g.state = malloc(nn);
    g.cfirst = malloc((nn + 1) * sizeof(i64));
    g.local = malloc(nn * sizeof(i32));
    g.settled = malloc(nn * sizeof(i32));
    g.eid = calloc(na, sizeof(i32));
    g.orig = malloc(na * sizeof(i32));
    g.end = malloc(sides * sizeof(i32));
    g.room = malloc(sides * sizeof(i64));
    g.open = malloc(sides);
    g.lfirst = malloc(nn * sizeof(i32));
    g.lto = malloc(sides * sizeof(i32));
    g.side = malloc(sides * sizeof(i32));
    g.dirty = malloc(na * sizeof(i32));
    g.touched = calloc(na, 1);
    g.dist = malloc(nn * sizeof(i32));
    g.count = malloc(nn * sizeof(i32));
    g.cur = malloc(nn * sizeof(i32));
    g.stack = malloc(nn * sizeof(i32));
    g.queue = malloc(nn * sizeof(i32));
    bypass_t p = {0};
    p.from = malloc(na * sizeof(i32)); p.to = malloc(na * sizeof(i32));
    p.cost = malloc(na * sizeof(i64)); p.skip = malloc(na);
    p.fed = malloc(nn * sizeof(i32)); p.feeder = malloc(nn * sizeof(i32));
    p.cap_in = malloc(nn * sizeof(i64)); p.only = malloc(nn * sizeof(i64));
    p.extra = malloc(nn * sizeof(i64)); p.gone = malloc(nn);
    i64 result = -2;
    if (!g.first || !g.a || !g.fwd || !g.bwd || !g.pi || !g.d || !g.next || !g.prev || !g.state
        || !g.cfirst || !g.local || !g.settled || !g.eid || !g.orig || !g.end || !g.room || !g.open
        || !g.lfirst || !g.lto || !g.side || !g.dirty || !g.touched || !g.dist || !g.count || !g.cur
        || !g.stack || !g.queue || !p.from || !p.to || !p.cost || !p.skip || !p.fed || !p.feeder
        || !p.cap_in || !p.only || !p.extra || !p.gone) goto out;
    for (i64 a = 0; a < arcs; a++) {
        p.from[a] = (i32)tail[a]; p.to[a] = (i32)head[a]; p.cost[a] = cost[a]; p.skip[a] = 0;
    }
    *bypassed = bypass_pass(&p, nodes, arcs, p.from, p.to, cap, source, sink, 1)
              + bypass_pass(&p, nodes, arcs, p.to, p.from, cap, sink, source, 2);
    const i32 *from = p.from, *to = p.to;
    for (i64 a = 0; a < arcs; a++) if (!p.skip[a]) { g.first[from[a] + 1]++; g.first[to[a] + 1]++; }
    for (i32 x = 0; x < nodes; x++) g.first[x + 1] += g.first[x];
    i64 *at = g.d; /* where node x's next arc goes; d is free until the first search */
    for (i32 x = 0; x < nodes; x++) at[x] = g.first[x];
    for (i64 a = 0; a < arcs; a++) {
        if (p.skip[a]) { g.fwd[a] = g.bwd[a] = -1; continue; }
        i64 f = at[from[a]]++, b = at[to[a]]++, c = p.cost[a];
        g.fwd[a] = (i32)f; g.bwd[a] = (i32)b;
        g.a[f].to = to[a]; g.a[f].cap = cap[a]; g.a[f].cost = c; g.a[f].e = (i32)(2 * a);
        g.a[b].to = from[a]; g.a[b].cap = 0; g.a[b].cost = -c; g.a[b].e = (i32)(2 * a + 1);
    }
    /* only skip, from and cap_in are needed again, to read back the bypassed arcs' flows */
    free(p.to); free(p.cost); free(p.fed); free(p.feeder); free(p.only); free(p.extra);
    free(p.gone);
    p.to = p.fed = p.feeder = NULL; p.cost = p.only = p.extra = NULL; p.gone = NULL;
    for (i32 x = 0; x < nodes; x++) g.local[x] = -1;
    int ok = initial_potentials(&g);
    if (ok < 0) { result = ok; goto out; }
    for (;;) {
        int found = search(&g);
        if (found < 0) goto out;
        if (!found) break;
        g.phases++;
        build_phase_graph(&g);
        phase_flow(&g);
    }
    for (i64 a = 0; a < arcs; a++) if (!p.skip[a]) flow[a] = cap[a] - g.a[g.fwd[a]].cap;
    bypassed_flows(&p, nodes, arcs, tail, head, flow);
    result = g.phases;
out:
    free(g.first); free(g.a); free(g.fwd); free(g.bwd); free(g.pi); free(g.d); free(g.next);
    free(g.prev); free(g.state); free(g.cfirst); free(g.local); free(g.settled); free(g.eid);
    free(g.orig); free(g.end); free(g.room); free(g.open); free(g.lfirst); free(g.lto);
    free(g.side); free(g.dirty); free(g.touched); free(g.dist); free(g.count); free(g.cur);
    free(g.stack); free(g.queue); free(g.c); free(g.h.a);
    free(p.from); free(p.to); free(p.cost); free(p.skip); free(p.fed); free(p.feeder);
    free(p.cap_in); free(p.only); free(p.extra); free(p.gone);
    return result;
}


/* Shortest distances from a virtual root joined to every node at cost 0, over the residual
   arcs of a flow: x -> y at cost c where an arc (x, y, c) has room (flow < cap), y -> x at
   -c where it carries flow; and both ways at cost 0 between `join` and `joined` when
   neither is -1 (the sink's arc back to the source, which makes a flow a circulation).
   These are the potentials that prove a solved network optimal (duals.py). The residual
   arcs are listed by tail here, straight from the flow: built in numpy (masks and joined
   copies of five arrays of a million arcs) they took two to three times as long as the
   search itself at 50,000 people. Label correcting with a first-in first-out queue; the vectorised form in
   duals.py relaxes the arcs of the whole frontier each pass, and its passes grow with the
   chains of ties (0.02 s at 10,000 people, 0.2-0.3 s at 50,000). Returns 1, 0 if distances
   keep falling (a negative cycle: the flow was not optimal), -1 out of memory. */
static int residual_distances(i32 n, i64 arcs, const i64 *tail, const i64 *head, const i64 *cap,
                              const i64 *cost, const i64 *flow, i32 join, i32 joined,
                              i64 *dist) {
    i64 *first = calloc((size_t)n + 1, sizeof(i64)), *w = NULL;
    i32 *to = NULL;
    int result = -1;
    if (!first) return -1;
    int joins = join >= 0 && joined >= 0;
    for (i64 a = 0; a < arcs; a++) {
        if (flow[a] < cap[a]) first[tail[a] + 1]++;
        if (flow[a] > 0) first[head[a] + 1]++;
    }
    if (joins) { first[join + 1]++; first[joined + 1]++; }
    for (i32 x = 0; x < n; x++) first[x + 1] += first[x];
    size_t total = (size_t)first[n] + 1;
    w = malloc(total * sizeof(i64)); to = malloc(total * sizeof(i32));
    if (!w || !to) goto out;
    /* first[x] is where node x's next arc goes */
    for (i64 a = 0; a < arcs; a++) {
        if (flow[a] < cap[a]) { i64 k = first[tail[a]]++; to[k] = (i32)head[a]; w[k] = cost[a]; }
        if (flow[a] > 0) { i64 k = first[head[a]]++; to[k] = (i32)tail[a]; w[k] = -cost[a]; }
    }
    if (joins) {
        i64 k = first[join]++; to[k] = joined; w[k] = 0;
        k = first[joined]++; to[k] = join; w[k] = 0;
    }
    /* placing moved each node's start to the next node's: move them back */
    for (i32 x = n; x > 0; x--) first[x] = first[x - 1];
    first[0] = 0;
    for (i32 x = 0; x < n; x++) dist[x] = 0; /* the root's arc to every node */
    result = correct_labels(n, first, to, w, dist);
out:
    free(first); free(w); free(to);
    return result;
}

/* Takes the `count` int64 arrays of solve() or distances(): per arc (the first `per_arc`,
   tail and head first, any number of arcs), then per node (nodes long); the last one is
   written. Returns the number of arcs with every buffer held, or -1 with none held and
   the error set; an arc whose end is not a node is refused. */
static Py_ssize_t take_arcs(PyObject **obj, int count, int per_arc, int nodes, Py_buffer *b) {
    int writable[8] = {0};
    writable[count - 1] = 1;
    Py_ssize_t arcs = take_int64(obj, count, per_arc, nodes, writable, b);
    if (arcs < 0) return -1;
    const i64 *tail = b[0].buf, *head = b[1].buf;
    for (Py_ssize_t a = 0; a < arcs; a++) {
        if (tail[a] < 0 || tail[a] >= nodes || head[a] < 0 || head[a] >= nodes) {
            PyErr_SetString(PyExc_ValueError, "an arc's end is not a node");
            release_all(b, count);
            return -1;
        }
    }
    return arcs;
}

/* solve(nodes, tail, head, cap, cost, source, sink, flow) -> (phases, nodes bypassed); int64
   arrays. */
static PyObject *py_solve(PyObject *self, PyObject *args) {
    int nodes, source, sink;
    PyObject *obj[5];
    if (!PyArg_ParseTuple(args, "iOOOOiiO", &nodes, &obj[0], &obj[1], &obj[2], &obj[3], &source,
                          &sink, &obj[4]))
        return NULL;
    if (nodes <= 0 || source < 0 || sink < 0 || source >= nodes || sink >= nodes || source == sink) {
        PyErr_SetString(PyExc_ValueError, "bad node count, source or sink");
        return NULL;
    }
    Py_buffer b[5];
    Py_ssize_t arcs = take_arcs(obj, 5, 5, nodes, b);
    if (arcs < 0) return NULL;
    const i64 *tail = b[0].buf, *head = b[1].buf, *cap = b[2].buf;
    const char *bad = NULL;
    for (Py_ssize_t a = 0; a < arcs && !bad; a++) if (cap[a] < 0) bad = "a negative capacity";
    i64 phases = 0, bypassed = 0;
    if (!bad) {
        Py_BEGIN_ALLOW_THREADS
        phases = solve(nodes, arcs, tail, head, cap, b[3].buf, source, sink, b[4].buf, &bypassed);
        Py_END_ALLOW_THREADS
    }
    release_all(b, 5);
    if (bad) { PyErr_SetString(PyExc_ValueError, bad); return NULL; }
    if (phases == -1) { PyErr_SetString(PyExc_ValueError, "the network has a cycle of negative cost"); return NULL; }
    if (phases < 0) return PyErr_NoMemory();
    return Py_BuildValue("LL", (long long)phases, (long long)bypassed);
}

/* distances(nodes, tail, head, cap, cost, flow, join, joined, dist) -> True, or False on a
   negative cycle; int64 arrays, dist (nodes long) written; join and joined -1 for none. */
static PyObject *py_distances(PyObject *self, PyObject *args) {
    int nodes, join, joined;
    PyObject *obj[6];
    if (!PyArg_ParseTuple(args, "iOOOOOiiO", &nodes, &obj[0], &obj[1], &obj[2], &obj[3], &obj[4],
                          &join, &joined, &obj[5]))
        return NULL;
    if (nodes < 0 || join < -1 || joined < -1 || join >= nodes || joined >= nodes) {
        PyErr_SetString(PyExc_ValueError, "bad node count or joined nodes");
        return NULL;
    }
    Py_buffer b[6];
    Py_ssize_t arcs = take_arcs(obj, 6, 5, nodes, b);
    if (arcs < 0) return NULL;
    int result;
    Py_BEGIN_ALLOW_THREADS
    result = residual_distances(nodes, arcs, b[0].buf, b[1].buf, b[2].buf, b[3].buf, b[4].buf,
                                join, joined, b[5].buf);
    Py_END_ALLOW_THREADS
    release_all(b, 6);
    if (result < 0) return PyErr_NoMemory();
    return PyBool_FromLong(result);
}

static PyMethodDef methods[] = {
    {"solve", py_solve, METH_VARARGS, "Max flow at min cost by the primal-dual method (see flow.py)."},
    {"distances", py_distances, METH_VARARGS, "Shortest distances over a flow's residual arcs from a virtual root (see duals.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_mcf", NULL, -1, methods};

PyMODINIT_FUNC PyInit__mcf(void) { return PyModule_Create(&module); }
