"""Checking modal input (pure): table-driven cases for each form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core import ids
from bot.parsing.forms import (
    OfferInput,
    ProfileInput,
    RequestInput,
    SkillChoice,
    decode_skill_value,
    parse_offer,
    parse_profile,
    parse_request,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("s:python", SkillChoice("known", "python")),
        ("n:Bread baking", SkillChoice("new", "Bread baking")),
        ("s:", None),
        ("n:x", None),
        ("n:", None),
        ("python", None),
        ("", None),
    ],
)
def test_decode_skill_value(value, expected):
    assert decode_skill_value(value) == expected


def offer(**changes):
    fields = {"skill_values": ["s:python"], "level": "4", "capacity": "2", "in_return": None}
    return OfferInput(**(fields | changes))


def test_a_valid_offer():
    form, errors = parse_offer(offer(skill_values=["s:python", "n:Go", "s:python"]))
    assert errors == {}
    assert [c.text for c in form.skills] == ["python", "Go"], "duplicates dropped"
    assert (form.level, form.capacity, form.in_return) == (4, 2, None)


@pytest.mark.parametrize(
    ("changes", "block_id"),
    [
        ({"skill_values": []}, ids.OFFER_SKILLS_BLOCK),
        ({"skill_values": ["s:python", "zz"]}, ids.OFFER_SKILLS_BLOCK),
        ({"skill_values": [f"n:skill {i}" for i in range(11)]}, ids.OFFER_SKILLS_BLOCK),
        ({"level": "0"}, ids.OFFER_LEVEL_BLOCK),
        ({"level": "five"}, ids.OFFER_LEVEL_BLOCK),
        ({"capacity": "0"}, ids.OFFER_CAPACITY_BLOCK),
        ({"capacity": "6"}, ids.OFFER_CAPACITY_BLOCK),
        ({"capacity": "1.0"}, ids.OFFER_CAPACITY_BLOCK),
        ({"capacity": "²"}, ids.OFFER_CAPACITY_BLOCK),
        ({"in_return": "r" * 501}, ids.OFFER_IN_RETURN_BLOCK),
    ],
)
def test_offer_errors_name_their_field(changes, block_id):
    form, errors = parse_offer(offer(**changes))
    assert form is None and list(errors) == [block_id]


def test_offer_defaults_and_text_cleaning():
    form, _ = parse_offer(offer(level=None, capacity="", in_return="  spreadsheets\u0000\u200b  "))
    assert (form.level, form.capacity) == (3, 1)
    assert form.in_return == "spreadsheets"


def request(**changes):
    fields = {
        "skill_value": "s:negotiation",
        "goal": "Close a deal",
        "frequency": "weekly",
        "duration": "about_a_month",
        "success_measure": None,
        "can_teach_in_return": " ",
    }
    return RequestInput(**(fields | changes))


def test_a_valid_request():
    form, errors = parse_request(request(goal="  Close\na deal  "))
    assert errors == {}
    assert (form.goal, form.frequency, form.duration) == (
        "Close\na deal",
        "weekly",
        "about_a_month",
    )
    assert form.can_teach_in_return is None


@pytest.mark.parametrize(
    ("changes", "block_ids"),
    [
        ({"skill_value": None}, [ids.REQUEST_SKILL_BLOCK]),
        ({"skill_value": "bogus"}, [ids.REQUEST_SKILL_BLOCK]),
        ({"goal": None}, [ids.REQUEST_GOAL_BLOCK]),
        ({"goal": "\u200b\u0007"}, [ids.REQUEST_GOAL_BLOCK]),
        ({"goal": "g" * 501}, [ids.REQUEST_GOAL_BLOCK]),
        ({"frequency": "hourly"}, [ids.REQUEST_FREQUENCY_BLOCK]),
        ({"duration": "a year"}, [ids.REQUEST_DURATION_BLOCK]),
        ({"success_measure": "s" * 501}, [ids.REQUEST_SUCCESS_BLOCK]),
        ({"skill_value": None, "goal": ""}, [ids.REQUEST_SKILL_BLOCK, ids.REQUEST_GOAL_BLOCK]),
    ],
)
def test_request_errors_name_their_fields(changes, block_ids):
    form, errors = parse_request(request(**changes))
    assert form is None and sorted(errors) == sorted(block_ids)


def test_a_goal_of_exactly_500_characters_is_fine():
    form, _ = parse_request(request(goal="g" * 500))
    assert form is not None


@pytest.mark.parametrize(
    ("stage", "stored"),
    [(None, None), ("unsaid", None), ("early", "early"), ("executive", "executive")],
)
def test_profile_career_stage_is_optional(stage, stored):
    form, errors = parse_profile(ProfileInput(stage, True, False))
    assert errors == {} and form.career_stage == stored


def test_an_unknown_career_stage_is_an_error():
    form, errors = parse_profile(ProfileInput("intern", True, True))
    assert form is None and list(errors) == [ids.PROFILE_STAGE_BLOCK]


@given(
    st.lists(st.text(max_size=80), max_size=12),
    st.one_of(st.none(), st.text(max_size=4)),
    st.one_of(st.none(), st.text(max_size=4)),
    st.one_of(st.none(), st.text(max_size=600)),
)
def test_any_offer_input_gives_a_form_or_errors(skills, level, capacity, in_return):
    form, errors = parse_offer(OfferInput(skills, level, capacity, in_return))
    assert (form is None) == bool(errors)
    if form is not None:
        assert 1 <= form.capacity <= 5 and 1 <= form.level <= 5 and form.skills
