"""What the round-shaping buttons and the add-pair form carry (pure parsing)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.core import ids

PAIR_ACTIONS = ("lock", "drop", "swap")


@dataclass(frozen=True, slots=True)
class PairChoice:
    what: str  # lock, drop or swap
    mentor: str
    mentee: str


@dataclass(frozen=True, slots=True)
class Pick:
    period: str
    mentor: str
    mentee: str
    skill: str


@dataclass(frozen=True, slots=True)
class AddPairForm:
    mentor: str
    mentee: str
    skill: str


def read_pair_choice(value: str) -> PairChoice | None:
    """A pair menu's value, `what|mentor|mentee`; None when it isn't one."""
    parts = value.split("|")
    if len(parts) != 3 or parts[0] not in PAIR_ACTIONS or not all(parts):
        return None
    return PairChoice(*parts)


def read_pick(value: str) -> Pick | None:
    """A Choose button's value (JSON); None when it isn't one."""
    try:
        data = json.loads(value)
        fields = (data["p"], data["m"], data["e"], data["s"])
    except (ValueError, TypeError, KeyError):
        return None
    if not all(isinstance(f, str) and f for f in fields):
        return None
    return Pick(*fields)


def read_add_pair(values: dict[str, Any]) -> tuple[AddPairForm | None, dict[str, str]]:
    """The add-pair form, or the field errors to show."""

    def value(block: str, key: str) -> str:
        raw = (values.get(block) or {}).get(block) or {}
        found = raw.get(key)
        return found.strip() if isinstance(found, str) else ""

    mentor = value(ids.ADMIN_ADD_MENTOR, "selected_user")
    mentee = value(ids.ADMIN_ADD_MENTEE, "selected_user")
    skill = value(ids.ADMIN_ADD_SKILL, "value")
    errors: dict[str, str] = {}
    if not mentor:
        errors[ids.ADMIN_ADD_MENTOR] = "Choose the mentor."
    if not mentee:
        errors[ids.ADMIN_ADD_MENTEE] = "Choose the learner."
    elif mentee == mentor:
        errors[ids.ADMIN_ADD_MENTEE] = "A person can't mentor themselves: choose someone else."
    if not skill:
        errors[ids.ADMIN_ADD_SKILL] = "Say which skill."
    if errors:
        return None, errors
    return AddPairForm(mentor=mentor, mentee=mentee, skill=skill), {}
