"""Goals of a pairing (pure): their statuses, when check-ins ask about them, and how a
learner's level moved."""

from __future__ import annotations

import enum
from dataclasses import dataclass

MAX_GOALS = 3  # per learner
MAX_GOAL_TEXT = 200
# A learner who ends at this level or above is invited to offer the skill.
OFFER_FROM_LEVEL = 3


class GoalStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    MOVING = "moving"
    DONE = "done"


STATUS_LABELS: dict[GoalStatus, str] = {
    GoalStatus.NOT_STARTED: "Not started",
    GoalStatus.MOVING: "Moving",
    GoalStatus.DONE: "Done",
}

STATUS_EMOJI: dict[GoalStatus, str] = {
    GoalStatus.NOT_STARTED: ":white_circle:",
    GoalStatus.MOVING: ":large_blue_circle:",
    GoalStatus.DONE: ":white_check_mark:",
}


def known_status(value: object) -> GoalStatus | None:
    try:
        return GoalStatus(str(value))
    except ValueError:
        return None


def asks_about_goals(checkin_number: int) -> bool:
    """Every second check-in (the 2nd, 4th, …) asks learners how their goals are going."""
    return checkin_number > 0 and checkin_number % 2 == 0


@dataclass(frozen=True, slots=True)
class LevelChange:
    skill: str
    start: int
    end: int

    @property
    def gain(self) -> int:
        return self.end - self.start

    def words(self) -> str:
        """ "Public speaking: 2 → 4"."""
        return f"{self.skill}: {self.start} → {self.end}"


def invited_to_offer(end_level: int | None) -> bool:
    return end_level is not None and end_level >= OFFER_FROM_LEVEL
