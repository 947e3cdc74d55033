"""Checking what people typed into the offer, request and profile modals (pure).

Each `parse_*` takes the raw values read from a submitted modal and returns either a clean
form or the errors to show, keyed by the input block they belong to, so a rejected
submission can be answered next to the field and nothing is stored.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.core import ids
from bot.parsing.working_hours import DEFAULT_HOURS, WorkingHoursForm, parse_working_hours
from bot.skills.normalise import InvalidSkill, normalize_skill
from bot.vocabulary import (
    CAREER_STAGES,
    DEFAULT_DURATION,
    DEFAULT_FREQUENCY,
    DEFAULT_LEVEL,
    DURATIONS,
    FREQUENCIES,
    MAX_LEVEL,
    MIN_LEVEL,
    NO_CAREER_STAGE,
)

MAX_SKILLS_PER_OFFER = 10
MIN_CAPACITY, MAX_CAPACITY, DEFAULT_CAPACITY = 1, 5, 1
MAX_GOAL_LENGTH = 500
MAX_NOTE_LENGTH = 500  # success measure, what I can teach / would like in return
# "Happy to run a circle of up to N learners": a circle has 3 to 6 (docs/matching.md).
MIN_CIRCLE_SIZE, MAX_CIRCLE_SIZE = 3, 6


# Option values of skill selects: a catalogue skill by slug, or a new one by what was typed.
KNOWN_SKILL_PREFIX = "s:"
NEW_SKILL_PREFIX = "n:"

Errors = dict[str, str]


class FormRejected(Exception):
    """A submission that can't be stored as it is: `errors` go next to the fields."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class SkillChoice:
    kind: Literal["known", "new"]
    text: str  # the slug of a known skill, or the label of a new one


def known_skill_value(slug: str) -> str:
    return KNOWN_SKILL_PREFIX + slug


def new_skill_value(label: str) -> str:
    return NEW_SKILL_PREFIX + label


def decode_skill_value(value: str) -> SkillChoice | None:
    """The choice an option value stands for; None for anything we never sent."""
    if value.startswith(KNOWN_SKILL_PREFIX) and len(value) > len(KNOWN_SKILL_PREFIX):
        return SkillChoice("known", value[len(KNOWN_SKILL_PREFIX) :])
    if value.startswith(NEW_SKILL_PREFIX):
        label = value[len(NEW_SKILL_PREFIX) :]
        try:
            normalize_skill(label)
        except InvalidSkill:
            return None
        return SkillChoice("new", label)
    return None


def clean_text(raw: str | None) -> str:
    """Normalised, with control characters other than newlines removed, and trimmed."""
    text = unicodedata.normalize("NFKC", raw or "")
    kept = "".join(c for c in text if c == "\n" or unicodedata.category(c)[0] != "C")
    return kept.strip()


def _optional_note(raw: str | None, block_id: str, errors: Errors) -> str | None:
    text = clean_text(raw)
    if len(text) > MAX_NOTE_LENGTH:
        errors[block_id] = f"Please keep this to {MAX_NOTE_LENGTH} characters (now {len(text)})."
    return text or None


def _whole_number(raw: str | None) -> int | None:
    text = (raw or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        return None
    return int(text)


@dataclass(frozen=True, slots=True)
class OfferInput:
    skill_values: Sequence[str]
    level: str | None
    capacity: str | None
    in_return: str | None
    circle_size: str | None = None  # left empty: no circle


@dataclass(frozen=True, slots=True)
class OfferForm:
    skills: tuple[SkillChoice, ...]
    level: int
    capacity: int
    in_return: str | None
    circle_size: int | None = None


def parse_offer(raw: OfferInput) -> tuple[OfferForm | None, Errors]:
    errors: Errors = {}
    choices = [decode_skill_value(v) for v in raw.skill_values]
    if not raw.skill_values:
        errors[ids.OFFER_SKILLS_BLOCK] = "Choose at least one skill you can teach."
    elif any(choice is None for choice in choices):
        errors[ids.OFFER_SKILLS_BLOCK] = "One of these isn't a skill I can store; pick again."
    elif len(choices) > MAX_SKILLS_PER_OFFER:
        errors[ids.OFFER_SKILLS_BLOCK] = f"Choose at most {MAX_SKILLS_PER_OFFER} skills at a time."
    level = DEFAULT_LEVEL if raw.level is None else _whole_number(raw.level)
    if level is None or not MIN_LEVEL <= level <= MAX_LEVEL:
        errors[ids.OFFER_LEVEL_BLOCK] = f"Pick a level from {MIN_LEVEL} to {MAX_LEVEL}."
    capacity = _whole_number(raw.capacity) if raw.capacity not in (None, "") else DEFAULT_CAPACITY
    if capacity is None or not MIN_CAPACITY <= capacity <= MAX_CAPACITY:
        errors[ids.OFFER_CAPACITY_BLOCK] = (
            f"Say how many people you can mentor at once: a whole number from "
            f"{MIN_CAPACITY} to {MAX_CAPACITY}."
        )
    in_return = _optional_note(raw.in_return, ids.OFFER_IN_RETURN_BLOCK, errors)
    circle_size = None
    if (raw.circle_size or "").strip():
        circle_size = _whole_number(raw.circle_size)
        if circle_size is None or not MIN_CIRCLE_SIZE <= circle_size <= MAX_CIRCLE_SIZE:
            errors[ids.OFFER_CIRCLE_BLOCK] = (
                f"A circle has {MIN_CIRCLE_SIZE} to {MAX_CIRCLE_SIZE} learners: give a whole "
                "number in that range, or leave it empty."
            )
    if errors or level is None or capacity is None:  # both are set when there are no errors
        return None, errors
    unique = tuple(dict.fromkeys(c for c in choices if c is not None))
    return OfferForm(unique, level, capacity, in_return, circle_size), {}


@dataclass(frozen=True, slots=True)
class RequestInput:
    skill_value: str | None
    goal: str | None
    frequency: str | None
    duration: str | None
    success_measure: str | None
    can_teach_in_return: str | None


@dataclass(frozen=True, slots=True)
class RequestForm:
    skill: SkillChoice
    goal: str
    frequency: str
    duration: str
    success_measure: str | None
    can_teach_in_return: str | None


def parse_request(raw: RequestInput) -> tuple[RequestForm | None, Errors]:
    errors: Errors = {}
    skill = decode_skill_value(raw.skill_value) if raw.skill_value else None
    if raw.skill_value is None:
        errors[ids.REQUEST_SKILL_BLOCK] = "Choose the skill you want to learn."
    elif skill is None:
        errors[ids.REQUEST_SKILL_BLOCK] = "That isn't a skill I can store; pick again."
    goal = clean_text(raw.goal)
    if not goal:
        errors[ids.REQUEST_GOAL_BLOCK] = "Say what you want to be able to do."
    elif len(goal) > MAX_GOAL_LENGTH:
        errors[ids.REQUEST_GOAL_BLOCK] = (
            f"Please keep your goal to {MAX_GOAL_LENGTH} characters (now {len(goal)})."
        )
    frequency = raw.frequency or DEFAULT_FREQUENCY
    if frequency not in FREQUENCIES:
        errors[ids.REQUEST_FREQUENCY_BLOCK] = "Pick how often you would like to meet."
    duration = raw.duration or DEFAULT_DURATION
    if duration not in DURATIONS:
        errors[ids.REQUEST_DURATION_BLOCK] = "Pick how long the mentoring should last."
    success = _optional_note(raw.success_measure, ids.REQUEST_SUCCESS_BLOCK, errors)
    teach = _optional_note(raw.can_teach_in_return, ids.REQUEST_TEACH_BLOCK, errors)
    if errors or skill is None:
        return None, errors
    return RequestForm(skill, goal, frequency, duration, success, teach), {}


@dataclass(frozen=True, slots=True)
class ProfileInput:
    career_stage: str | None
    open_to_reverse: bool
    listed_in_directory: bool
    allows_public_thanks: bool = False
    day_starts: str | None = None  # "HH:MM" from the time pickers
    day_ends: str | None = None
    open_to_circle: bool = False


@dataclass(frozen=True, slots=True)
class ProfileForm:
    career_stage: str | None
    open_to_reverse: bool
    listed_in_directory: bool
    allows_public_thanks: bool = False
    hours: WorkingHoursForm = DEFAULT_HOURS
    open_to_circle: bool = False


def parse_profile(raw: ProfileInput) -> tuple[ProfileForm | None, Errors]:
    stage = raw.career_stage
    if stage is not None and stage != NO_CAREER_STAGE and stage not in CAREER_STAGES:
        return None, {ids.PROFILE_STAGE_BLOCK: "Pick one of the career stages, or leave it out."}
    chosen = None if stage in (None, NO_CAREER_STAGE) else stage
    hours, errors = parse_working_hours(raw.day_starts, raw.day_ends)
    if hours is None:
        return None, errors
    form = ProfileForm(
        chosen,
        raw.open_to_reverse,
        raw.listed_in_directory,
        allows_public_thanks=raw.allows_public_thanks,
        hours=hours,
        open_to_circle=raw.open_to_circle,
    )
    return form, {}
