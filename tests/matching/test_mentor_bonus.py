"""The mentor bonus (thanks and ratings): scored in the mentor part, covered by the proof."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given, settings

from bot.matching import MatchSettings, Participant, SolverLimits, match_round, score_pair
from bot.matching.cohort import Cohort

from .brute_force import full_graph_optimum
from .strategies import rounds

DEFAULT = MatchSettings()


def test_bonus_adds_to_the_score_of_its_skill_only() -> None:
    mentor = Participant("m", {"python": 3, "sql": 3}, {}, bonus={"python": 2})
    learner = Participant("e", {}, {"python": 0})
    assert score_pair(mentor, learner, DEFAULT) == (2 * 3 + 2, "python")
    sql_learner = Participant("f", {}, {"sql": 0})
    assert score_pair(mentor, sql_learner, DEFAULT) == (2 * 3, "sql")


def test_bonus_breaks_a_tie_between_two_mentors() -> None:
    thanked = Participant("b", {"python": 3}, {}, bonus={"python": 1})
    other = Participant("a", {"python": 3}, {})
    learner = Participant("e", {}, {"python": 2})
    result = match_round([other, thanked, learner])
    assert [(p.mentor, p.score) for p in result.pairs] == [("b", 2 * 3 + 1 + 2)]
    assert result.optimal


def test_bonus_is_smaller_than_one_level_step() -> None:
    # The largest bonus (2) equals one level step and never beats a higher level outright.
    expert = Participant("a", {"python": 4}, {})
    thanked = Participant("b", {"python": 3}, {}, bonus={"python": 1})
    learner = Participant("e", {}, {"python": 0})
    assert [p.mentor for p in match_round([expert, thanked, learner]).pairs] == ["a"]


def test_bonus_can_change_the_skill_of_a_pair() -> None:
    mentor = Participant("m", {"python": 3, "sql": 3}, {}, bonus={"sql": 1})
    learner = Participant("e", {}, {"python": 1, "sql": 1})
    assert score_pair(mentor, learner, DEFAULT) == (2 * 3 + 1 + 1, "sql")


@pytest.mark.parametrize("bonus", [{"python": 3}, {"python": -1}, {"sql": 1}, {"python": True}])
def test_bad_bonus_is_refused(bonus: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="bonus"):
        Cohort.build([Participant("m", {"python": 3}, {}, bonus=bonus)], [], [], DEFAULT)


@settings(max_examples=60, deadline=None)
@given(rounds())
def test_vectorised_scores_include_the_bonus(case) -> None:
    import numpy as np

    people, history, blocks, settings_ = case
    cohort = Cohort.build(people, history, blocks, settings_)
    m, e = (a.ravel() for a in np.meshgrid(np.arange(cohort.n), np.arange(cohort.n)))
    score, skill = cohort.scores(m, e)
    for i, j, s, k in zip(m, e, score, skill, strict=True):
        expected = score_pair(cohort.people[i], cohort.people[j], settings_)
        assert (None if k == -1 else (int(s), cohort.skills[k])) == expected


@pytest.mark.parametrize("method", ["hub", "pruned"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_medium_cohorts_with_bonuses_reach_the_full_graph_optimum(method: str, seed: int) -> None:
    from bot.matching import synthetic

    rng = random.Random(seed)
    people = [
        dataclasses.replace(p, bonus={s: rng.randint(0, 2) for s in p.offers if rng.random() < 0.5})
        for p in synthetic.cohort(rng, 150, n_skills=12)
    ]
    history = synthetic.past_rounds(rng, people, rounds=2)
    result = match_round(people, history=history, limits=SolverLimits(method=method))
    assert result.optimal
    expected = full_graph_optimum(people, history, [], DEFAULT)
    assert (len(result.pairs), sum(p.score for p in result.pairs)) == expected
