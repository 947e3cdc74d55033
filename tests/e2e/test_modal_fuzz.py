"""Random field contents submitted to each modal through the real app: the answer is
always a valid one (close, field errors on fields that exist, or a valid next view),
never a server error, and what is stored stays within the rules."""

from __future__ import annotations

import json
import string
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.core import ids
from bot.db.models import (
    CheckInAnswer,
    Expectations,
    Feedback,
    Member,
    MentoringRequest,
    Pair,
    Schedule,
)
from bot.ui.expectations import pair_metadata
from bot.vocabulary import DURATIONS, FREQUENCIES
from tests.e2e.cycle_helpers import add_person, checkin_of, seed_pair
from tests.e2e.modal_support import answer
from tests.support import slack_requests as sr
from tests.support.blockkit import check_view

# Random text people type is stored and shown back: not our copy to judge.
pytestmark = pytest.mark.typed_text_echoed

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
    st.sampled_from([*FREQUENCIES, *DURATIONS, "biweekly", "month"]),
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
            assert request.frequency in (None, *FREQUENCIES)
            assert request.duration in (None, *DURATIONS)


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


# ---------------------------------------------------------------- the weekly cycle's modals
# Fields are filled with random text or replaced by anything JSON can hold (a forged
# submission can put a number or a list where Slack would send an object), and the
# metadata points at a real pair, someone else's, or nothing at all.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=6,
)  # fmt: skip


def text_state(action: str):
    return st.one_of(texts.map(sr.plain_text_input), json_values).map(lambda s: {action: s})


def select_state(action: str, choices_strategy, kind: str = "static"):
    build = {
        "static": sr.static_select,
        "radio": sr.radio_buttons,
        "external": sr.external_select,
    }[kind]
    return st.one_of(choices_strategy.map(build), json_values).map(lambda s: {action: s})


def forged_block(state):
    """A block's state as Slack sends it, or something else entirely."""
    return st.one_of(state, state, state, json_values)


def submit_raw(slack, callback_id: str, values: dict, private_metadata: str, user_id: str = "U1"):
    view = sr.modal_view(callback_id, values={}, private_metadata=private_metadata)
    view["state"] = {"values": values}
    return slack.submit_view(callback_id, view=view, user_id=user_id)


def pair_metadata_of(deps, fake_slack, draw_target: str, **extra) -> str:
    """Metadata naming a fresh pair of U1's, of two other people, or no pair at all."""
    for user in ("U1", "U2", "U8", "U9"):
        fake_slack.add_user(user)
    with deps.sessions() as session:
        known = {m.slack_user_id for m in session.scalars(select(Member))}
    for user in ("U1", "U2", "U8", "U9"):
        if user not in known:
            add_person(deps, fake_slack, user, user, offers={"python": 3})
    if draw_target == "none":
        return json.dumps({"pair": "nope", **extra})
    mentor, mentee = ("U1", "U2") if draw_target == "mine" else ("U8", "U9")
    return pair_metadata(seed_pair(deps, mentor, mentee, "python").id, **extra)


TARGETS = st.sampled_from(["mine", "mine", "someone-else", "none"])
DATES = st.one_of(st.none(), st.dates().map(str), st.text(max_size=12))
CYCLE_TEXT_LIMITS = {
    "objective": 500,
    "success_measure": 500,
    "note": 2000,
    "reason": 1000,
    "learned": 1000,
    "taught": 1000,
}


def cycle_rules_hold(sessions) -> None:
    """Whatever got stored from the cycle's forms is within limits and free of controls."""
    columns = {
        "objective": Expectations.objective,
        "success_measure": Expectations.success_measure,
        "note": CheckInAnswer.note,
        "reason": Feedback.reason,
        "learned": Feedback.learned,
        "taught": Feedback.taught,
    }
    with sessions() as session:
        for name, column in columns.items():
            for value in session.scalars(select(column)):
                if value is None:
                    continue
                assert 0 < len(value) <= CYCLE_TEXT_LIMITS[name], name
                assert not any(c != "\n" and unicodedata.category(c)[0] == "C" for c in value)
        for row in session.scalars(select(Expectations)):
            assert row.cadence in (None, "weekly", "every_two_weeks", "monthly")
            assert row.duration in (None, "one_conversation", "about_a_month",
                                    "about_three_months", "ongoing")  # fmt: skip


EXPECTATION_BLOCKS = {
    ids.EXPECTATIONS_OBJECTIVE,
    ids.EXPECTATIONS_CADENCE,
    ids.EXPECTATIONS_FIRST_MEETING,
    ids.EXPECTATIONS_DURATION,
    ids.EXPECTATIONS_SUCCESS,
    ids.EXPECTATIONS_CONFIDENTIAL,
}


DURATION_CODES = st.one_of(
    choices, st.sampled_from(["one_conversation", "about_a_month", "about_three_months", "ongoing"])
)
AGREED = st.lists(st.one_of(st.just("agreed"), st.text(max_size=8)), max_size=2).map(sr.checkboxes)
FIRST_MEETING = DATES.map(sr.datepicker).map(lambda s: {ids.EXPECTATIONS_FIRST_MEETING: s})


@FUZZ
@given(
    objective=forged_block(text_state(ids.EXPECTATIONS_OBJECTIVE)),
    cadence=forged_block(select_state(ids.EXPECTATIONS_CADENCE, choices)),
    first=forged_block(FIRST_MEETING),
    duration=forged_block(select_state(ids.EXPECTATIONS_DURATION, DURATION_CODES)),
    success=forged_block(text_state(ids.EXPECTATIONS_SUCCESS)),
    agreed=forged_block(AGREED.map(lambda s: {ids.EXPECTATIONS_CONFIDENTIAL: s})),
    drop=st.sets(st.sampled_from(sorted(EXPECTATION_BLOCKS))),
    target=TARGETS,
)
def test_random_expectations_submissions(
    slack, fake_slack, deps, sessions, objective, cadence, first, duration, success, agreed,
    drop, target,
):  # fmt: skip
    values = {
        ids.EXPECTATIONS_OBJECTIVE: objective,
        ids.EXPECTATIONS_CADENCE: cadence,
        ids.EXPECTATIONS_FIRST_MEETING: first,
        ids.EXPECTATIONS_DURATION: duration,
        ids.EXPECTATIONS_SUCCESS: success,
        ids.EXPECTATIONS_CONFIDENTIAL: agreed,
    }
    metadata = pair_metadata_of(deps, fake_slack, target)
    response = submit_raw(slack, ids.EXPECTATIONS_MODAL, maybe_drop(values, drop), metadata)
    check_answer(response, EXPECTATION_BLOCKS)
    no_errors_reported(fake_slack)
    cycle_rules_hold(sessions)
    with sessions() as session:  # only ever on U1's own pairs
        for row in session.scalars(select(Expectations)):
            assert session.get(Pair, row.pair_id).mentor.slack_user_id == "U1"


@FUZZ
@given(
    reason=forged_block(text_state(ids.NOT_A_FIT_REASON)),
    drop=st.booleans(),
    target=TARGETS,
)
def test_random_not_a_fit_submissions(slack, fake_slack, deps, sessions, reason, drop, target):
    values = {} if drop else {ids.NOT_A_FIT_REASON: reason}
    metadata = pair_metadata_of(deps, fake_slack, target)
    response = submit_raw(slack, ids.NOT_A_FIT_MODAL, values, metadata)
    check_answer(response, {ids.NOT_A_FIT_REASON})
    no_errors_reported(fake_slack)
    cycle_rules_hold(sessions)
    with sessions() as session:
        ended = session.scalars(select(Pair).where(Pair.status == "ended")).all()
        assert all(p.mentor.slack_user_id == "U1" for p in ended)  # only ever U1's own


@FUZZ
@given(
    note=forged_block(text_state(ids.CHECKIN_NOTE_TEXT)),
    target=TARGETS,
    forged_id=st.one_of(st.none(), st.integers(-3, 10**6), st.text(max_size=6)),
)
def test_random_checkin_note_submissions(slack, fake_slack, deps, sessions, note, target,
                                         forged_id):  # fmt: skip
    pair_id = json.loads(pair_metadata_of(deps, fake_slack, target)).get("pair")
    checkin = checkin_of(deps, pair_id) if isinstance(pair_id, int) else forged_id
    metadata = json.dumps({"checkin": checkin})
    response = submit_raw(slack, ids.CHECKIN_NOTE_MODAL, {ids.CHECKIN_NOTE_TEXT: note}, metadata)
    check_answer(response, {ids.CHECKIN_NOTE_TEXT})
    no_errors_reported(fake_slack)
    cycle_rules_hold(sessions)
    with sessions() as session:
        writers = {a.member_id for a in session.scalars(select(CheckInAnswer))}
        u1 = session.scalar(select(Member.id).where(Member.slack_user_id == "U1"))
        assert writers <= {u1}


FEEDBACK_BLOCKS = {ids.FEEDBACK_LEARNED, ids.FEEDBACK_TAUGHT, ids.FEEDBACK_DECISION}


DECISIONS = st.one_of(choices, st.sampled_from(["continue", "end", "rematch"]))


@FUZZ
@given(
    learned=forged_block(text_state(ids.FEEDBACK_LEARNED)),
    taught=forged_block(text_state(ids.FEEDBACK_TAUGHT)),
    decision=forged_block(select_state(ids.FEEDBACK_DECISION, DECISIONS, kind="radio")),
    drop=st.sets(st.sampled_from(sorted(FEEDBACK_BLOCKS))),
    target=TARGETS,
    cycle=st.one_of(st.none(), st.integers(-2, 5), st.text(max_size=4)),
    ending_now=st.one_of(st.booleans(), st.none(), st.text(max_size=3)),
)
def test_random_feedback_submissions(
    slack, fake_slack, deps, sessions, learned, taught, decision, drop, target, cycle, ending_now
):
    values = {
        ids.FEEDBACK_LEARNED: learned,
        ids.FEEDBACK_TAUGHT: taught,
        ids.FEEDBACK_DECISION: decision,
    }
    metadata = pair_metadata_of(deps, fake_slack, target, cycle=cycle, ending_now=ending_now)
    response = submit_raw(slack, ids.FEEDBACK_MODAL, maybe_drop(values, drop), metadata)
    check_answer(response, FEEDBACK_BLOCKS)
    no_errors_reported(fake_slack)
    cycle_rules_hold(sessions)


# ---------------------------------------------------------------- the admin settings modal

SETTINGS_BLOCKS = {
    ids.ADMIN_WEEKDAY, ids.ADMIN_TIME, ids.ADMIN_TIMEZONE, ids.ADMIN_CADENCE,
    ids.ADMIN_COOLDOWN, ids.ADMIN_TZ_GAP, ids.ADMIN_TWO_WAY_WEIGHT, ids.ADMIN_NUDGE_AFTER,
    ids.ADMIN_CLOSE_AFTER, ids.ADMIN_ANNOUNCE_CHANNEL, ids.ADMIN_ANNOUNCE_PAIRS,
}  # fmt: skip


def number_state(action: str):
    return st.one_of(numbers.map(sr.number_input), json_values).map(lambda s: {action: s})


WEEKDAYS = st.one_of(choices, st.integers(-1, 8).map(str))
TIMES = st.one_of(st.none(), st.text(max_size=8), st.sampled_from(["09:30", "25:00"]))
ZONES = st.one_of(choices, st.sampled_from(["Europe/Paris", "UTC", "Mars/Olympus", "../etc"]))
CADENCES = st.one_of(choices, st.sampled_from(["weekly", "every_two_weeks", "monthly"]))
CHANNELS = st.one_of(
    st.none(), st.just("CANNOUNCE"), st.text(max_size=300), st.just("<!channel>" * 100)
)
NAME_PAIRS = st.lists(st.one_of(st.just("name_pairs"), st.text(max_size=5)), max_size=2)


def timepicker(value):
    return {ids.ADMIN_TIME: {"type": "timepicker", "selected_time": value}}


def conversation(value):
    return {
        ids.ADMIN_ANNOUNCE_CHANNEL: {"type": "conversations_select", "selected_conversation": value}
    }


@FUZZ
@given(
    weekday=forged_block(select_state(ids.ADMIN_WEEKDAY, WEEKDAYS)),
    at=forged_block(TIMES.map(timepicker)),
    zone=forged_block(select_state(ids.ADMIN_TIMEZONE, ZONES, kind="external")),
    cadence=forged_block(select_state(ids.ADMIN_CADENCE, CADENCES)),
    cooldown=forged_block(number_state(ids.ADMIN_COOLDOWN)),
    gap=forged_block(number_state(ids.ADMIN_TZ_GAP)),
    weight=forged_block(number_state(ids.ADMIN_TWO_WAY_WEIGHT)),
    nudge=forged_block(number_state(ids.ADMIN_NUDGE_AFTER)),
    close=forged_block(number_state(ids.ADMIN_CLOSE_AFTER)),
    channel=forged_block(CHANNELS.map(conversation)),
    name_pairs=forged_block(
        NAME_PAIRS.map(sr.checkboxes).map(lambda s: {ids.ADMIN_ANNOUNCE_PAIRS: s})
    ),
    drop=st.sets(st.sampled_from(sorted(SETTINGS_BLOCKS))),
)
def test_random_settings_submissions(
    slack, fake_slack, sessions, weekday, at, zone, cadence, cooldown, gap, weight, nudge, close,
    channel, name_pairs, drop,
):  # fmt: skip
    fake_slack.add_user("UADMIN", is_admin=True)
    values = {
        ids.ADMIN_WEEKDAY: weekday, ids.ADMIN_TIME: at, ids.ADMIN_TIMEZONE: zone,
        ids.ADMIN_CADENCE: cadence, ids.ADMIN_COOLDOWN: cooldown, ids.ADMIN_TZ_GAP: gap,
        ids.ADMIN_TWO_WAY_WEIGHT: weight, ids.ADMIN_NUDGE_AFTER: nudge,
        ids.ADMIN_CLOSE_AFTER: close, ids.ADMIN_ANNOUNCE_CHANNEL: channel,
        ids.ADMIN_ANNOUNCE_PAIRS: name_pairs,
    }  # fmt: skip
    response = submit_raw(
        slack, ids.ADMIN_SETTINGS_MODAL, maybe_drop(values, drop), "", user_id="UADMIN"
    )
    check_answer(response, SETTINGS_BLOCKS)
    no_errors_reported(fake_slack)
    with sessions() as session:
        for schedule in session.scalars(select(Schedule)):
            assert schedule.announce_channel is None or schedule.announce_channel == "CANNOUNCE"
            assert 0 <= schedule.weekday <= 6 and schedule.cadence in (
                "weekly", "every_two_weeks", "monthly")  # fmt: skip
