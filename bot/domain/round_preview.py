"""A round as an admin previews and runs it: pairs, people left unserved, and the result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.domain.program_settings import NextRound
from bot.domain.round_shaping import PendingChange
from bot.matching import UnservedReason


@dataclass(frozen=True)
class RoundOutcome:
    period: str
    pairs: int
    unmatched_people: int
    summary: dict[str, float]
    circles: int = 0  # circles and peer circles formed


@dataclass(frozen=True, slots=True)
class Direction:
    mentor: str  # Slack user ids
    mentee: str
    skill: str  # label
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PreviewPair:
    """One pair as the round would store it: a two-way pair has both directions."""

    main: Direction
    back: Direction | None
    score: int
    two_way: bool
    reverse: bool
    locked: bool = False  # an admin locked it


@dataclass(frozen=True, slots=True)
class PreviewCircle:
    """A circle the round would form: a mentor and learners, or peers (`mentor` None)."""

    mentor: str | None  # Slack user ids
    learners: tuple[str, ...]
    skill: str  # label


@dataclass(frozen=True, slots=True)
class PreviewUnserved:
    person: str  # Slack user id
    skill: str  # label
    reason: UnservedReason


@dataclass(frozen=True, slots=True)
class RoundPreview:
    upcoming: NextRound
    fingerprint: str  # changes whenever the round's input or settings change
    participants: int
    open_requests: int
    pairs: tuple[PreviewPair, ...]
    unserved: tuple[PreviewUnserved, ...]
    optimal: bool
    # An admin's shaping: changes solved into these pairs, and changes awaiting Re-solve.
    shaped: int = 0
    pending: tuple[PendingChange, ...] = ()
    circles: tuple[PreviewCircle, ...] = ()

    @property
    def period(self) -> str:
        return self.upcoming.period

    @property
    def served(self) -> int:
        in_pairs = sum(1 + (pair.back is not None) for pair in self.pairs)
        return in_pairs + sum(len(circle.learners) for circle in self.circles)

    @property
    def two_way(self) -> int:
        return sum(pair.two_way for pair in self.pairs)

    @property
    def reverse(self) -> int:
        return sum(pair.reverse for pair in self.pairs)

    def unserved_by_reason(self) -> Counter[UnservedReason]:
        return Counter(item.reason for item in self.unserved)


@dataclass(frozen=True, slots=True)
class Ran:
    outcome: RoundOutcome


@dataclass(frozen=True, slots=True)
class AlreadyRan:
    period: str


@dataclass(frozen=True, slots=True)
class Changed:
    """The round's input changed since the admin's preview; nothing ran."""

    preview: RoundPreview


@dataclass(frozen=True, slots=True)
class Skipped:
    period: str


RunResult = Ran | AlreadyRan | Changed | Skipped
