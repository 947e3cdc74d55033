from __future__ import annotations

import pytest

from bot.matching import MatchSettings, Participant, score_pair, tz_gap
from bot.matching.scoring import is_reverse, two_way_skills

DEFAULT = MatchSettings()


def person(pid: str = "x", offers=None, requests=None, tz: float = 0.0, stage=None) -> Participant:
    return Participant(pid, offers or {}, requests or {}, tz_offset_hours=tz, career_stage=stage)


def test_level_and_waiting() -> None:
    mentor = person("m", offers={"python": 4})
    mentee = person("e", requests={"python": 3})
    assert score_pair(mentor, mentee, DEFAULT) == (2 * 4 + 3, "python")


def test_waiting_is_capped() -> None:
    mentor = person("m", offers={"python": 1})
    mentee = person("e", requests={"python": 30})
    assert score_pair(mentor, mentee, DEFAULT) == (2 + 4, "python")


def test_two_way_bonus_and_time_zone_penalty() -> None:
    mentor = person("m", offers={"python": 5}, requests={"budgeting": 0}, tz=-5)
    mentee = person("e", offers={"budgeting": 2}, requests={"python": 0}, tz=5.5)
    assert score_pair(mentor, mentee, DEFAULT) == (10 + 3 - 2, "python")
    assert two_way_skills(mentor, mentee) == ("budgeting",)


def test_gap_of_exactly_the_threshold_is_not_penalised() -> None:
    mentor = person("m", offers={"python": 5}, tz=0)
    mentee = person("e", requests={"python": 0}, tz=6)
    assert score_pair(mentor, mentee, DEFAULT) == (10, "python")


def test_best_skill_wins_then_older_request_then_alphabetical() -> None:
    mentor = person("m", offers={"a-skill": 3, "b-skill": 3, "c-skill": 5})
    assert score_pair(mentor, person(requests={"a-skill": 1, "c-skill": 0}), DEFAULT) == (
        10,
        "c-skill",
    )
    # a: 6 + 4 (capped from 9), b: 6 + 4 (capped from 5): equal scores, a waited longer.
    assert (
        score_pair(mentor, person(requests={"a-skill": 9, "b-skill": 5}), DEFAULT)[1] == "a-skill"
    )
    assert (
        score_pair(mentor, person(requests={"b-skill": 5, "a-skill": 5}), DEFAULT)[1] == "a-skill"
    )


def test_no_common_skill() -> None:
    assert score_pair(person(offers={"go": 5}), person(requests={"python": 1}), DEFAULT) is None


def test_weights_are_settings() -> None:
    settings = MatchSettings(level_weight=3, waiting_cap_weeks=2, two_way_bonus=5, tz_penalty=1,
                             tz_penalty_threshold_hours=2)  # fmt: skip
    mentor = person("m", offers={"python": 2}, requests={"go": 0}, tz=0)
    mentee = person("e", offers={"go": 1}, requests={"python": 7}, tz=3)
    assert score_pair(mentor, mentee, settings) == (6 + 2 + 5 - 1, "python")


@pytest.mark.parametrize(
    ("a", "b", "gap"),
    [(0, 0, 0), (-8, 9, 7), (10, -10, 4), (5.5, -5, 10.5), (-12, 12, 0), (14, -12, 2)],
)
def test_tz_gap_goes_round_the_clock(a: float, b: float, gap: float) -> None:
    assert tz_gap(a, b) == gap == tz_gap(b, a)


def test_reverse_needs_both_stages() -> None:
    assert is_reverse(person(stage="early"), person(stage="executive"))
    assert not is_reverse(person(stage="senior"), person(stage="mid"))
    assert not is_reverse(person(stage="mid"), person(stage="mid"))
    assert not is_reverse(person(stage=None), person(stage="senior"))


@pytest.mark.parametrize("field", ["level_weight", "two_way_bonus", "tz_penalty", "cooldown_weeks"])
def test_negative_weights_are_rejected(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        MatchSettings(**{field: -1})
