/* Max-weight b-matching on a candidate set by successive shortest paths on LP duals.

   The pruned solver (pruned.py) solves the same matching several times while its candidate
   set grows by a few thousand pairs. A min-cost flow solved from scratch costs the same each
   time; this one starts from the previous matching and duals, so a re-solve costs in
   proportion to what changed. See ssp.py for the model and docs/matching.md for figures.

   Duals: u(m) >= 0 per mentor, v(e) >= 0 per mentee, u(m) + v(e) >= w(m, e) on every
   candidate pair. The matching is optimal when those hold and a matched pair is tight, a
   mentor with a free place has u = 0 and an unmatched mentee has v = 0. Every search below
   keeps the first condition (Dijkstra on reduced costs u + v - w) and repairs the others
   one node at a time: an unmatched mentee with something to gain, or a mentor with a free
   place and a positive price. */
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


typedef struct {
    i32 n;
    /* arcs by mentee and by mentor (CSR); weights aligned */
    const i64 *e_first; const i32 *e_m; const i64 *e_w;
    const i64 *m_first; const i32 *m_e; const i64 *m_w;
    const i64 *cap;
    i64 *slot_first; i32 *slots; i64 *count;
    i64 *mentor_of; i64 *u; i64 *v;
    i64 *d; i32 *pred; char *done;
    char *mark;
    i32 *touched; i64 ntouched;
    i32 *settled; i64 nsettled;
    i32 *reached; i64 nreached;
    heap h;
    /* Nodes reached at the distance being settled (cur) wait here, first in first out,
       not in the heap: most searches run through regions of tied prices, all at one
       distance, and in the order reached they meet the search's end sooner than in the
       heap's order (at 50,000 people: 3.7 M arcs read in a re-solve against 2.4 M). */
    i32 *fifo; i64 fhead, ftail, cur;
    i64 work;
} S;

#define INF (INT64_MAX / 4)

static void slot_add(S *s, i32 m, i32 e) { s->slots[s->slot_first[m] + s->count[m]++] = e; s->mentor_of[e] = m; }
static void slot_remove(S *s, i32 e) {
    i32 m = (i32)s->mentor_of[e];
    i64 f = s->slot_first[m], c = s->count[m];
    for (i64 k = 0; k < c; k++) if (s->slots[f + k] == e) { s->slots[f + k] = s->slots[f + c - 1]; break; }
    s->count[m]--; s->mentor_of[e] = -1;
}
static void touch(S *s, i32 x) { if (s->d[x] == INF) s->touched[s->ntouched++] = x; }
static void reset(S *s) {
    for (i64 k = 0; k < s->ntouched; k++) { i32 x = s->touched[k]; s->d[x] = INF; s->done[x] = 0; }
    s->ntouched = 0; s->nsettled = 0; s->nreached = 0; s->h.len = 0;
    s->fhead = s->ftail = 0; s->cur = 0;
}

/* Reduced costs are >= 0, so nothing is ever reached nearer than cur, and a node waits in
   the first-in first-out list at most once a search (its distance can only fall); the
   bound on the list only guards against that ever failing. */
static void qpush(S *s, i64 key, i32 x) {
    if (key == s->cur && s->ftail < s->n) s->fifo[s->ftail++] = x; else hpush(&s->h, key, x);
}
static int qpop(S *s, heap_item *it) {
    if (s->fhead < s->ftail) { it->key = s->cur; it->node = s->fifo[s->fhead++]; return 1; }
    if (!s->h.len) return 0;
    *it = hpop(&s->h); s->cur = it->key;
    return 1;
}

/* e0 is unmatched; find its best augmentation. d[] indexes mentors. */
static void from_mentee(S *s, i32 e0) {
    i64 best = 0;
    for (i64 a = s->e_first[e0]; a < s->e_first[e0 + 1]; a++) {
        i64 r = s->e_w[a] - s->u[s->e_m[a]];
        if (r > best) best = r;
    }
    s->v[e0] = best;
    if (best == 0) return;
    i64 T = best; int kind = 0; i32 term = -1; /* 0 root unmatched, 1 free mentor, 2 drop mentee */
    for (i64 a = s->e_first[e0]; a < s->e_first[e0 + 1]; a++) {
        i32 m = s->e_m[a]; i64 nd = s->u[m] + best - s->e_w[a];
        if (nd < T && nd < s->d[m]) {
            touch(s, m); s->d[m] = nd; s->pred[m] = e0;
            if (s->count[m] < s->cap[m]) { T = nd; kind = 1; term = m; } else qpush(s, nd, m);
        }
    }
    heap_item it;
    while (qpop(s, &it)) {
        i32 m = it.node;
        if (s->done[m] || it.key > s->d[m]) continue;
        if (it.key >= T) break;
        s->done[m] = 1; s->settled[s->nsettled++] = m;
        i64 dm = it.key;
        for (i64 k = 0; k < s->count[m]; k++) {
            i32 e = s->slots[s->slot_first[m] + k];
            s->reached[s->nreached++] = e;
            if (dm + s->v[e] < T) { T = dm + s->v[e]; kind = 2; term = e; }
            for (i64 a = s->e_first[e]; a < s->e_first[e + 1]; a++) {
                i32 m2 = s->e_m[a];
                if (s->done[m2]) continue;
                i64 nd = dm + s->u[m2] + s->v[e] - s->e_w[a];
                if (nd < T && nd < s->d[m2]) {
                    touch(s, m2); s->d[m2] = nd; s->pred[m2] = e;
                    if (s->count[m2] < s->cap[m2]) { T = nd; kind = 1; term = m2; } else qpush(s, nd, m2);
                }
            }
            s->work += s->e_first[e + 1] - s->e_first[e];
        }
    }
    i64 D = T;
    for (i64 k = 0; k < s->nreached; k++) { i32 e = s->reached[k]; s->v[e] -= D - s->d[s->mentor_of[e]]; }
    for (i64 k = 0; k < s->nsettled; k++) { i32 m = s->settled[k]; s->u[m] += D - s->d[m]; }
    s->v[e0] -= D;
    i32 m = -1;
    if (kind == 1) m = term;
    else if (kind == 2) { m = (i32)s->mentor_of[term]; slot_remove(s, term); }
    while (m >= 0) {
        i32 e = s->pred[m];
        i32 old = (i32)s->mentor_of[e];
        if (old >= 0) slot_remove(s, e);
        slot_add(s, m, e);
        if (e == e0) break;
        m = old;
    }
    reset(s);
}

/* A mentee x just reached at distance nd ends a path already, before it is settled: if
   unmatched it joins (at nd + v), else it leaves its mentor m2, whose price drops to 0 (at
   nd + u[m2]). Most searches end at distance 0 in a region of tied prices, at a mentee whose
   mentor's price is 0; found only when settled, the search first settled the whole tight
   region in heap order (262 mentees a search at 50,000 people, 57 at 10,000). The search
   stops once the next key reaches T, so the distances it settled are still exact. */
#define END_AT_REACHED_MENTEE(x, nd) do { \
    i32 m2_ = (i32)s->mentor_of[x]; \
    if (m2_ < 0) { if ((nd) + s->v[x] < T) { T = (nd) + s->v[x]; kind = 1; term = (x); } } \
    else if ((nd) + s->u[m2_] < T) { T = (nd) + s->u[m2_]; kind = 3; term = (x); } \
} while (0)

/* mentor m0 has a free place and a positive price. d[] indexes mentees, pred[] mentors. */
static void from_mentor(S *s, i32 m0, i32 *reach_from) {
    /* 0 root price to 0, 1 join unmatched mentee, 2 mentor price to 0, 3 the same for a
       mentee's mentor seen when the mentee was reached */
    i64 T = s->u[m0]; int kind = 0; i32 term = -1;
    i64 u0 = s->u[m0];
    for (i64 k = 0; k < s->count[m0]; k++) { /* m0's own mentees are at distance 0 */
        i32 e3 = s->slots[s->slot_first[m0] + k];
        touch(s, e3); s->d[e3] = 0; s->done[e3] = 1; s->settled[s->nsettled++] = e3;
    }
    for (i64 a = s->m_first[m0]; a < s->m_first[m0 + 1]; a++) {
        i32 e = s->m_e[a];
        if (s->mentor_of[e] == m0) continue;
        i64 nd = u0 + s->v[e] - s->m_w[a];
        if (nd < T && nd < s->d[e]) {
            touch(s, e); s->d[e] = nd; s->pred[e] = m0; qpush(s, nd, e);
            END_AT_REACHED_MENTEE(e, nd);
        }
    }
    heap_item it;
    while (qpop(s, &it)) {
        i32 e = it.node;
        if (s->done[e] || it.key > s->d[e]) continue;
        if (it.key >= T) break;
        s->done[e] = 1; s->settled[s->nsettled++] = e;
        i64 de = it.key;
        i32 m1 = (i32)s->mentor_of[e];
        if (m1 < 0) { T = de + s->v[e]; kind = 1; term = e; break; }
        if (m1 == m0 || s->mark[m1]) continue; /* reached already, at a shorter distance */
        s->mark[m1] = 1; s->reached[s->nreached++] = m1; reach_from[m1] = e;
        /* m1's other mentees are at m1's distance: their matched arcs stay tight */
        for (i64 k = 0; k < s->count[m1]; k++) {
            i32 e3 = s->slots[s->slot_first[m1] + k];
            if (s->done[e3]) continue;
            touch(s, e3); s->d[e3] = de; s->done[e3] = 1; s->settled[s->nsettled++] = e3;
        }
        if (de + s->u[m1] < T) { T = de + s->u[m1]; kind = 2; term = m1; }
        for (i64 a = s->m_first[m1]; a < s->m_first[m1 + 1]; a++) {
            i32 e2 = s->m_e[a];
            if (s->done[e2] || s->mentor_of[e2] == m1) continue;
            i64 nd = de + s->u[m1] + s->v[e2] - s->m_w[a];
            if (nd < T && nd < s->d[e2]) {
                touch(s, e2); s->d[e2] = nd; s->pred[e2] = m1; qpush(s, nd, e2);
                END_AT_REACHED_MENTEE(e2, nd);
            }
        }
        s->work += s->m_first[m1 + 1] - s->m_first[m1];
    }
    i64 D = T;
    for (i64 k = 0; k < s->nsettled; k++) { i32 e = s->settled[k]; s->v[e] += D - s->d[e]; }
    for (i64 k = 0; k < s->nreached; k++) { i32 m = s->reached[k]; s->u[m] -= D - s->d[reach_from[m]]; s->mark[m] = 0; }
    s->u[m0] -= D;
    i32 e = -1;
    if (kind == 1) e = term;
    else if (kind == 2) e = reach_from[term];
    /* kind 3: if D > d[term], term was settled before the search stopped and its mentor
       reached with it, so both prices moved with the others */
    else if (kind == 3) e = term;
    while (e >= 0) {
        i32 m = s->pred[e];
        i32 next = (m == m0) ? -1 : reach_from[m];
        if (s->mentor_of[e] >= 0) slot_remove(s, e);
        if (next >= 0) slot_remove(s, next);
        slot_add(s, m, e);
        e = next;
    }
    reset(s);
}

#define OUT_OF_MEMORY (-1)
#define OVER_BUDGET (-2)

/* cand_m, cand_e, weight: the candidate pairs. mentor_of, u, v: in/out. Returns work;
   OVER_BUDGET, with mentor_of, u and v left half way, once the searches have looked at
   more than `budget` arcs (budget < 0: no limit). */
static i64 solve(i32 n, i64 arcs, const i64 *cand_m, const i64 *cand_e, const i64 *weight,
              const i64 *cap, i64 *mentor_of, i64 *u, i64 *v, int warm, i64 budget) {
    S s; memset(&s, 0, sizeof s);
    i64 *e_first = malloc(((size_t)n + 1) * sizeof(i64)), *m_first = malloc(((size_t)n + 1) * sizeof(i64));
    i32 *e_m = malloc(((size_t)arcs + 1) * sizeof(i32)), *m_e = malloc(((size_t)arcs + 1) * sizeof(i32));
    i64 *e_w = malloc(((size_t)arcs + 1) * sizeof(i64)), *m_w = malloc(((size_t)arcs + 1) * sizeof(i64));
    s.n = n; s.e_first = e_first; s.e_m = e_m; s.e_w = e_w; s.m_first = m_first; s.m_e = m_e; s.m_w = m_w; s.cap = cap;
    s.mentor_of = mentor_of; s.u = u; s.v = v;
    s.slot_first = malloc((n + 1) * sizeof(i64));
    i64 places = 0;
    for (i32 i = 0; i < n; i++) places += cap[i];
    s.slots = malloc((places + 1) * sizeof(i32));
    s.count = calloc(n + 1, sizeof(i64));
    s.d = malloc((n + 1) * sizeof(i64));
    s.pred = malloc((n + 1) * sizeof(i32)); s.done = calloc(n + 1, 1); s.mark = calloc(n + 1, 1);
    s.fifo = malloc((n + 1) * sizeof(i32));
    s.touched = malloc((n + 1) * sizeof(i32)); s.settled = malloc((n + 1) * sizeof(i32)); s.reached = malloc((n + 1) * sizeof(i32));
    i32 *reach_from = malloc((n + 1) * sizeof(i32));
    i32 *roots = malloc((n + 1) * sizeof(i32)); i64 nroots = 0;
    i64 work = OUT_OF_MEMORY;
    if (!e_first || !m_first || !e_m || !m_e || !e_w || !m_w || !s.slot_first || !s.slots || !s.count
        || !s.fifo || !s.d || !s.pred || !s.done || !s.mark || !s.touched || !s.settled || !s.reached
        || !reach_from || !roots) goto out;
    /* The arcs by mentee and by mentor. The caller's pairs come sorted by (mentor, mentee),
       and both lists keep that order within a node, which fixes how ties are broken.
       Sorting them twice per solve in the caller took as long as a warm solve itself
       (0.36 s of 0.56 s at 50,000 people), and its cost per pair grows with the set. */
    if (by_node(n, arcs, cand_e, cand_m, weight, e_first, e_m, e_w) < 0
        || by_node(n, arcs, cand_m, cand_e, weight, m_first, m_e, m_w) < 0) goto out;
    for (i32 i = 0; i < n; i++) s.d[i] = INF;
    s.slot_first[0] = 0;
    for (i32 i = 0; i < n; i++) s.slot_first[i + 1] = s.slot_first[i] + cap[i];
    if (!warm) { for (i32 i = 0; i < n; i++) { mentor_of[i] = -1; u[i] = 0; v[i] = 0; } }
    /* place the matching; a matched pair whose arc is gone or not tight makes its mentee a root */
    for (i32 e = 0; e < n; e++) {
        i64 m = mentor_of[e];
        if (m < 0) continue;
        int ok = 0;
        for (i64 a = e_first[e]; a < e_first[e + 1]; a++) if (e_m[a] == m) { ok = (u[m] + v[e] == e_w[a]); break; }
        mentor_of[e] = -1;
        if (ok && s.count[m] < cap[m]) slot_add(&s, (i32)m, e);
    }
    for (i32 e = 0; e < n; e++) {
        int bad = mentor_of[e] < 0 && v[e] != 0;
        for (i64 a = e_first[e]; a < e_first[e + 1] && !bad; a++) if (u[e_m[a]] + v[e] < e_w[a]) bad = 1;
        if (!bad) continue;
        if (mentor_of[e] >= 0) slot_remove(&s, e);
        roots[nroots++] = e;
    }
    for (i64 k = 0; k < nroots; k++) {
        from_mentee(&s, roots[k]);
        if (budget >= 0 && s.work > budget) { work = OVER_BUDGET; goto out; }
    }
    for (i32 m = 0; m < n; m++) {
        while (s.count[m] < cap[m] && u[m] > 0) from_mentor(&s, m, reach_from);
        if (budget >= 0 && s.work > budget) { work = OVER_BUDGET; goto out; }
    }
    work = s.h.failed ? OUT_OF_MEMORY : s.work; /* a search that lost a heap entry is not trusted */
out:
    free(e_first); free(m_first); free(e_m); free(m_e); free(e_w); free(m_w);
    free(s.slot_first); free(s.slots); free(s.count); free(s.d); free(s.pred); free(s.done); free(s.mark);
    free(s.fifo); free(s.touched); free(s.settled); free(s.reached); free(reach_from); free(roots); free(s.h.a);
    return work;
}

/* Takes the `count` arrays of solve() or prices(): three of the candidate pairs (cand_m,
   cand_e, weight; any number, each end in 0..n-1), then n per person, of which
   obj[mentor_at] is mentor_of (each below n). Returns the number of pairs with every buffer
   held, or -1 with none held and the error set. */
static Py_ssize_t take_arrays(PyObject **obj, int count, int n, const int *writable,
                              int mentor_at, Py_buffer *b) {
    if (n < 0) { PyErr_SetString(PyExc_ValueError, "n < 0"); return -1; }
    Py_ssize_t arcs = take_int64(obj, count, 3, n, writable, b);
    if (arcs < 0) return -1;
    const i64 *cand_m = b[0].buf, *cand_e = b[1].buf, *mentor_of = b[mentor_at].buf;
    int bad = 0;
    for (Py_ssize_t a = 0; a < arcs && !bad; a++)
        bad = cand_m[a] < 0 || cand_m[a] >= n || cand_e[a] < 0 || cand_e[a] >= n;
    for (Py_ssize_t e = 0; e < n && !bad; e++) bad = mentor_of[e] >= n;
    if (!bad) return arcs;
    PyErr_SetString(PyExc_ValueError, "a pair's end or a mentor is not a person");
    release_all(b, count);
    return -1;
}

/* solve(n, cand_m, cand_e, weight, cap, mentor_of, u, v, warm, budget=-1) -> work, or None
   over budget; int64 arrays: the candidate pairs (any number, each end in 0..n-1), then
   n per person. */
static PyObject *py_solve(PyObject *self, PyObject *args) {
    int n, warm;
    long long budget = -1;
    PyObject *obj[7];
    if (!PyArg_ParseTuple(args, "iOOOOOOOp|L", &n, &obj[0], &obj[1], &obj[2], &obj[3], &obj[4],
                          &obj[5], &obj[6], &warm, &budget))
        return NULL;
    Py_buffer b[7];
    static const int writable[7] = {0, 0, 0, 0, 1, 1, 1};
    Py_ssize_t arcs = take_arrays(obj, 7, n, writable, 4, b);
    if (arcs < 0) return NULL;
    i64 work;
    Py_BEGIN_ALLOW_THREADS
    work = solve(n, arcs, b[0].buf, b[1].buf, b[2].buf, b[3].buf, b[4].buf, b[5].buf, b[6].buf,
                 warm, (i64)budget);
    Py_END_ALLOW_THREADS
    release_all(b, 7);
    if (work == OVER_BUDGET) Py_RETURN_NONE;
    if (work < 0) return PyErr_NoMemory();
    return PyLong_FromLongLong(work);
}

/* The mentee-optimal duals of pruned_duals.py: the least u >= 0 with u(m) >= w(m, e) for a
   candidate pair whose mentee e is unmatched and u(m) >= u(m') + w(m, e) - w(m', e) where e
   is matched to m' != m; then v(e) = w(m', e) - u(m') for a matched e, 0 otherwise. A
   longest-path problem over mentors, solved by label correction with a FIFO queue: a
   mentor is queued again only when its price went up. The vectorised form relaxes every
   arc of the frontier each pass, and its passes grow with the chains of ties (0.3-0.6 s at
   50,000 people against 0.04-0.05 s at 10,000). Returns 1, 0 when prices keep rising (a
   positive cycle: the matching is not optimal on the pairs), -1 out of memory. */
static int prices(i32 n, i64 arcs, const i64 *cand_m, const i64 *cand_e, const i64 *w,
                  const i64 *mentor_of, i64 *u, i64 *v) {
    i64 *matched_w = calloc((size_t)n + 1, sizeof(i64)), *first = calloc((size_t)n + 2, sizeof(i64));
    i64 *next = malloc(((size_t)n + 1) * sizeof(i64)), *loss = malloc(((size_t)arcs + 1) * sizeof(i64));
    i32 *to = malloc(((size_t)arcs + 1) * sizeof(i32));
    int result = -1;
    if (!matched_w || !first || !next || !loss || !to) goto out;
    for (i32 i = 0; i < n; i++) u[i] = 0;
    for (i64 a = 0; a < arcs; a++) {
        i64 m = cand_m[a], e = cand_e[a];
        if (mentor_of[e] == m) matched_w[e] = w[a];
        else if (mentor_of[e] < 0 && w[a] > u[m]) u[m] = w[a];
    }
    /* rival arcs m' -> m (e matched to m'), listed by m' with a counting sort */
    for (i64 a = 0; a < arcs; a++) {
        i64 owner = mentor_of[cand_e[a]];
        if (owner >= 0 && owner != cand_m[a]) first[owner + 1]++;
    }
    for (i32 i = 0; i < n; i++) first[i + 1] += first[i];
    memcpy(next, first, ((size_t)n + 1) * sizeof(i64));
    for (i64 a = 0; a < arcs; a++) {
        i64 e = cand_e[a], owner = mentor_of[e];
        if (owner < 0 || owner == cand_m[a]) continue;
        i64 k = next[owner]++;
        to[k] = (i32)cand_m[a]; loss[k] = matched_w[e] - w[a];
    }
    /* the longest paths are the shortest ones on -u with the gains negated */
    for (i32 i = 0; i < n; i++) u[i] = -u[i];
    result = correct_labels(n, first, to, loss, u);
    for (i32 i = 0; i < n; i++) u[i] = -u[i];
    if (result == 1)
        for (i32 e = 0; e < n; e++) v[e] = mentor_of[e] >= 0 ? matched_w[e] - u[mentor_of[e]] : 0;
out:
    free(matched_w); free(first); free(next); free(loss); free(to);
    return result;
}

/* prices(n, cand_m, cand_e, weight, mentor_of, u, v) -> True, or False if they do not
   settle; int64 arrays as for solve(), u and v written. */
static PyObject *py_prices(PyObject *self, PyObject *args) {
    int n;
    PyObject *obj[6];
    if (!PyArg_ParseTuple(args, "iOOOOOO", &n, &obj[0], &obj[1], &obj[2], &obj[3], &obj[4], &obj[5]))
        return NULL;
    Py_buffer b[6];
    static const int writable[6] = {0, 0, 0, 0, 1, 1};
    Py_ssize_t arcs = take_arrays(obj, 6, n, writable, 3, b);
    if (arcs < 0) return NULL;
    int result;
    Py_BEGIN_ALLOW_THREADS
    result = prices(n, arcs, b[0].buf, b[1].buf, b[2].buf, b[3].buf, b[4].buf, b[5].buf);
    Py_END_ALLOW_THREADS
    release_all(b, 6);
    if (result < 0) return PyErr_NoMemory();
    return PyBool_FromLong(result);
}

static PyMethodDef methods[] = {
    {"solve", py_solve, METH_VARARGS, "Warm-startable max-weight b-matching (see ssp.py)."},
    {"prices", py_prices, METH_VARARGS, "Mentee-optimal duals of a matching (see pruned_duals.py)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ssp", NULL, -1, methods};

PyMODINIT_FUNC PyInit__ssp(void) { return PyModule_Create(&module); }
