"""What changed between two results of a round (before and after an admin's re-solve)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Pair, RoundResult


@dataclass(frozen=True, slots=True)
class RoundDiff:
    """Pairs added, removed and changed (same mentee, another mentor or skill), by mentee.

    Served counts include circle learners; total scores include circle seats.
    """

    added: tuple[Pair, ...]
    removed: tuple[Pair, ...]
    changed: tuple[tuple[Pair, Pair], ...]  # (before, after)
    served_before: int
    served_after: int
    score_before: int
    score_after: int

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _served(result: RoundResult) -> int:
    return len(result.pairs) + sum(len(c.learners) for c in result.circles)


def _score(result: RoundResult) -> int:
    return sum(p.score for p in result.pairs) + sum(c.score for c in result.circles)


def diff_rounds(before: RoundResult, after: RoundResult) -> RoundDiff:
    """The difference, each list sorted by mentee then mentor."""
    old = {p.mentee: p for p in before.pairs}
    new = {p.mentee: p for p in after.pairs}
    added = [new[e] for e in sorted(new.keys() - old.keys())]
    removed = [old[e] for e in sorted(old.keys() - new.keys())]
    changed = [
        (old[e], new[e])
        for e in sorted(old.keys() & new.keys())
        if (old[e].mentor, old[e].skill) != (new[e].mentor, new[e].skill)
    ]
    return RoundDiff(
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        served_before=_served(before),
        served_after=_served(after),
        score_before=_score(before),
        score_after=_score(after),
    )
