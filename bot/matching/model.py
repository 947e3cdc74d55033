"""Value types of the matching engine: what goes in, what comes out (pure data)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Participant:
    """One person in a round: what they can teach, what they want to learn, and limits."""

    id: str
    offers: Mapping[str, int]  # skill slug -> level 1..5
    requests: Mapping[str, int]  # skill slug -> weeks waiting (>= 0)
    capacity: int = 1  # remaining NEW mentees this round (0 = cannot mentor now)
    tz_offset_hours: float = 0.0
    career_stage: str | None = None  # "early" | "mid" | "senior" | "executive" | None
    paused: bool = False
    # Circles (docs/matching.md, "Circles"): skill slug -> most learners this person will
    # lead in one circle of that skill (3..6), on top of `capacity`; and whether this
    # person, as a learner, is open to joining a circle.
    circle_sizes: Mapping[str, int] = field(default_factory=dict)
    open_to_circle: bool = False
    # Mentor bonus (docs/matching.md, "Thanks and ratings"): skill slug -> 0..2 points added
    # to the mentor part of the score for that offer (endorsements and learners' ratings).
    bonus: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PastPair:
    """Two people who were paired `weeks_ago` weeks ago (in either role)."""

    a: str
    b: str
    weeks_ago: int


@dataclass(frozen=True, slots=True)
class Lock:
    """A pair an admin fixed for this round: it is kept, and the rest is solved around it."""

    mentor: str
    mentee: str
    skill: str


@dataclass(frozen=True, slots=True)
class Forbidden:
    """A pair an admin dropped: never made this round (about `skill` only, when given)."""

    mentor: str
    mentee: str
    skill: str | None = None


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Eligibility and score weights; see docs/matching.md for the formula.

    score = level_weight × level + mentor bonus + min(weeks waiting, waiting_cap_weeks)
            + two_way_bonus (if the mentee can teach the mentor something back)
            − tz_penalty (if the time-zone gap exceeds tz_penalty_threshold_hours)
    """

    cooldown_weeks: int = 26
    max_tz_gap_hours: float | None = None
    level_weight: int = 2
    waiting_cap_weeks: int = 4
    two_way_bonus: int = 3
    tz_penalty: int = 2
    tz_penalty_threshold_hours: float = 6

    def __post_init__(self) -> None:
        # The exactness proof bounds scores from above per skill; that needs weights >= 0.
        weights = {
            "cooldown_weeks": self.cooldown_weeks,
            "level_weight": self.level_weight,
            "waiting_cap_weeks": self.waiting_cap_weeks,
            "two_way_bonus": self.two_way_bonus,
            "tz_penalty": self.tz_penalty,
        }
        for name, value in weights.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
        if self.max_tz_gap_hours is not None and self.max_tz_gap_hours < 0:
            raise ValueError("max_tz_gap_hours must be >= 0")


@dataclass(frozen=True, slots=True)
class Pair:
    """A new mentor–mentee pair with its score and the reasons shown to both people."""

    mentor: str
    mentee: str
    skill: str
    score: int
    two_way: bool
    reverse: bool
    reasons: tuple[str, ...]
    two_way_skills: tuple[str, ...] = ()  # skills the mentee could teach the mentor back


class UnservedReason(StrEnum):
    """Why an open request found no mentor this round (precedence in docs/matching.md)."""

    NO_OFFER = "no_offer"
    COOLDOWN = "cooldown"
    BLOCKED = "blocked"
    CAPACITY = "capacity"
    TIMEZONE = "timezone"
    PAUSED = "paused"


@dataclass(frozen=True, slots=True)
class Unserved:
    """One open request of a participant who got no mentor this round, and why."""

    participant: str
    skill: str
    reason: UnservedReason
    text: str


@dataclass(frozen=True, slots=True)
class Circle:
    """One mentor with 3..6 learners of one skill, met as a group."""

    mentor: str
    skill: str
    learners: tuple[str, ...]  # sorted
    score: int  # the sum of each learner's score with the mentor on this skill


@dataclass(frozen=True, slots=True)
class RoundResult:
    """Pairs sorted by (mentor, mentee); unserved sorted by (participant, skill).

    `locked` are the admin's locks, all kept (each is also in `pairs`); `circles` sorted by
    (mentor, skill); learners in a circle are served and not in `pairs` or `unserved`.
    """

    pairs: tuple[Pair, ...]
    unserved: tuple[Unserved, ...]
    optimal: bool
    stats: Mapping[str, float] = field(default_factory=dict)
    circles: tuple[Circle, ...] = ()
    locked: tuple[Lock, ...] = ()
