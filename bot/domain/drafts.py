"""What the offer, request and profile modals start with, and the skill suggestions they show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.skills.normalise import Skill
from bot.skills.search import SkillMatch


@dataclass(frozen=True, slots=True)
class SkillRef:
    slug: str
    label: str


@dataclass(frozen=True, slots=True)
class OfferDraft:
    """What the offer modal starts with."""

    skills: Sequence[SkillRef]
    level: int | None
    capacity: int
    in_return: str | None
    circle_size: int | None = None  # "happy to run a circle of up to N", when set


@dataclass(frozen=True, slots=True)
class RequestDraft:
    """What the request modal starts with; `request_id` set when editing one."""

    request_id: int | None
    skill: SkillRef | None
    goal: str
    frequency: str
    duration: str
    success_measure: str | None
    can_teach_in_return: str | None


@dataclass(frozen=True, slots=True)
class ProfileDraft:
    career_stage: str | None
    open_to_reverse: bool
    listed_in_directory: bool
    tz: str | None
    tz_offset_seconds: int
    allows_public_thanks: bool = False
    day_starts: str = "09:00"  # working hours, "HH:MM" local
    day_ends: str = "17:30"
    open_to_circle: bool = False


@dataclass(frozen=True, slots=True)
class Suggestions:
    matches: Sequence[SkillMatch]
    new_skill: Skill | None  # what was typed, offered as a new skill when it is not known
    # The new skill is one the app knows by name (typed as itself or by an alias, e.g.
    # "k8s"): offered as that skill, first, rather than as "Add new skill: …".
    new_is_known: bool = False
