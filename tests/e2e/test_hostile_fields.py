"""The hostile-input corpus through every free-text field of every modal, and through
every options (autocomplete) endpoint, via the real app.

Each text is answered without a server error; over-long text is refused next to its
field with the limit in words; nothing stored keeps control characters; and no message
or view the app then sends (replies, summaries in the pair's DM, App Home, re-opened
forms) renders a mention, broadcast or link that a person typed.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from bot.core import ids
from bot.core.deps import Deps
from bot.db.models import CheckInAnswer, Expectations, Feedback, Member, MentoringRequest
from bot.parsing.checkin_forms import MAX_NOTE
from bot.parsing.forms import MAX_GOAL_LENGTH, MAX_NOTE_LENGTH
from bot.parsing.pair_forms import MAX_ANSWER, MAX_OBJECTIVE, MAX_SUCCESS
from bot.ui.expectations import pair_metadata
from tests.e2e.cycle_helpers import add_person, checkin_of, deliver, seed_pair
from tests.e2e.modal_support import answer, known, new, offer_values, request_values
from tests.support import slack_requests as sr
from tests.support.blockkit import check_view
from tests.support.hostile import HOSTILE_TEXTS, LONG, assert_nothing_rendered_as_markup

PAIR_MENTIONS = ("<@U1>", "<@U2>")
MAX_NOT_A_FIT_REASON = 1000


def expectations(objective: str = "Ship one report", success: str | None = None) -> dict:
    return {
        ids.EXPECTATIONS_OBJECTIVE: {ids.EXPECTATIONS_OBJECTIVE: objective},
        ids.EXPECTATIONS_SUCCESS: {ids.EXPECTATIONS_SUCCESS: success},
        ids.EXPECTATIONS_CONFIDENTIAL: {ids.EXPECTATIONS_CONFIDENTIAL: sr.checkboxes(["agreed"])},
    }


def feedback(learned: str | None = None, taught: str | None = None) -> dict:
    return {
        ids.FEEDBACK_LEARNED: {ids.FEEDBACK_LEARNED: learned},
        ids.FEEDBACK_TAUGHT: {ids.FEEDBACK_TAUGHT: taught},
        ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: sr.radio_buttons("continue")},
    }


def no_metadata(_deps: Deps) -> str:
    return ""


def new_pair(deps: Deps, **extra: Any) -> str:
    return pair_metadata(seed_pair(deps, "U1", "U2", "python").id, **extra)


def new_checkin(deps: Deps) -> str:
    return json.dumps({"checkin": checkin_of(deps, seed_pair(deps, "U1", "U2", "python").id)})


@dataclass(frozen=True)
class Field:
    callback_id: str
    block_id: str
    limit: int
    values: Callable[[str], dict]
    metadata: Callable[[Deps], str]
    stored: Callable[[Any], list[str | None]]  # the text columns this field may fill


FIELDS = {
    "offer-in-return": Field(
        ids.OFFER_MODAL, ids.OFFER_IN_RETURN_BLOCK, MAX_NOTE_LENGTH,
        lambda t: offer_values([known("python")], in_return=t), no_metadata,
        lambda s: list(s.scalars(select(Member.wants_in_return))),
    ),
    "request-goal": Field(
        ids.REQUEST_MODAL, ids.REQUEST_GOAL_BLOCK, MAX_GOAL_LENGTH,
        lambda t: request_values(new("Negotiation"), goal=t), no_metadata,
        lambda s: list(s.scalars(select(MentoringRequest.goal))),
    ),
    "request-success": Field(
        ids.REQUEST_MODAL, ids.REQUEST_SUCCESS_BLOCK, MAX_NOTE_LENGTH,
        lambda t: request_values(new("Negotiation"), success=t), no_metadata,
        lambda s: list(s.scalars(select(MentoringRequest.success_measure))),
    ),
    "request-teach": Field(
        ids.REQUEST_MODAL, ids.REQUEST_TEACH_BLOCK, MAX_NOTE_LENGTH,
        lambda t: request_values(new("Negotiation"), teach=t), no_metadata,
        lambda s: list(s.scalars(select(MentoringRequest.can_teach_in_return))),
    ),
    "expectations-objective": Field(
        ids.EXPECTATIONS_MODAL, ids.EXPECTATIONS_OBJECTIVE, MAX_OBJECTIVE,
        lambda t: expectations(objective=t), new_pair,
        lambda s: list(s.scalars(select(Expectations.objective))),
    ),
    "expectations-success": Field(
        ids.EXPECTATIONS_MODAL, ids.EXPECTATIONS_SUCCESS, MAX_SUCCESS,
        lambda t: expectations(success=t), new_pair,
        lambda s: list(s.scalars(select(Expectations.success_measure))),
    ),
    "not-a-fit-reason": Field(
        ids.NOT_A_FIT_MODAL, ids.NOT_A_FIT_REASON, MAX_NOT_A_FIT_REASON,
        lambda t: {ids.NOT_A_FIT_REASON: {ids.NOT_A_FIT_REASON: t}}, new_pair,
        lambda s: list(s.scalars(select(Feedback.reason))),
    ),
    "checkin-note": Field(
        ids.CHECKIN_NOTE_MODAL, ids.CHECKIN_NOTE_TEXT, MAX_NOTE,
        lambda t: {ids.CHECKIN_NOTE_TEXT: {ids.CHECKIN_NOTE_TEXT: t}}, new_checkin,
        lambda s: list(s.scalars(select(CheckInAnswer.note))),
    ),
    "feedback-learned": Field(
        ids.FEEDBACK_MODAL, ids.FEEDBACK_LEARNED, MAX_ANSWER,
        lambda t: feedback(learned=t), lambda d: new_pair(d, cycle=1, ending_now=False),
        lambda s: list(s.scalars(select(Feedback.learned))),
    ),
    "feedback-taught": Field(
        ids.FEEDBACK_MODAL, ids.FEEDBACK_TAUGHT, MAX_ANSWER,
        lambda t: feedback(taught=t), lambda d: new_pair(d, cycle=1, ending_now=False),
        lambda s: list(s.scalars(select(Feedback.taught))),
    ),
}  # fmt: skip


def has_control_characters(text: str) -> bool:
    return any(c != "\n" and unicodedata.category(c)[0] == "C" for c in text)


@pytest.fixture
def people(deps, fake_slack):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})


@pytest.mark.parametrize("field_name", list(FIELDS))
def test_hostile_text_in_every_modal_field(slack, fake_slack, deps, sessions, people, field_name):
    field = FIELDS[field_name]
    mark = len(fake_slack.calls)
    for text_id, text in HOSTILE_TEXTS.items():
        response = slack.submit_view(
            field.callback_id,
            values=field.values(text),
            user_id="U1",
            private_metadata=field.metadata(deps),
        )
        assert response.status == 200, (text_id, response.status, response.text)
        ack = answer(response)
        if len(text) >= LONG // 2:
            assert ack is not None and ack["response_action"] == "errors", (text_id, ack)
            message = ack["errors"].get(field.block_id, "")
            assert str(field.limit) in message and "characters" in message, (text_id, ack)
            continue
        assert ack is None or ack["response_action"] == "update", (text_id, ack)
        if ack is not None:
            check_view(ack["view"])
            assert_nothing_rendered_as_markup(ack["view"], allowed_mentions=PAIR_MENTIONS)
    deliver(deps)  # what the pair's DM would get (expectations summaries…)

    with sessions() as session:
        stored = [value for value in field.stored(session) if value]
    assert stored, "nothing was stored from the ordinary texts"
    for value in stored:
        assert len(value) <= field.limit
        assert not has_control_characters(value), repr(value[:80])
    for call in fake_slack.calls[mark:]:
        assert call.status != 500
        assert_nothing_rendered_as_markup(call.params, allowed_mentions=PAIR_MENTIONS)
        assert "went wrong" not in json.dumps(call.params)


def test_stored_hostile_text_shows_safely_in_the_forms_it_fills_again(
    slack, fake_slack, deps, people
):
    """Expectations and notes are prefilled when opened again: still valid, still inert."""
    text = " ".join(t for t in HOSTILE_TEXTS.values() if len(t) < 60)[:450]
    metadata = new_pair(deps)
    pair_id = json.loads(metadata)["pair"]
    slack.submit_view(ids.EXPECTATIONS_MODAL, values=expectations(text, text), user_id="U1",
                      private_metadata=metadata)  # fmt: skip
    checkin_id = checkin_of(deps, pair_id)
    note = {ids.CHECKIN_NOTE_TEXT: {ids.CHECKIN_NOTE_TEXT: text}}
    slack.submit_view(ids.CHECKIN_NOTE_MODAL, values=note, user_id="U1",
                      private_metadata=json.dumps({"checkin": checkin_id}))  # fmt: skip
    mark = len(fake_slack.calls)
    slack.action(ids.SET_EXPECTATIONS, value=str(pair_id), user_id="U2")
    slack.action(ids.CHECKIN_NOTE, value=str(checkin_id), user_id="U1")
    opened = fake_slack.wait_for("views.open", count=2)
    for call in opened:
        check_view(call.params["view"])
        assert_nothing_rendered_as_markup(call.params, allowed_mentions=PAIR_MENTIONS)
    deliver(deps)
    for call in fake_slack.calls[mark:]:
        assert_nothing_rendered_as_markup(call.params, allowed_mentions=PAIR_MENTIONS)


@pytest.mark.parametrize(
    ("action_id", "admin"),
    [
        (ids.OFFER_SKILLS_INPUT, False),
        (ids.REQUEST_SKILL_INPUT, False),
        (ids.ADMIN_TIMEZONE, True),
        (ids.ADMIN_TIMEZONE, False),
    ],
    ids=["offer-skills", "request-skill", "time-zones", "time-zones-not-admin"],
)
def test_hostile_text_in_every_options_request(deps, slack, fake_slack, action_id, admin):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4, "public speaking": 3},
               is_admin=admin)  # fmt: skip
    for text_id, text in HOSTILE_TEXTS.items():
        response = slack.options(action_id, text, user_id="U1")
        assert response.status == 200, (text_id, response.status, response.text)
        options = response.json()["options"]
        assert len(options) <= 100
        for option in options:
            assert option["text"]["type"] == "plain_text"
            assert 0 < len(option["text"]["text"]) <= 75 and 0 < len(option["value"]) <= 150
            assert not has_control_characters(option["value"]), (text_id, option)
    assert slack.options(ids.ADMIN_TIMEZONE, "london", user_id="U1").json()["options"] or not admin
