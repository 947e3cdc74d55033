"""What a pair's expectations form starts from: what was agreed, or else what the learners
already said in their requests (goal, rhythm, duration), so nobody types it twice."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.db.models import MentoringRequest, Pair
from bot.parsing.pair_forms import MAX_OBJECTIVE, ExpectationsForm
from bot.services.pairs import current_expectations
from bot.vocabulary import known_duration, known_frequency


def _request(session: Session, request_id: int | None) -> MentoringRequest | None:
    return session.get(MentoringRequest, request_id) if request_id is not None else None


def expectations_to_edit(session: Session, pair: Pair) -> ExpectationsForm:
    """The saved expectations, or a draft from the pair's requests when none are saved."""
    saved = current_expectations(session, pair)
    if saved is not None:
        return saved
    main = _request(session, pair.request_id)
    back = _request(session, pair.return_request_id)
    goals = []
    for request, learner in ((main, pair.mentee), (back, pair.mentor)):
        if request is not None and request.goal.strip():
            goals.append((learner.display_name, request.goal.strip()))
    if len(goals) == 2:
        objective = "; ".join(f"{name or 'one of us'}: {goal}" for name, goal in goals)
    else:
        objective = goals[0][1] if goals else ""
    first = main or back
    return ExpectationsForm(
        objective=objective[:MAX_OBJECTIVE],
        cadence=known_frequency(first.frequency) if first else None,
        duration=known_duration(first.duration) if first else None,
        success_measure=(first.success_measure or None) if first else None,
    )
