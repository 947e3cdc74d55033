"""Reading the new-program modal an admin submitted (pure).

`read_program` takes `view.state.values` and `today` and returns the draft, or the
errors to show next to each field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.core import ids
from bot.domain.programs import (
    ANYONE,
    GROUP,
    MAX_FOCUS_SKILLS,
    MAX_LISTED_PEOPLE,
    MAX_PROGRAM_DAYS,
    NAME_MAX,
    PEOPLE,
    ProgramDraft,
)
from bot.parsing import view_state as fields
from bot.skills.normalise import InvalidSkill, normalize_skill
from bot.vocabulary import FREQUENCIES

IN_POOL_VALUE = "in_pool"
_USER_ID = re.compile(r"^[UW][A-Z0-9]{1,30}$")
_GROUP_ID = re.compile(r"^S[A-Z0-9]{1,30}$")
# (who may, the people picked, the user group picked): the blocks of each role.
LEARNER_BLOCKS = (ids.PROGRAM_LEARNERS, ids.PROGRAM_LEARNER_PEOPLE, ids.PROGRAM_LEARNER_GROUP)
TEACHER_BLOCKS = (ids.PROGRAM_TEACHERS, ids.PROGRAM_TEACHER_PEOPLE, ids.PROGRAM_TEACHER_GROUP)


def _date(values: Mapping[str, Any], block_id: str, errors: dict[str, str]) -> date | None:
    raw = fields.raw_text(values, block_id, "selected_date")
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        errors[block_id] = "Pick a date."
        return None


def _people(values: Mapping[str, Any], block_id: str, errors: dict[str, str]) -> tuple[str, ...]:
    raw = fields.field(values, block_id).get("selected_users")
    chosen = [u for u in raw if isinstance(u, str)] if isinstance(raw, list) else []
    if any(not _USER_ID.match(user) for user in chosen):
        errors[block_id] = "Pick people from the list."
    elif len(chosen) > MAX_LISTED_PEOPLE:
        errors[block_id] = f"Pick at most {MAX_LISTED_PEOPLE} people."
    return tuple(dict.fromkeys(u for u in chosen if _USER_ID.match(u)))


@dataclass(frozen=True)
class _Audience:
    choice: str
    people: tuple[str, ...] = ()
    group: str | None = None


def _group(values: Mapping[str, Any], group_block: str, role: str, errors: dict[str, str]) -> str:
    picked = fields.picked(values, group_block) or ""
    if not _GROUP_ID.match(picked):
        errors[group_block] = f"Pick the user group that may {role}."
    return picked


def _audience(
    values: Mapping[str, Any],
    blocks: tuple[str, str, str],
    role: str,
    errors: dict[str, str],
) -> _Audience:
    choice_block, people_block, group_block = blocks
    choice = fields.picked(values, choice_block)
    if choice not in (ANYONE, PEOPLE, GROUP):
        errors[choice_block] = f"Choose who may {role}."
        return _Audience(ANYONE)
    if choice == GROUP:
        return _Audience(GROUP, group=_group(values, group_block, role, errors))
    people = _people(values, people_block, errors)
    if choice == PEOPLE and not people and people_block not in errors:
        errors[people_block] = f"Pick the people who may {role}, or choose “Anyone”."
    return _Audience(choice, people if choice == PEOPLE else ())


def _focus(values: Mapping[str, Any], errors: dict[str, str]) -> tuple[tuple[str, str], ...]:
    typed = fields.typed(values, ids.PROGRAM_FOCUS)
    found: dict[str, str] = {}
    for part in (p.strip() for p in typed.replace("\n", ",").split(",")):
        if not part:
            continue
        try:
            skill = normalize_skill(part)
        except InvalidSkill as problem:
            errors[ids.PROGRAM_FOCUS] = f"“{part[:40]}”: {problem}."
            return ()
        found.setdefault(skill.slug, skill.label)
    if len(found) > MAX_FOCUS_SKILLS:
        errors[ids.PROGRAM_FOCUS] = f"Name at most {MAX_FOCUS_SKILLS} skills."
    return tuple(found.items())


def read_program(
    values: Mapping[str, Any], *, today: date
) -> tuple[ProgramDraft | None, dict[str, str]]:
    """The draft, or None and an error per field (block id -> words)."""
    errors: dict[str, str] = {}
    name = " ".join(fields.typed(values, ids.PROGRAM_NAME).split())
    if not name:
        errors[ids.PROGRAM_NAME] = "Give the program a name."
    elif len(name) > NAME_MAX:
        errors[ids.PROGRAM_NAME] = f"Keep the name to {NAME_MAX} characters."
    starts = _date(values, ids.PROGRAM_STARTS, errors)
    ends = _date(values, ids.PROGRAM_ENDS, errors)
    if starts is not None and starts < today:
        errors[ids.PROGRAM_STARTS] = "Pick today or a later date."
    if starts is not None and ends is not None:
        if ends <= starts:
            errors[ids.PROGRAM_ENDS] = "Pick a date after the start."
        elif ends - starts > timedelta(days=MAX_PROGRAM_DAYS):
            errors[ids.PROGRAM_ENDS] = "A program can last a year at most."
    cadence = fields.picked(values, ids.PROGRAM_CADENCE)
    if cadence not in FREQUENCIES:
        errors[ids.PROGRAM_CADENCE] = "Choose how often rounds run."
    learners = _audience(values, LEARNER_BLOCKS, "learn", errors)
    teachers = _audience(values, TEACHER_BLOCKS, "teach", errors)
    focus = _focus(values, errors)
    in_pool = IN_POOL_VALUE in fields.picked_many(values, ids.PROGRAM_IN_POOL)
    if errors or starts is None or ends is None or cadence is None:
        return None, errors
    return (
        ProgramDraft(
            name=name,
            starts_on=starts,
            ends_on=ends,
            cadence=cadence,
            learners=learners.choice,
            learner_ids=learners.people,
            teachers=teachers.choice,
            teacher_ids=teachers.people,
            focus_skills=focus,
            counts_in_pool=in_pool,
            learner_group=learners.group,
            teacher_group=teachers.group,
        ),
        {},
    )
