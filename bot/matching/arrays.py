"""numpy building blocks of the matcher: sorted sets of int64 keys (pair keys m·n + e),
lookups of many keys at once in a cache-friendly way, and runs of consecutive elements."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (sort-based: faster than np.unique for big int arrays)."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


# Below this many keys a plain binary search is as fast as sorting the keys first.
_SORTED_SEARCH_FROM = 4096


def search(sorted_values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """np.searchsorted(sorted_values, keys), looking the keys up in near-sorted order.

    Random keys make every binary search of a big array miss the cache; searched in order,
    consecutive searches walk the same part of the array: several times faster even counting
    the ordering. The keys are ordered by their top 16 bits only, which a stable sort of
    16-bit values does by radix in linear time, and which is as good for the cache: half
    the time of a full argsort at 500,000 keys, whose cost per key grows with their number.
    (Not worth it where the searched array is small beside the keys: it stays in the cache
    anyway, so those places call np.searchsorted.)
    """
    if len(keys) < _SORTED_SEARCH_FROM:
        return np.searchsorted(sorted_values, keys)
    low = int(keys.min())
    shift = max((int(keys.max()) - low).bit_length() - 16, 0)
    order = np.argsort(((keys - low) >> shift).astype(np.uint16), kind="stable")
    pos = np.empty(len(keys), dtype=np.intp)
    pos[order] = np.searchsorted(sorted_values, keys[order])
    return pos


def contiguous_int64(*arrays: np.ndarray) -> list[np.ndarray]:
    """The arrays as the compiled solvers read them: contiguous int64 (copied only if not)."""
    return [np.ascontiguousarray(a, dtype=np.int64) for a in arrays]


def runs(start: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every element of the runs start[i], …, start[i] + count[i] − 1, run after run:
    (the run it is in, its position)."""
    run = np.repeat(np.arange(len(count)), count)
    position = np.arange(len(run)) + np.repeat(start - (np.cumsum(count) - count), count)
    return run, position


def slices(count: np.ndarray, size: int) -> Iterator[tuple[int, int]]:
    """Ranges [a, b) of consecutive runs with about `size` elements in all (at least one
    run each), for work on millions of elements done a cache-sized slice at a time."""
    ends = np.cumsum(count)
    a = 0
    while a < len(count):
        base = int(ends[a - 1]) if a else 0
        b = max(int(np.searchsorted(ends, base + size, side="right")), a + 1)
        yield a, b
        a = b


def merge_sorted(
    keys: np.ndarray, values: np.ndarray, new: np.ndarray, new_values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """`keys` and `new`, both sorted and no key in both, as one sorted array, with their
    values aligned: each placed by where it falls in the other, with no sort."""
    merged = np.empty(len(keys) + len(new), dtype=keys.dtype)
    merged_values = np.empty(len(merged), dtype=values.dtype)
    at_new = np.searchsorted(keys, new) + np.arange(len(new))
    at_old = np.searchsorted(new, keys) + np.arange(len(keys))
    merged[at_new], merged_values[at_new] = new, new_values
    merged[at_old], merged_values[at_old] = keys, values
    return merged, merged_values


def group_starts(sorted_values: np.ndarray) -> np.ndarray:
    """For each position of a sorted array, the index where its run of equal values starts."""
    first = np.ones(len(sorted_values), dtype=bool)
    first[1:] = sorted_values[1:] != sorted_values[:-1]
    return np.maximum.accumulate(np.where(first, np.arange(len(sorted_values)), 0))


# A sorted set of a million keys (8 MB) misses the processor's cache at almost every step
# of a binary search, so the cost per key looked up grows with the set: the pruned
# solver's exclusion and candidate checks took 0.02 s at 10,000 people and 0.25 s at
# 50,000. A bitmap of hashed keys, 8 bits per key, stays in the cache and rules out most
# absent keys at once; only the keys it cannot rule out (about one in eight of the absent
# ones, plus those present) are looked up in the array.
_MIX = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: the top bits of key × this
_BITS_PER_KEY = 8


class KeySet:
    """Sorted distinct keys and a hashed bitmap in front of them."""

    __slots__ = ("_bitmap", "_shift", "keys")

    def __init__(self, sorted_keys: np.ndarray) -> None:
        """`sorted_keys`: ascending and distinct (`sorted_unique`)."""
        self.keys = sorted_keys
        width = max(int(len(sorted_keys) * _BITS_PER_KEY - 1).bit_length(), 6)
        self._shift = np.uint64(64 - width)
        seen = np.zeros(1 << width, dtype=bool)
        seen[self._slot(sorted_keys)] = True
        self._bitmap = np.packbits(seen, bitorder="little")

    def __len__(self) -> int:
        return len(self.keys)

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        # Wrapping multiplication is the point here: numpy wraps uint64 arrays silently.
        bits = keys.view(np.uint64) if keys.dtype == np.int64 else keys.astype(np.uint64)
        slot: np.ndarray = (bits * _MIX) >> self._shift
        return slot

    def contains(self, keys: np.ndarray) -> np.ndarray:
        """Whether each key is in the set."""
        found = np.zeros(len(keys), dtype=bool)
        if len(self.keys) == 0 or len(keys) == 0:
            return found
        slot = self._slot(keys)
        maybe = np.flatnonzero((self._bitmap[slot >> np.uint64(3)] >> (slot & np.uint64(7))) & 1)
        if len(maybe):
            wanted = keys[maybe]
            pos = search(self.keys, wanted).clip(max=len(self.keys) - 1)
            found[maybe] = self.keys[pos] == wanted
        return found
