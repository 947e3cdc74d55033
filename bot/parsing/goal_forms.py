"""Reading the goals part of the expectations form and the level asked at the end (pure).

The form holds, for each direction of the pair that has a learner ("main": the mentee
learns the pair's skill; "back": in a two-way pair, the mentor learns the return skill),
up to three goals and the learner's starting level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core import ids
from bot.cycle.goals import MAX_GOAL_TEXT, MAX_GOALS
from bot.parsing import view_state as fields
from bot.vocabulary import MAX_LEVEL, MIN_LEVEL

Errors = dict[str, str]

MAIN, BACK = "main", "back"
DIRECTIONS = (MAIN, BACK)


@dataclass(frozen=True, slots=True)
class LearnerGoals:
    """One direction's goals (in the order written) and the learner's starting level."""

    direction: str
    goals: tuple[str, ...] = ()
    start_level: int | None = None


def known_level(value: object) -> int | None:
    """A level 1-5 from a menu's value, or None for anything else."""
    try:
        level = int(str(value))
    except ValueError:
        return None
    return level if MIN_LEVEL <= level <= MAX_LEVEL else None


def _present(values: Mapping[str, Any], direction: str) -> bool:
    return ids.start_level_box(direction) in values or ids.goal_box(direction, 1) in values


def read_goals(values: Mapping[str, Any]) -> tuple[tuple[LearnerGoals, ...], Errors]:
    """Each direction the form showed, with its goals; errors keyed by block id."""
    found: list[LearnerGoals] = []
    errors: Errors = {}
    for direction in DIRECTIONS:
        if not _present(values, direction):
            continue
        goals: list[str] = []
        for position in range(1, MAX_GOALS + 1):
            block = ids.goal_box(direction, position)
            text = " ".join(fields.typed(values, block).split())
            if len(text) > MAX_GOAL_TEXT:
                errors[block] = f"Keep each goal under {MAX_GOAL_TEXT} characters."
            elif text:
                goals.append(text)
        picked = fields.picked(values, ids.start_level_box(direction))
        level = known_level(picked)
        if picked is not None and level is None:
            errors[ids.start_level_box(direction)] = "Choose a level from the list."
        found.append(LearnerGoals(direction, tuple(goals), level))
    return tuple(found), errors


def read_end_level(values: Mapping[str, Any]) -> tuple[int | None, Errors]:
    """The level a learner gives themselves at the end (optional)."""
    picked = fields.picked(values, ids.FEEDBACK_LEVEL)
    level = known_level(picked)
    if picked is not None and level is None:
        return None, {ids.FEEDBACK_LEVEL: "Choose a level from the list."}
    return level, {}
