"""When a pair is asked privately whether it is a good fit (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

FIT_ASKED_AFTER = timedelta(weeks=2)
# Pairs older than this when the question would first go out are not asked any more
# (a pass that was skipped, or pairs made before the question existed).
FIT_ASKED_UNTIL = timedelta(weeks=6)


def fit_question_due(*, started_at: datetime, at: datetime) -> bool:
    """Whether a check-in pass at `at` asks the pair (two weeks in, not long after)."""
    age = at - started_at
    return FIT_ASKED_AFTER <= age < FIT_ASKED_UNTIL
