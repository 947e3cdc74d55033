/* The binary min-heap of (key, node) both compiled solvers search with (_ssp.c, _mcf.c).

   A push that cannot grow the heap drops the entry and sets `failed`; the solver checks it
   once at the end and reports out of memory, so the searches need no error paths. */
#ifndef MENTORBOT_HEAP_H
#define MENTORBOT_HEAP_H

#include <stdint.h>
#include <stdlib.h>

typedef struct { int64_t key; int32_t node; } heap_item;
typedef struct { heap_item *a; int64_t len, size; int failed; } heap;

static void hpush(heap *h, int64_t key, int32_t node) {
    if (h->len == h->size) {
        int64_t size = h->size * 2 + 1024;
        heap_item *a = realloc(h->a, (size_t)size * sizeof(heap_item));
        if (!a) { h->failed = 1; return; }
        h->a = a; h->size = size;
    }
    int64_t i = h->len++;
    while (i > 0) {
        int64_t p = (i - 1) >> 1;
        if (h->a[p].key <= key) break;
        h->a[i] = h->a[p]; i = p;
    }
    h->a[i].key = key; h->a[i].node = node;
}

static heap_item hpop(heap *h) {
    heap_item top = h->a[0], last = h->a[--h->len];
    int64_t i = 0, n = h->len;
    for (;;) {
        int64_t c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && h->a[c + 1].key < h->a[c].key) c++;
        if (h->a[c].key >= last.key) break;
        h->a[i] = h->a[c]; i = c;
    }
    if (n) h->a[i] = last;
    return top;
}

#endif
