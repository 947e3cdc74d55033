"""Reading a circle's end-of-circle feedback form (pure): how it worked for the member and,
optionally, one thing they learned or will keep doing."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from bot.core import ids
from bot.parsing import view_state as fields

MAX_LEARNED = 1000


class CircleRating(enum.StrEnum):
    HELPED = "helped"
    OKAY = "okay"
    NOT_FOR_ME = "not_for_me"


def read_circle_feedback(
    values: Mapping[str, Any],
) -> tuple[tuple[CircleRating, str] | None, dict[str, str]]:
    """(rating, what they learned or "") or the errors to show under the fields."""
    errors: dict[str, str] = {}
    picked = fields.picked(values, ids.CIRCLE_FEEDBACK_RATING)
    rating = next((r for r in CircleRating if r.value == picked), None)
    if rating is None:
        errors[ids.CIRCLE_FEEDBACK_RATING] = "Pick one, or close this window."
    learned = fields.typed(values, ids.CIRCLE_FEEDBACK_LEARNED)
    if len(learned) > MAX_LEARNED:
        errors[ids.CIRCLE_FEEDBACK_LEARNED] = f"Keep it under {MAX_LEARNED} characters."
    if errors or rating is None:
        return None, errors
    return (rating, learned), {}
