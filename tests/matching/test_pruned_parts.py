"""Pieces of the pruned solver's pricing loop against plain reference versions: the most
violating new pairs per mentee, and merging them into the candidate list."""

from __future__ import annotations

import numpy as np
import pytest

from bot.matching.arrays import merge_sorted
from bot.matching.pruned import top_per_mentee

pytestmark = pytest.mark.db_independent


def _reference(m, e, excess, top) -> set[tuple[int, int]]:
    """Each pair once; per mentee the `top` largest excesses, ties to the lower mentor."""
    pairs = sorted({(int(a), int(b), int(x)) for a, b, x in zip(m, e, excess, strict=True)})
    kept = set()
    for mentee in {b for _, b, _ in pairs}:
        mine = sorted((-x, a) for a, b, x in pairs if b == mentee)
        kept |= {(a, mentee) for _, a in mine[:top]}
    return kept


@pytest.mark.parametrize("largest", [50, 2**40, 2**62])
def test_top_pairs_per_mentee_whatever_the_size_of_the_excess(largest: int) -> None:
    # Small excesses are packed with both people into one integer and sorted once; past
    # 63 bits the same answer comes from two sorts.
    rng = np.random.default_rng(largest % 1000)
    for _ in range(300):
        n, count = int(rng.integers(2, 9)), int(rng.integers(1, 30))
        m, e = rng.integers(0, n, count), rng.integers(0, n, count)
        first: dict[tuple[int, int], int] = {}
        excess = np.array(
            [
                first.setdefault((a, b), int(rng.integers(1, largest)))
                for a, b in zip(m.tolist(), e.tolist(), strict=True)
            ],
            dtype=np.int64,
        )  # a pair found in two groups comes with the same excess both times
        top = int(rng.integers(1, 4))
        got_m, got_e, got_excess = top_per_mentee(m, e, excess, n, top)
        assert set(zip(got_m.tolist(), got_e.tolist(), strict=True)) == _reference(
            m, e, excess, top
        )
        assert len(got_m) == len(set(zip(got_m.tolist(), got_e.tolist(), strict=True)))
        assert all(
            first[(a, b)] == x
            for a, b, x in zip(got_m.tolist(), got_e.tolist(), got_excess.tolist(), strict=True)
        )


def test_merged_candidates_stay_sorted_with_their_scores() -> None:
    rng = np.random.default_rng(3)
    for _ in range(200):
        both = rng.choice(1000, size=int(rng.integers(0, 60)), replace=False)
        split = int(rng.integers(0, len(both) + 1))
        keys, new = np.sort(both[:split]), np.sort(both[split:])
        keys_score, new_score = keys * 7 % 11, new * 7 % 11
        merged, score = merge_sorted(keys, keys_score, new, new_score)
        assert np.array_equal(merged, np.sort(both))
        assert np.array_equal(score, merged * 7 % 11)


def test_first_guess_orders_entries_as_lexsort_does() -> None:
    # One sort of (group, then, scrambled person) packed into an integer, or lexsort where
    # they do not fit: the same order either way, ties and all.
    from bot.matching.pruned_candidates import _in_group_order, _spread

    rng = np.random.default_rng(11)
    for case in range(600):
        size = int(rng.integers(0, 60))
        group, then = rng.integers(0, 6, size), rng.integers(-5, 5, size)
        person = rng.integers(0, 8, size)
        if case % 3 == 0:
            group = group << 40  # too wide to pack
        expected = np.lexsort((_spread(person), then, group))
        assert np.array_equal(_in_group_order(group, person, then), expected)
        by_group = np.lexsort((_spread(person), group))
        assert np.array_equal(_in_group_order(group, person), by_group)
