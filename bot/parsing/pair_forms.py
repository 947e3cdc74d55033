"""Reading a pair's modals: expectations, first meeting, "not a good fit" and the
end-of-pairing feedback, with what each may hold (pure).

Each `read_*` takes `view.state.values` and returns the clean answer, or the errors to
show, keyed by the input block they belong to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.core import ids
from bot.cycle.endings import Decision
from bot.parsing import view_state as fields
from bot.parsing.goal_forms import LearnerGoals, read_end_level, read_goals
from bot.vocabulary import known_duration, known_frequency

Errors = dict[str, str]

MAX_OBJECTIVE = 500
MAX_SUCCESS = 500
MAX_REASON = 1000
MAX_ANSWER = 1000  # what someone learned or taught
CONFIDENTIAL_VALUE = "agreed"
# A first meeting is planned within weeks; a year ahead is surely a slip of the picker.
FURTHEST_AHEAD = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class ExpectationsForm:
    objective: str
    cadence: str | None = None
    first_meeting_on: date | None = None
    duration: str | None = None
    success_measure: str | None = None
    confidentiality_agreed: bool = False
    # Each learner's goals and starting level (see goal_forms); stored in their own table.
    goals: tuple[LearnerGoals, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedbackForm:
    learned: str | None
    taught: str | None
    decision: Decision
    end_level: int | None = None  # a learner's level now (1-5), when they gave one


def read_expectations(
    values: Mapping[str, Any], *, today: date
) -> tuple[ExpectationsForm | None, Errors]:
    """The submitted form, or field errors (block id -> message) to show in the modal."""
    errors: Errors = {}
    objective = fields.typed(values, ids.EXPECTATIONS_OBJECTIVE)
    if not objective:
        errors[ids.EXPECTATIONS_OBJECTIVE] = "Write the objective you agreed on."
    elif len(objective) > MAX_OBJECTIVE:
        errors[ids.EXPECTATIONS_OBJECTIVE] = f"Keep it under {MAX_OBJECTIVE} characters."
    success = fields.typed(values, ids.EXPECTATIONS_SUCCESS)
    if len(success) > MAX_SUCCESS:
        errors[ids.EXPECTATIONS_SUCCESS] = f"Keep it under {MAX_SUCCESS} characters."
    first_meeting: date | None = None
    picked = fields.raw_text(values, ids.EXPECTATIONS_FIRST_MEETING, "selected_date")
    if picked:
        try:
            first_meeting = date.fromisoformat(picked)
        except ValueError:
            errors[ids.EXPECTATIONS_FIRST_MEETING] = "Pick a date from the calendar."
        else:
            if first_meeting < today:
                errors[ids.EXPECTATIONS_FIRST_MEETING] = "Pick today or a day ahead."
    agreed = CONFIDENTIAL_VALUE in fields.picked_many(values, ids.EXPECTATIONS_CONFIDENTIAL)
    if not agreed:
        errors[ids.EXPECTATIONS_CONFIDENTIAL] = "Please agree to keep things between you."
    goals, goal_errors = read_goals(values)
    errors.update(goal_errors)
    if errors:
        return None, errors
    return (
        ExpectationsForm(
            objective=objective,
            cadence=known_frequency(fields.picked(values, ids.EXPECTATIONS_CADENCE)),
            first_meeting_on=first_meeting,
            duration=known_duration(fields.picked(values, ids.EXPECTATIONS_DURATION)),
            success_measure=success or None,
            confidentiality_agreed=agreed,
            goals=goals,
        ),
        {},
    )


def read_first_meeting(
    values: Mapping[str, Any], *, now: datetime
) -> tuple[datetime | None, Errors]:
    """The chosen moment (UTC), or the error to show under the picker."""
    raw = fields.field(values, ids.FIRST_MEETING_AT).get("selected_date_time")
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return None, {ids.FIRST_MEETING_AT: "Pick the day and the time you meet."}
    try:
        moment = datetime.fromtimestamp(raw, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None, {ids.FIRST_MEETING_AT: "Pick the day and the time you meet."}
    if moment <= now:
        return None, {ids.FIRST_MEETING_AT: "Pick a time that is still ahead."}
    if moment > now + FURTHEST_AHEAD:
        return None, {ids.FIRST_MEETING_AT: "Pick a time within the next year."}
    return moment, {}


def read_reason(values: Mapping[str, Any]) -> tuple[str | None, Errors]:
    """The optional reason, or a field error when it is longer than the form allows."""
    reason = fields.typed(values, ids.NOT_A_FIT_REASON)
    if len(reason) > MAX_REASON:
        return None, {ids.NOT_A_FIT_REASON: f"Keep it under {MAX_REASON} characters."}
    return reason or None, {}


def read_feedback(
    values: Mapping[str, Any], *, ending_now: bool
) -> tuple[FeedbackForm | None, Errors]:
    """`ending_now`: the modal was opened from "End pairing", so continuing wasn't offered."""
    errors: Errors = {}
    learned = fields.typed(values, ids.FEEDBACK_LEARNED)
    taught = fields.typed(values, ids.FEEDBACK_TAUGHT)
    for block, value in ((ids.FEEDBACK_LEARNED, learned), (ids.FEEDBACK_TAUGHT, taught)):
        if len(value) > MAX_ANSWER:
            errors[block] = f"Keep it under {MAX_ANSWER} characters."
    chosen = fields.picked(values, ids.FEEDBACK_DECISION)
    allowed = {d.value for d in Decision if not (ending_now and d == Decision.CONTINUE)}
    if chosen not in allowed:
        errors[ids.FEEDBACK_DECISION] = "Choose what happens next."
    level, level_errors = read_end_level(values)
    errors.update(level_errors)
    if errors or chosen is None:
        return None, errors
    return FeedbackForm(learned or None, taught or None, Decision(chosen), level), {}
