"""A circle as services hand it to the ui: who is in it, about what, and each one's goal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class CirclePerson:
    slack_id: str
    name: str
    goal: str | None = None  # a learner's goal, as they wrote it


@dataclass(frozen=True, slots=True)
class CircleContent:
    """A circle: a mentor and learners, or (peer circle, `mentor` None) learners alone."""

    circle_id: int
    skill: str  # the skill's label
    mentor: CirclePerson | None
    learners: Sequence[CirclePerson]
    duration: str | None = None
    started_at: datetime | None = None

    @property
    def people(self) -> tuple[CirclePerson, ...]:
        return ((self.mentor,) if self.mentor else ()) + tuple(self.learners)


@dataclass(frozen=True, slots=True)
class CircleItem:
    """One active circle as one of its members sees it on Home."""

    circle_id: int
    skill: str  # label
    you_lead: bool
    mentor: str | None  # Slack user id of its mentor; None for a peer circle
    others: tuple[str, ...]  # the other learners' Slack user ids (the mentor excluded)
