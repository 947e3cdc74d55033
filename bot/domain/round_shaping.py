"""An admin's shaping of a round, as the preview shows it: pending changes, swap
alternatives, the before/after of a re-solve, and why a pair can't be added."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PendingChange:
    """A lock or drop waiting for a Re-solve."""

    kind: str  # "lock" or "drop"
    mentor: str  # Slack user ids
    mentee: str
    skill: str | None  # label; None for a drop of the whole pair


@dataclass(frozen=True, slots=True)
class SwapOption:
    """Another mentor a learner could have this round, best first."""

    mentor: str  # Slack user id
    skill: str  # slug, carried by the button that picks it
    skill_label: str
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SwapChoice:
    """The learner whose mentor an admin may swap, and the alternatives."""

    period: str
    mentor: str  # the mentor in the preview now
    mentee: str
    options: tuple[SwapOption, ...]


@dataclass(frozen=True, slots=True)
class DiffPair:
    mentor: str  # Slack user ids
    mentee: str
    skill: str  # label
    score: int


@dataclass(frozen=True, slots=True)
class ShapeDiff:
    """The round before and after a re-solve."""

    added: tuple[DiffPair, ...]
    removed: tuple[DiffPair, ...]
    changed: tuple[tuple[DiffPair, DiffPair], ...]  # (before, after), same learner
    served_before: int
    served_after: int
    score_before: int
    score_after: int
    locks: int
    drops: int
    locks_left_out: int  # locks that could no longer be kept

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True, slots=True)
class ShapeRefused:
    """A change that was not made, and why, in sentences."""

    problems: tuple[str, ...]
