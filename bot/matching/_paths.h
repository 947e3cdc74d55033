/* Lists of arcs by node and label-correcting shortest paths, for both compiled solvers
   (_ssp.c: the pruned set's arcs and its least prices; _mcf.c: the potentials that prove
   a hub flow, whose residual arcs it lists itself). */
#ifndef MENTORBOT_PATHS_H
#define MENTORBOT_PATHS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The arcs (key[a] -> other[a], weight w[a]) listed by key node by a counting sort: one
   pass to count, one to place; arcs keep their input order within a node. first has n + 1
   places (node x's arcs are to/tw[first[x] .. first[x + 1] - 1]). -1 out of memory.
   Inline so that _mcf.c, which lists its residual arcs itself, compiles without it. */
static inline int by_node(int32_t n, int64_t arcs, const int64_t *key, const int64_t *other,
                   const int64_t *w, int64_t *first, int32_t *to, int64_t *tw) {
    int64_t *next = malloc(((size_t)n + 1) * sizeof(int64_t));
    if (!next) return -1;
    memset(first, 0, ((size_t)n + 1) * sizeof(int64_t));
    for (int64_t a = 0; a < arcs; a++) first[key[a] + 1]++;
    for (int32_t i = 0; i < n; i++) first[i + 1] += first[i];
    memcpy(next, first, ((size_t)n + 1) * sizeof(int64_t));
    for (int64_t a = 0; a < arcs; a++) {
        int64_t k = next[key[a]]++;
        to[k] = (int32_t)other[a]; tw[k] = w[a];
    }
    free(next);
    return 0;
}

/* Lowers dist (every node's starting label, as from a virtual root) until no arc of the
   lists (first, to, w) shortens it: label correction with a first-in first-out queue that
   starts with every node and takes a node again only when its label fell. Taken that way
   the nodes come in passes, and pass k has every shortest path of k arcs right, so a node
   taken more than n times lies on a negative cycle. Returns 1, 0 on a negative cycle,
   -1 out of memory. A vectorised form that relaxes the whole frontier each pass needs
   more passes as chains of ties grow (several times the time at 50,000 people). */
static int correct_labels(int32_t n, const int64_t *first, const int32_t *to, const int64_t *w,
                          int64_t *dist) {
    int32_t *queue = malloc(((size_t)n + 1) * sizeof(int32_t));
    int64_t *passes = calloc((size_t)n + 1, sizeof(int64_t));
    char *queued = malloc((size_t)n + 1);
    int result = -1;
    if (!queue || !passes || !queued) goto out;
    /* a ring buffer of n + 1 places holds each node at most once, so it is never full */
    int64_t head = 0, tail = n, places = (int64_t)n + 1;
    for (int32_t x = 0; x < n; x++) { queue[x] = x; queued[x] = 1; }
    result = 1;
    while (head != tail) {
        int32_t x = queue[head]; head = (head + 1) % places; queued[x] = 0;
        if (++passes[x] > n) { result = 0; goto out; }
        for (int64_t k = first[x]; k < first[x + 1]; k++) {
            int32_t y = to[k];
            int64_t nd = dist[x] + w[k];
            if (nd >= dist[y]) continue;
            dist[y] = nd;
            if (!queued[y]) { queued[y] = 1; queue[tail] = y; tail = (tail + 1) % places; }
        }
    }
out:
    free(queue); free(passes); free(queued);
    return result;
}

#endif
