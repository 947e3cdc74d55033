"""Learners' private ratings reach the round as a mentor bonus: at least three, smoothed,
from the learner's side only; mentors' answers about learners don't count."""

from __future__ import annotations

from bot.db.models import FitRating
from bot.db.session import transaction
from bot.services.rounds import load_round_input
from bot.services.schedules import ensure_schedule
from tests.e2e.cycle_helpers import add_person, seed_pair

LEARNERS = ("U2", "U3", "U4")


def bonus_of(deps, user_id: str) -> dict[str, int]:
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, "T1", deps.clock())
        people = load_round_input(session, schedule, deps.clock()).participants
        return dict(next(p for p in people if p.id == user_id).bonus)


def rate(deps, pair, *, by_mentee: bool, answer: str) -> None:
    with transaction(deps.sessions) as session:
        rater, rated = (
            (pair.mentee_id, pair.mentor_id) if by_mentee else (pair.mentor_id, pair.mentee_id)
        )
        session.add(FitRating(team_id="T1", pair_id=pair.id, rater_id=rater, rated_id=rated,
                              stage="end", answer=answer, answered_at=deps.clock()))  # fmt: skip


def test_three_good_ratings_from_learners_give_a_bonus_on_every_offer(deps, fake_slack):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4, "sql": 2}, capacity=3)
    for n, user_id in enumerate(LEARNERS):
        add_person(deps, fake_slack, user_id, f"Learner {n}", requests={"python": "Learn"})
    made = [seed_pair(deps, "U1", user_id, "python") for user_id in LEARNERS]
    for pair in made[:2]:
        rate(deps, pair, by_mentee=True, answer="again_yes")
    rate(deps, made[2], by_mentee=False, answer="again_yes")  # the mentor's view: not counted
    assert bonus_of(deps, "U1") == {}
    rate(deps, made[2], by_mentee=True, answer="again_yes")
    assert bonus_of(deps, "U1") == {"python": 1, "sql": 1}


def test_poor_ratings_give_no_bonus_and_no_penalty(deps, fake_slack):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4}, capacity=3)
    for n, user_id in enumerate(LEARNERS):
        add_person(deps, fake_slack, user_id, f"Learner {n}", requests={"python": "Learn"})
    for user_id in LEARNERS:
        rate(deps, seed_pair(deps, "U1", user_id, "python"), by_mentee=True, answer="not_a_fit")
    assert bonus_of(deps, "U1") == {}
