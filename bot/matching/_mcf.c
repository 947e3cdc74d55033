/* Max flow at min cost for the hub network (network.py), by the primal-dual method.

   The hub network has about a million arcs and costs in a range of a few dozen (levels,
   weeks waited, bonuses, penalties), so its shortest augmenting paths take few distinct
   lengths (12-21 at 50,000 people), and the primal-dual method needs one phase per length:
   a Dijkstra search on reduced costs from the source gives the next length and moves the
   node potentials, then a maximum flow over the arcs of reduced cost zero augments along
   every path of that length at once. All flow goes along shortest paths, so the maximum
   flow it ends with has the minimum cost. On the hub networks of the scarce, many-inactive
   and kept-aside cohorts at 50,000 people it takes 2-5 s where OR-Tools' cost scaling takes
   7-9 s.

   Each phase's maximum flow is found on the arcs of reduced cost 0 alone (collected once
   per phase) by shortest augmenting paths with distance labels (ISAP): labels are
   recomputed from the sink whenever the relabelling since the last time has read half as
   many arcs as there are tight ones (a relabel raises a label by little, and nodes that
   lost their way to the sink would otherwise climb one step at a time), and a label left
   empty ends the phase (the gap).

   Residual arcs are stored node by node, so each scan reads memory in order; rev[r] is the
   arc in the other direction, fwd[a] where arc a lies forwards. Potentials start as
   shortest distances from the source (Bellman-Ford with a queue: the network is layered,
   so it settles in a few passes), which makes every reduced cost non-negative. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "_heap.h"

typedef int64_t i64;
typedef int32_t i32;

#define INF (INT64_MAX / 4)

typedef struct {
    i32 nodes, source, sink;
    i64 *first;  /* residual arcs of node x: first[x] .. first[x + 1] - 1 */
    i64 *rev;
    i32 *to;
    i64 *rcap, *cost;
    i64 *pi, *d;
    i32 *level, *queue;
    i64 *tight_first; /* a phase's arcs of reduced cost 0 of node x: */
    i64 *tight;       /* tight[tight_first[x] .. tight_first[x + 1] - 1] */
    i64 *cur;    /* current position in tight[] per node */
    i64 *stack;  /* residual arcs of the path being built */
    i32 *count;  /* nodes per distance label */
    heap h;
    i64 phases;
} G;

static i64 reduced(const G *g, i32 x, i64 r) { return g->cost[r] + g->pi[x] - g->pi[g->to[r]]; }

/* Shortest distances from the source over arcs with room; -1 on a negative cycle. */
static int initial_potentials(G *g) {
    i32 n = g->nodes;
    char *queued = calloc(n, 1);
    i32 *passes = calloc(n, sizeof(i32));
    if (!queued || !passes) { free(queued); free(passes); return -2; }
    for (i32 x = 0; x < n; x++) g->pi[x] = INF;
    /* a ring buffer: each node is in it at most once */
    i64 head = 0, tail = 0;
    g->pi[g->source] = 0; g->queue[tail++] = g->source; queued[g->source] = 1;
    int result = 0;
    while (head != tail) {
        i32 x = g->queue[head]; head = (head + 1) % n; queued[x] = 0;
        if (++passes[x] > n) { result = -1; break; }
        for (i64 k = g->first[x]; k < g->first[x + 1]; k++) {
            if (g->rcap[k] <= 0) continue;
            i32 y = g->to[k];
            i64 nd = g->pi[x] + g->cost[k];
            if (nd < g->pi[y]) {
                g->pi[y] = nd;
                if (!queued[y]) { queued[y] = 1; g->queue[tail] = y; tail = (tail + 1) % n; }
            }
        }
    }
    /* A node the source cannot reach now never carries flow: any potential will do. */
    for (i32 x = 0; x < n; x++) if (g->pi[x] == INF) g->pi[x] = 0;
    free(queued); free(passes);
    return result;
}

/* Dijkstra on reduced costs; moves the potentials. Returns 1 if the sink was reached. */
static int search(G *g) {
    i32 n = g->nodes;
    for (i32 x = 0; x < n; x++) g->d[x] = INF;
    g->h.len = 0;
    g->d[g->source] = 0;
    hpush(&g->h, 0, g->source);
    i64 D = INF;
    while (g->h.len) {
        heap_item it = hpop(&g->h);
        i32 x = it.node;
        if (it.key > g->d[x]) continue;
        if (x == g->sink) { D = it.key; break; }
        for (i64 k = g->first[x]; k < g->first[x + 1]; k++) {
            if (g->rcap[k] <= 0) continue;
            i32 y = g->to[k];
            i64 nd = it.key + reduced(g, x, k);
            if (nd < g->d[y]) {
                g->d[y] = nd;
                hpush(&g->h, nd, y);
            }
        }
    }
    if (g->h.failed) return -2;
    if (D == INF) return 0;
    for (i32 x = 0; x < n; x++) g->pi[x] += g->d[x] < D ? g->d[x] : D;
    return 1;
}

/* The arcs of reduced cost 0 under this phase's potentials, node by node. Only they can
   carry flow in the phase, and they are a small share of the network, so the searches
   below read only them. The reverse of a tight arc is tight too. */
static void collect_tight(G *g) {
    i64 k = 0;
    for (i32 x = 0; x < g->nodes; x++) {
        g->tight_first[x] = k;
        for (i64 r = g->first[x]; r < g->first[x + 1]; r++)
            if (reduced(g, x, r) == 0) g->tight[k++] = r;
    }
    g->tight_first[g->nodes] = k;
}

/* Exact labels (tight arcs with room to the sink) by a search backwards from it. */
static void global_labels(G *g) {
    i32 n = g->nodes, *dist = g->level, *count = g->count;
    for (i32 x = 0; x < n; x++) dist[x] = n;
    for (i32 k = 0; k <= n; k++) count[k] = 0;
    i64 head = 0, tail = 0;
    dist[g->sink] = 0; g->queue[tail++] = g->sink;
    while (head < tail) {
        i32 y = g->queue[head++];
        for (i64 k = g->tight_first[y]; k < g->tight_first[y + 1]; k++) {
            i64 r = g->tight[k];
            i32 x = g->to[r];
            if (dist[x] < n || g->rcap[g->rev[r]] <= 0) continue;
            dist[x] = dist[y] + 1;
            g->queue[tail++] = x;
        }
    }
    for (i32 x = 0; x < n; x++) { count[dist[x]]++; g->cur[x] = g->tight_first[x]; }
}

/* A maximum flow over the tight arcs (every path of them from source to sink is a
   shortest path), by shortest augmenting paths with distance labels kept up to date
   locally (ISAP): a label is the number of arcs to the sink; a node with no arc down to a
   label one lower is relabelled and the path retreats; when no node is left at some
   label, nothing above it reaches the sink (the gap) and the phase is over. */
static void phase_flow(G *g) {
    i32 n = g->nodes, *dist = g->level, *count = g->count;
    collect_tight(g);
    global_labels(g);
    i64 depth = 0, since = 0, size = g->tight_first[n];
    i32 x = g->source;
    while (dist[g->source] < n) {
        if (x == g->sink) {
            i64 push = INF;
            for (i64 k = 0; k < depth; k++) if (g->rcap[g->stack[k]] < push) push = g->rcap[g->stack[k]];
            i64 back = depth;
            for (i64 k = 0; k < depth; k++) {
                i64 r = g->stack[k];
                g->rcap[r] -= push; g->rcap[g->rev[r]] += push;
                if (g->rcap[r] == 0 && k < back) back = k;
            }
            depth = back; /* resume from the tail of the first arc the push filled */
            x = depth ? g->to[g->stack[depth - 1]] : g->source;
            continue;
        }
        int advanced = 0;
        for (; g->cur[x] < g->tight_first[x + 1]; g->cur[x]++) {
            i64 r = g->tight[g->cur[x]];
            i32 y = g->to[r];
            if (dist[x] == dist[y] + 1 && g->rcap[r] > 0) {
                g->stack[depth++] = r; x = y; advanced = 1;
                break;
            }
        }
        if (advanced) continue;
        i32 low = n;
        for (i64 k = g->tight_first[x]; k < g->tight_first[x + 1]; k++) {
            i64 r = g->tight[k];
            if (dist[g->to[r]] + 1 < low && g->rcap[r] > 0) low = dist[g->to[r]] + 1;
        }
        if (--count[dist[x]] == 0) break; /* the gap */
        since += g->tight_first[x + 1] - g->tight_first[x];
        if (since >= size / 2) {
            /* Recompute every label and start again from the source (see the top). */
            global_labels(g);
            since = 0; depth = 0; x = g->source;
            continue;
        }
        dist[x] = low;
        count[low]++;
        g->cur[x] = g->tight_first[x];
        if (x != g->source) { depth--; x = depth ? g->to[g->stack[depth - 1]] : g->source; }
    }
}

/* tail, head, cap, cost: arcs (cap >= 0); flow: out. Returns phases, -1 on a negative cycle,
   -2 out of memory. */
static i64 solve(i32 nodes, i64 arcs, const i64 *tail, const i64 *head, const i64 *cap,
                 const i64 *cost, i32 source, i32 sink, i64 *flow) {
    G g; memset(&g, 0, sizeof g);
    g.nodes = nodes; g.source = source; g.sink = sink;
    i64 res = 2 * arcs;
    g.first = calloc((size_t)nodes + 1, sizeof(i64));
    g.rev = malloc((res + 1) * sizeof(i64));
    g.to = malloc((res + 1) * sizeof(i32));
    g.rcap = malloc((res + 1) * sizeof(i64));
    g.cost = malloc((res + 1) * sizeof(i64));
    i64 *fwd = malloc((arcs + 1) * sizeof(i64));
    g.pi = malloc((size_t)nodes * sizeof(i64));
    g.d = malloc((size_t)nodes * sizeof(i64));
    g.level = malloc((size_t)nodes * sizeof(i32));
    g.queue = malloc((size_t)nodes * sizeof(i32));
    g.cur = malloc((size_t)nodes * sizeof(i64));
    g.stack = malloc(((size_t)nodes + 1) * sizeof(i64));
    g.count = malloc(((size_t)nodes + 1) * sizeof(i32));
    g.tight_first = malloc(((size_t)nodes + 1) * sizeof(i64));
    g.tight = malloc((res + 1) * sizeof(i64));
    i64 result = -2;
    if (!g.first || !g.rev || !g.to || !g.rcap || !g.cost || !fwd || !g.pi || !g.d || !g.level
        || !g.queue || !g.cur || !g.stack || !g.count || !g.tight_first || !g.tight) goto out;
    for (i64 a = 0; a < arcs; a++) { g.first[tail[a] + 1]++; g.first[head[a] + 1]++; }
    for (i32 x = 0; x < nodes; x++) g.first[x + 1] += g.first[x];
    for (i32 x = 0; x < nodes; x++) g.cur[x] = g.first[x];
    for (i64 a = 0; a < arcs; a++) {
        i64 f = g.cur[tail[a]]++, b = g.cur[head[a]]++;
        fwd[a] = f;
        g.to[f] = (i32)head[a]; g.rcap[f] = cap[a]; g.cost[f] = cost[a]; g.rev[f] = b;
        g.to[b] = (i32)tail[a]; g.rcap[b] = 0; g.cost[b] = -cost[a]; g.rev[b] = f;
    }
    int ok = initial_potentials(&g);
    if (ok < 0) { result = ok; goto out; }
    for (;;) {
        int found = search(&g);
        if (found < 0) goto out;
        if (!found) break;
        g.phases++;
        phase_flow(&g);
    }
    for (i64 a = 0; a < arcs; a++) flow[a] = cap[a] - g.rcap[fwd[a]];
    result = g.phases;
out:
    free(fwd); free(g.first); free(g.rev); free(g.to); free(g.rcap); free(g.cost); free(g.pi); free(g.d);
    free(g.level); free(g.queue); free(g.cur); free(g.stack); free(g.count); free(g.tight_first); free(g.tight); free(g.h.a);
    return result;
}

static int buffer_of(PyObject *obj, Py_buffer *view, Py_ssize_t items, int writable) {
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | (writable ? PyBUF_WRITABLE : 0)) < 0) return -1;
    if (view->itemsize != 8 || view->len != items * 8) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "array of the wrong type or length");
        return -1;
    }
    return 0;
}

/* solve(nodes, tail, head, cap, cost, source, sink, flow) -> phases; int64 arrays. */
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
    if (PyObject_GetBuffer(obj[0], &b[0], PyBUF_C_CONTIGUOUS) < 0) return NULL;
    Py_ssize_t arcs = b[0].itemsize == 8 ? b[0].len / 8 : -1;
    PyBuffer_Release(&b[0]);
    if (arcs < 0) { PyErr_SetString(PyExc_ValueError, "array of the wrong type or length"); return NULL; }
    int got = 0;
    for (int k = 0; k < 5; k++) {
        if (buffer_of(obj[k], &b[k], arcs, k == 4) < 0) break;
        got = k + 1;
    }
    if (got < 5) { for (int k = 0; k < got; k++) PyBuffer_Release(&b[k]); return NULL; }
    const i64 *tail = b[0].buf, *head = b[1].buf, *cap = b[2].buf;
    const char *bad = NULL;
    for (Py_ssize_t a = 0; a < arcs && !bad; a++) {
        if (tail[a] < 0 || tail[a] >= nodes || head[a] < 0 || head[a] >= nodes) bad = "an arc's end is not a node";
        else if (cap[a] < 0) bad = "a negative capacity";
    }
    i64 phases = 0;
    if (!bad) {
        Py_BEGIN_ALLOW_THREADS
        phases = solve(nodes, arcs, tail, head, cap, b[3].buf, source, sink, b[4].buf);
        Py_END_ALLOW_THREADS
    }
    for (int k = 0; k < 5; k++) PyBuffer_Release(&b[k]);
    if (bad) { PyErr_SetString(PyExc_ValueError, bad); return NULL; }
    if (phases == -1) { PyErr_SetString(PyExc_ValueError, "the network has a cycle of negative cost"); return NULL; }
    if (phases < 0) return PyErr_NoMemory();
    return PyLong_FromLongLong(phases);
}

static PyMethodDef methods[] = {
    {"solve", py_solve, METH_VARARGS, "Max flow at min cost by the primal-dual method (see flow.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_mcf", NULL, -1, methods};

PyMODINIT_FUNC PyInit__mcf(void) { return PyModule_Create(&module); }
