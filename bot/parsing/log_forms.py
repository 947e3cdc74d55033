"""Reading the "Log a session" modal (pure): what was covered, what each person learned,
and an optional action item with its owner (one of the two)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core import ids
from bot.parsing import view_state as fields

Errors = dict[str, str]

MAX_COVERED = 1000
MAX_LEARNED = 500
MAX_ACTION = 300
# The owner menu's values: the pair's two roles, never Slack ids.
OWNER_MENTOR = "mentor"
OWNER_MENTEE = "mentee"


@dataclass(frozen=True, slots=True)
class SessionLogForm:
    covered: str
    mentor_learned: str | None = None
    mentee_learned: str | None = None
    action_item: str | None = None
    action_owner: str | None = None  # OWNER_MENTOR or OWNER_MENTEE, with an action item


def read_session_log(values: Mapping[str, Any]) -> tuple[SessionLogForm | None, Errors]:
    """The clean entry, or the errors to show under each field."""
    errors: Errors = {}
    covered = fields.typed(values, ids.LOG_COVERED)
    mentor_learned = fields.typed(values, ids.LOG_MENTOR_LEARNED)
    mentee_learned = fields.typed(values, ids.LOG_MENTEE_LEARNED)
    action = fields.typed(values, ids.LOG_ACTION_ITEM)
    owner = fields.picked(values, ids.LOG_ACTION_OWNER)
    if not covered:
        errors[ids.LOG_COVERED] = "Say in a few words what you covered."
    for block, value, limit in (
        (ids.LOG_COVERED, covered, MAX_COVERED),
        (ids.LOG_MENTOR_LEARNED, mentor_learned, MAX_LEARNED),
        (ids.LOG_MENTEE_LEARNED, mentee_learned, MAX_LEARNED),
        (ids.LOG_ACTION_ITEM, action, MAX_ACTION),
    ):
        if len(value) > limit:
            errors[block] = f"Keep it under {limit} characters."
    if owner not in (None, OWNER_MENTOR, OWNER_MENTEE):
        errors[ids.LOG_ACTION_OWNER] = "Choose one of the two of you."
    elif action and owner is None:
        errors[ids.LOG_ACTION_OWNER] = "Choose who will do it."
    elif owner is not None and not action:
        errors[ids.LOG_ACTION_ITEM] = "Say what the action is, or clear its owner."
    if errors:
        return None, errors
    return (
        SessionLogForm(
            covered=covered,
            mentor_learned=mentor_learned or None,
            mentee_learned=mentee_learned or None,
            action_item=action or None,
            action_owner=owner if action else None,
        ),
        {},
    )
