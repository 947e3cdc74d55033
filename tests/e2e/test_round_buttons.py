"""The intro's buttons and modals end to end: expectations, first meeting, not a good fit."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.core import ids
from bot.db.models import (
    EndReason,
    Expectations,
    Feedback,
    MentoringRequest,
    PairBlock,
    PairStatus,
    RequestStatus,
)
from tests.e2e.cycle_helpers import (
    add_person,
    deliver,
    everything_sent,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, visible_text
from tests.support.opened_views import wait_for_single_opened_view
from tests.support.slack_requests import checkboxes, datepicker, static_select


@pytest.fixture
def pair(deps, fake_slack, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    add_person(deps, fake_slack, "U9", "Mallory", offers={"go": 2})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [made] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    return made, intro.params["channel"]


def expectation_values(objective="Ship one automated report", date="2026-11-30", agreed=True):
    return {
        ids.EXPECTATIONS_OBJECTIVE: {ids.EXPECTATIONS_OBJECTIVE: objective},
        ids.EXPECTATIONS_CADENCE: {ids.EXPECTATIONS_CADENCE: static_select("weekly")},
        ids.EXPECTATIONS_FIRST_MEETING: {ids.EXPECTATIONS_FIRST_MEETING: datepicker(date)},
        ids.EXPECTATIONS_DURATION: {ids.EXPECTATIONS_DURATION: static_select("about_a_month")},
        ids.EXPECTATIONS_SUCCESS: {ids.EXPECTATIONS_SUCCESS: "The report runs by itself"},
        ids.EXPECTATIONS_CONFIDENTIAL: {
            ids.EXPECTATIONS_CONFIDENTIAL: checkboxes(["agreed"] if agreed else [])
        },
    }


def test_set_expectations_opens_the_modal_saves_and_posts_a_summary(slack, fake_slack, deps, pair):
    made, channel = pair
    slack.action(ids.SET_EXPECTATIONS, value=str(made.id), user_id="U2", channel_id=channel)
    fake_slack.wait_for("views.open")
    view = wait_for_single_opened_view(fake_slack, ids.EXPECTATIONS_MODAL)
    assert "Agree these with <@U1>" in visible_text(view)  # the partner, by mention

    response = slack.submit_view(
        ids.EXPECTATIONS_MODAL, values=expectation_values(), user_id="U2",
        private_metadata=view["private_metadata"],
    )  # fmt: skip
    assert response.status == 200 and not response.body
    deliver(deps)  # the summary goes out through the outbox
    [summary] = fake_slack.wait_for(
        "chat.postMessage", where=lambda c: "Objective" in visible_text(c.params)
    )
    assert summary.params["channel"] == channel
    words = visible_text(summary.params)
    assert "Ship one automated report" in words and "weekly" in words and "about a month" in words
    assert "Monday 30 November 2026" in words
    # The notification names whoever saved it; a raw id there is all a person would see.
    assert summary.params["text"] == "Expectations set by Grace."

    # The other person edits it later: stored as a new version, and the pair's end follows.
    slack.action(ids.SET_EXPECTATIONS, value=str(made.id), user_id="U1", channel_id=channel)
    fake_slack.wait_for("views.open", count=2)
    edited = fake_slack.calls_to("views.open")[-1].params["view"]
    assert "Ship one automated report" in json.dumps(edited)  # prefilled
    slack.submit_view(ids.EXPECTATIONS_MODAL, values=expectation_values("Two reports"),
                      user_id="U1", private_metadata=edited["private_metadata"])  # fmt: skip
    deliver(deps)
    fake_slack.wait_for("chat.postMessage", where=lambda c: "Two reports" in visible_text(c.params))
    with deps.sessions() as session:
        row = session.scalars(select(Expectations)).one()
        assert (row.objective, row.version, row.duration) == ("Two reports", 2, "about_a_month")
        assert row.confidentiality_agreed
    [after] = pairs(deps)
    assert after.duration == "about_a_month"
    assert (after.ends_at - after.started_at).days == 28


def test_invalid_expectations_are_answered_in_the_modal_and_nothing_is_stored(slack, deps, pair):
    made, _channel = pair
    response = slack.submit_view(
        ids.EXPECTATIONS_MODAL, values=expectation_values("  ", "2026-11-01", agreed=False),
        user_id="U2", private_metadata=json.dumps({"pair": made.id}),
    )  # fmt: skip
    body = response.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {
        ids.EXPECTATIONS_OBJECTIVE,
        ids.EXPECTATIONS_FIRST_MEETING,
        ids.EXPECTATIONS_CONFIDENTIAL,
    }
    with deps.sessions() as session:
        assert session.scalars(select(Expectations)).all() == []


def test_forged_clicks_and_submissions_change_nothing(slack, fake_slack, deps, pair, settle):
    made, channel = pair
    for action_id in (ids.SET_EXPECTATIONS, ids.FIRST_MEETING_SCHEDULED, ids.NOT_A_FIT):
        reply = action_reply(slack, fake_slack, action_id, value=str(made.id), user_id="U9",
                             channel_id=channel)  # fmt: skip
        assert reply["response_type"] == "ephemeral"
        assert "someone else's pairing" in visible_text(reply)
    reply = action_reply(slack, fake_slack, ids.NOT_A_FIT, value="not-a-number", user_id="U1")
    assert "someone else's pairing" in visible_text(reply)
    settle()
    assert fake_slack.calls_to("views.open") == []

    for callback_id, values in (
        (ids.EXPECTATIONS_MODAL, expectation_values()),
        (ids.NOT_A_FIT_MODAL, {}),
    ):
        response = slack.submit_view(callback_id, values=values, user_id="U9",
                                     private_metadata=json.dumps({"pair": made.id}))  # fmt: skip
        assert response.json()["response_action"] == "errors"
    [still] = pairs(deps)
    assert still.status == PairStatus.ACTIVE and still.first_meeting_scheduled_at is None
    with deps.sessions() as session:
        assert session.scalars(select(Expectations)).all() == []


def test_not_a_fit_ends_politely_blocks_and_requeues(slack, fake_slack, deps, clock, pair):
    made, channel = pair
    slack.action(ids.NOT_A_FIT, value=str(made.id), user_id="U2", channel_id=channel)
    fake_slack.wait_for("views.open")
    view = wait_for_single_opened_view(fake_slack, ids.NOT_A_FIT_MODAL)
    values = {ids.NOT_A_FIT_REASON: {ids.NOT_A_FIT_REASON: "We never clicked, sorry Ada"}}
    response = slack.submit_view(ids.NOT_A_FIT_MODAL, values=values, user_id="U2",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "update"
    # A second submission (double click) changes nothing more.
    again = slack.submit_view(ids.NOT_A_FIT_MODAL, values=values, user_id="U2",
                              private_metadata=view["private_metadata"])  # fmt: skip
    assert "already ended" in again.text

    [ended] = pairs(deps)
    assert (ended.status, ended.end_reason) == (PairStatus.ENDED, EndReason.NOT_A_FIT)
    with deps.sessions() as session:
        assert session.scalars(select(MentoringRequest.status)).all() == [RequestStatus.OPEN]
        assert len(session.scalars(select(PairBlock)).all()) == 1
        assert session.scalars(select(Feedback.reason)).all() == ["We never clicked, sorry Ada"]
    deliver(deps)
    notice = [
        c for c in posts(fake_slack, channel_prefix="G") if "has ended" in visible_text(c.params)
    ]
    assert len(notice) == 1 and notice[0].params["channel"] == channel
    assert "We never clicked" not in everything_sent(fake_slack)

    # Next week's round never pairs them again; Grace is told why.
    clock.advance(days=7)
    finish_setup(deps)
    tick_and_deliver(deps)
    assert len(pairs(deps)) == 1
    dm = [c for c in posts(fake_slack, channel_prefix="D") if "Python" in visible_text(c.params)]
    assert dm and "recently" in visible_text(dm[-1].params)
