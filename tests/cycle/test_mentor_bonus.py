"""The mentor bonus from thanks and ratings: small, bounded, never negative."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cycle.fit import fit_question_due
from bot.cycle.mentor_bonus import (
    ANSWER_VALUES,
    NO_AVERAGE,
    average,
    endorsement_bonus,
    offer_bonuses,
    rating_bonus,
    smoothed_mean,
)


def test_fewer_than_three_ratings_never_count() -> None:
    assert rating_bonus([1.0, 1.0], prior=0.5) == 0
    assert rating_bonus([1.0, 1.0, 1.0], prior=0.5) == 1


def test_the_mean_is_pulled_toward_the_workspace_average() -> None:
    assert smoothed_mean([1.0, 1.0, 1.0], prior=0.5) == pytest.approx(0.75)
    # Where everyone is rated low, three good answers are not yet enough; six are.
    assert rating_bonus([1.0] * 3, prior=0.3) == 0
    assert rating_bonus([1.0] * 6, prior=0.3) == 1


def test_one_bad_pairing_cant_shut_anyone_out() -> None:
    assert rating_bonus([0.0], prior=0.9) == 0
    assert rating_bonus([0.0, 0.0, 0.0, 0.0], prior=0.9) == 0  # no bonus, never a penalty


def test_average_without_answers_is_neutral() -> None:
    assert average([]) == NO_AVERAGE
    assert average([1.0, 0.0]) == 0.5


def test_endorsements_need_two_different_people() -> None:
    assert [endorsement_bonus(n) for n in range(4)] == [0, 0, 1, 1]


def test_offer_bonuses_combine_both_terms_per_skill() -> None:
    assert offer_bonuses(["python", "sql"], {"python": 2}, rating=1) == {"python": 2, "sql": 1}
    assert offer_bonuses(["python", "sql"], {"sql": 5}, rating=0) == {"sql": 1}
    assert offer_bonuses(["python"], {}, rating=0) == {}


@given(
    st.lists(st.sampled_from(sorted(ANSWER_VALUES.values())), max_size=30),
    st.floats(0, 1),
    st.integers(0, 50),
)
def test_bonus_is_always_between_zero_and_two(values, prior, endorsers) -> None:
    bonus = offer_bonuses(["python"], {"python": endorsers}, rating_bonus(values, prior))
    assert 0 <= bonus.get("python", 0) <= 2


def test_the_fit_question_comes_two_weeks_in_not_months_later() -> None:
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    due = [fit_question_due(started_at=start, at=start + timedelta(weeks=w)) for w in range(8)]
    assert due == [False, False, True, True, True, True, False, False]
