"""Random field contents submitted to each modal through the real app: the answer is
always a valid one (close, field errors on fields that exist, or a valid next view),
never a server error, and what is stored stays within the rules."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot import ids
from bot.db.models import Member, MentoringRequest
from tests.e2e.modal_support import answer
from tests.support import slack_requests as sr
from tests.support.blockkit import check_view

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

texts = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.text(alphabet=string.printable + "<>&@!\u0000\u200b\u202eé中", max_size=700),
)
skill_values = st.one_of(
    st.sampled_from(["s:python", "s:cooking", "s:", "n:", "n:Knitting", "n:x", "python"]),
    st.builds(lambda t: "n:" + t, st.text(max_size=90)),
    st.builds(lambda t: "s:" + t, st.text(max_size=90)),
    st.text(max_size=160),
)
numbers = st.one_of(
    st.none(),
    st.integers(-10, 10).map(str),
    st.sampled_from(["", "1.5", "1e3", "٣", " 2 ", "99999999999999999999"]),
    st.text(max_size=8),
)
choices = st.one_of(
    st.none(),
    st.sampled_from(["weekly", "biweekly", "monthly", "once", "month", "quarter", "ongoing"]),
    st.sampled_from(["early", "mid", "senior", "executive", "unsaid", "1", "3", "5", "6"]),
    st.text(max_size=20),
)
metadata = st.one_of(
    st.just(""),
    st.text(max_size=50),
    st.builds(
        json.dumps,
        st.fixed_dictionaries(
            {},
            optional={
                "request_id": st.one_of(st.integers(-5, 10**12), st.text(max_size=5)),
                "then_profile": st.one_of(st.booleans(), st.none(), st.integers()),
                "response_url": st.one_of(st.none(), st.integers(), st.just("")),
            },
        ),
    ),
    st.builds(json.dumps, st.lists(st.integers(), max_size=3)),
)


def maybe_drop(values: dict, drop: set[str]) -> dict:
    return {block: state for block, state in values.items() if block not in drop}


def offer_values(draw_skills, level, capacity, in_return):
    return {
        ids.OFFER_SKILLS_BLOCK: {ids.OFFER_SKILLS_INPUT: sr.multi_external_select(draw_skills)},
        ids.OFFER_LEVEL_BLOCK: {ids.OFFER_LEVEL_INPUT: sr.static_select(level)},
        ids.OFFER_CAPACITY_BLOCK: {ids.OFFER_CAPACITY_INPUT: sr.number_input(capacity)},
        ids.OFFER_IN_RETURN_BLOCK: {ids.OFFER_IN_RETURN_INPUT: sr.plain_text_input(in_return)},
    }


OFFER_BLOCKS = {
    ids.OFFER_SKILLS_BLOCK,
    ids.OFFER_LEVEL_BLOCK,
    ids.OFFER_CAPACITY_BLOCK,
    ids.OFFER_IN_RETURN_BLOCK,
}
REQUEST_BLOCKS = {
    ids.REQUEST_SKILL_BLOCK,
    ids.REQUEST_GOAL_BLOCK,
    ids.REQUEST_FREQUENCY_BLOCK,
    ids.REQUEST_DURATION_BLOCK,
    ids.REQUEST_SUCCESS_BLOCK,
    ids.REQUEST_TEACH_BLOCK,
}
PROFILE_BLOCKS = {ids.PROFILE_STAGE_BLOCK, ids.PROFILE_REVERSE_BLOCK, ids.PROFILE_DIRECTORY_BLOCK}


def check_answer(response, blocks: set[str]) -> None:
    assert response.status == 200, (response.status, response.text)
    ack = answer(response)
    if ack is None:
        return
    assert ack["response_action"] in ("errors", "update"), ack
    if ack["response_action"] == "errors":
        assert ack["errors"] and set(ack["errors"]) <= blocks, ack
        assert all(isinstance(m, str) and 0 < len(m) <= 300 for m in ack["errors"].values())
    else:
        check_view(ack["view"])


def no_errors_reported(fake_slack) -> None:
    for call in fake_slack.calls_to("response_url"):
        assert "went wrong" not in json.dumps(call.params)


def stored_rules_hold(sessions) -> None:
    with sessions() as session:
        for member in session.scalars(select(Member)):
            assert 1 <= member.mentor_capacity <= 5
            assert member.wants_in_return is None or len(member.wants_in_return) <= 500
        for request in session.scalars(select(MentoringRequest)):
            assert 0 < len(request.goal) <= 500 or request.goal == ""
            assert request.frequency in (None, "weekly", "biweekly", "monthly")
            assert request.duration in (None, "once", "month", "quarter", "ongoing")


@FUZZ
@given(
    skills=st.lists(st.one_of(skill_values, st.just(None)), max_size=12),
    level=choices,
    capacity=numbers,
    in_return=texts,
    drop=st.sets(st.sampled_from(sorted(OFFER_BLOCKS))),
    private_metadata=metadata,
)
def test_random_offer_submissions(
    slack, fake_slack, sessions, skills, level, capacity, in_return, drop, private_metadata
):
    fake_slack.add_user("U1")
    options = [sr.option(v) if v is not None else {"text": {}} for v in skills]
    values = maybe_drop(offer_values(options, level, capacity, in_return), drop)
    response = slack.submit_view(
        ids.OFFER_MODAL, values=values, user_id="U1", private_metadata=private_metadata
    )
    check_answer(response, OFFER_BLOCKS)
    no_errors_reported(fake_slack)
    stored_rules_hold(sessions)


@FUZZ
@given(
    skill=st.one_of(st.none(), skill_values),
    goal=texts,
    frequency=choices,
    duration=choices,
    success=texts,
    teach=texts,
    drop=st.sets(st.sampled_from(sorted(REQUEST_BLOCKS))),
    private_metadata=metadata,
)
def test_random_request_submissions(
    slack, fake_slack, sessions, skill, goal, frequency, duration, success, teach, drop,
    private_metadata,
):  # fmt: skip
    fake_slack.add_user("U1")
    values = {
        ids.REQUEST_SKILL_BLOCK: {ids.REQUEST_SKILL_INPUT: sr.external_select(skill)},
        ids.REQUEST_GOAL_BLOCK: {ids.REQUEST_GOAL_INPUT: sr.plain_text_input(goal)},
        ids.REQUEST_FREQUENCY_BLOCK: {ids.REQUEST_FREQUENCY_INPUT: sr.static_select(frequency)},
        ids.REQUEST_DURATION_BLOCK: {ids.REQUEST_DURATION_INPUT: sr.static_select(duration)},
        ids.REQUEST_SUCCESS_BLOCK: {ids.REQUEST_SUCCESS_INPUT: sr.plain_text_input(success)},
        ids.REQUEST_TEACH_BLOCK: {ids.REQUEST_TEACH_INPUT: sr.plain_text_input(teach)},
    }
    response = slack.submit_view(
        ids.REQUEST_MODAL,
        values=maybe_drop(values, drop),
        user_id="U1",
        private_metadata=private_metadata,
    )
    check_answer(response, REQUEST_BLOCKS)
    no_errors_reported(fake_slack)
    stored_rules_hold(sessions)


@FUZZ
@given(
    stage=choices,
    reverse=st.lists(st.one_of(st.just("open_to_reverse"), st.text(max_size=10)), max_size=3),
    listed=st.lists(st.one_of(st.just("listed_in_directory"), st.text(max_size=10)), max_size=3),
    drop=st.sets(st.sampled_from(sorted(PROFILE_BLOCKS))),
    private_metadata=metadata,
)
def test_random_profile_submissions(
    slack, fake_slack, sessions, stage, reverse, listed, drop, private_metadata
):
    fake_slack.add_user("U1")
    values = {
        ids.PROFILE_STAGE_BLOCK: {ids.PROFILE_STAGE_INPUT: sr.static_select(stage)},
        ids.PROFILE_REVERSE_BLOCK: {ids.PROFILE_REVERSE_INPUT: sr.checkboxes(reverse)},
        ids.PROFILE_DIRECTORY_BLOCK: {ids.PROFILE_DIRECTORY_INPUT: sr.checkboxes(listed)},
    }
    response = slack.submit_view(
        ids.PROFILE_MODAL,
        values=maybe_drop(values, drop),
        user_id="U1",
        private_metadata=private_metadata,
    )
    check_answer(response, PROFILE_BLOCKS)
    no_errors_reported(fake_slack)
    with sessions() as session:
        for member in session.scalars(select(Member)):
            assert member.career_stage in (None, "early", "mid", "senior", "executive")


@FUZZ
@given(typed=st.text(max_size=300))
def test_random_autocomplete_text(slack, fake_slack, typed):
    response = slack.options(ids.OFFER_SKILLS_INPUT, typed)
    assert response.status == 200, response.text
    options = response.json()["options"]
    assert len(options) <= 100
    assert all(len(o["text"]["text"]) <= 75 and len(o["value"]) <= 150 for o in options)
