"""Fold a round's two directions of one exchange (A teaches B, B teaches A) into one pair.

The engine returns each direction as its own pair; the round stores, introduces, previews
and prints them as one two-way pair, so all of them fold the same way here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.matching import Pair as EnginePair


@dataclass(frozen=True, slots=True)
class FoldedPair:
    """One pair as the round stores it: the main direction, and its mirror when two-way."""

    main: EnginePair
    back: EnginePair | None

    @property
    def score(self) -> int:
        return self.main.score + (self.back.score if self.back is not None else 0)

    @property
    def two_way(self) -> bool:
        return self.main.two_way or self.back is not None

    @property
    def reverse(self) -> bool:
        return self.main.reverse or (self.back is not None and self.back.reverse)


def fold_two_way(pairs: Iterable[EnginePair]) -> list[FoldedPair]:
    """Pairs with their mirror (B mentors A as A mentors B) folded in, in the engine's order:
    the first direction met is the main one."""
    pairs = list(pairs)
    by_direction = {(p.mentor, p.mentee): p for p in pairs}
    folded: set[tuple[str, str]] = set()
    combined = []
    for pair in pairs:
        if (pair.mentor, pair.mentee) in folded:
            continue
        back = by_direction.get((pair.mentee, pair.mentor))
        if back is not None:
            folded.add((back.mentor, back.mentee))
        combined.append(FoldedPair(pair, back))
    return combined
