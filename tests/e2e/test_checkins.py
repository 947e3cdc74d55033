"""Weekly check-ins with a controlled clock: answers, notes, nudges, auto-close, endings."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.core import ids
from bot.db.models import (
    CheckIn,
    CheckInAnswer,
    EndReason,
    Feedback,
    MentoringRequest,
    OutboxMessage,
    PairStatus,
    RequestStatus,
)
from bot.delivery.outbox import HELP_REQUEST
from tests.e2e.cycle_helpers import (
    add_person,
    ask_for_help,
    buttons,
    deliver,
    everything_sent,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, visible_text
from tests.support.opened_views import wait_for_single_opened_view
from tests.support.slack_requests import radio_buttons


def start_pair(deps, fake_slack, clock, **request):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"}, **request)
    add_person(deps, fake_slack, "U9", "Mallory", offers={"go": 2})
    add_person(deps, fake_slack, "UADMIN", "Admin", is_admin=True)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    return intro.params["channel"]


def week(deps, clock):
    clock.advance(days=7)
    tick_and_deliver(deps)


def checkin_posts(fake_slack):
    return [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)]


def test_weekly_checkins_record_each_answer_once_with_prompts_every_second_week(
    slack, fake_slack, deps, clock
):
    channel = start_pair(deps, fake_slack, clock)
    tick_and_deliver(deps)  # the pair's own week: no check-in yet
    assert checkin_posts(fake_slack) == []
    week(deps, clock)
    [first] = checkin_posts(fake_slack)
    assert first.params["channel"] == channel
    assert set(buttons(first)) == {ids.CHECKIN_MET, ids.CHECKIN_NOT_YET, ids.CHECKIN_NEED_HELP,
                                   ids.CHECKIN_END, ids.CHECKIN_NOTE,
                                   ids.LOG_SESSION}  # fmt: skip
    assert "Something to talk about" not in visible_text(first.params)
    checkin_id = buttons(first)[ids.CHECKIN_MET]

    reply = action_reply(slack, fake_slack, ids.CHECKIN_MET, value=checkin_id, user_id="U1")
    assert "thanks for letting us know you met" in visible_text(reply)
    again = action_reply(slack, fake_slack, ids.CHECKIN_MET, value=checkin_id, user_id="U1")
    assert "Already noted" in visible_text(again)
    action_reply(slack, fake_slack, ids.CHECKIN_NOT_YET, value=checkin_id, user_id="U2")
    with deps.sessions() as session:
        answers = session.execute(select(CheckInAnswer.answer, CheckInAnswer.answered_at)).all()
    assert sorted(a for a, _ in answers) == ["met", "not_yet"]
    assert all(at == clock.now for _, at in answers)

    week(deps, clock)
    second = checkin_posts(fake_slack)[-1]
    assert "Something to talk about" in visible_text(second.params)
    week(deps, clock)
    assert "Something to talk about" not in visible_text(checkin_posts(fake_slack)[-1].params)
    with deps.sessions() as session:
        assert session.scalars(select(CheckIn.number).order_by(CheckIn.number)).all() == [1, 2, 3]


def test_two_weeks_without_meeting_nudge_and_four_silent_weeks_close(
    slack, fake_slack, deps, clock
):
    channel = start_pair(deps, fake_slack, clock)
    nudges = []
    for _ in range(4):
        week(deps, clock)
        nudges.append(
            [
                c
                for c in posts(fake_slack, channel_prefix="G")
                if "without a meeting" in visible_text(c.params)
            ]
        )
    assert [len(n) for n in nudges] == [0, 0, 1, 1]
    assert len(checkin_posts(fake_slack)) == 4
    [still] = pairs(deps)
    assert still.status == PairStatus.ACTIVE

    week(deps, clock)
    [closed] = pairs(deps)
    assert (closed.status, closed.end_reason) == (PairStatus.ENDED, EndReason.NO_ANSWER)
    assert len(checkin_posts(fake_slack)) == 4  # no fifth check-in
    notice = [
        c for c in posts(fake_slack, channel_prefix="G") if "closed this" in visible_text(c.params)
    ]
    assert len(notice) == 1 and notice[0].params["channel"] == channel
    assert "matched again" in visible_text(notice[0].params)
    with deps.sessions() as session:
        assert session.scalars(select(MentoringRequest.status)).all() == [RequestStatus.OPEN]


def test_need_help_tells_admins_without_the_note_and_notes_stay_private(
    slack, fake_slack, deps, clock, settle
):
    start_pair(deps, fake_slack, clock)
    week(deps, clock)
    checkin_id = buttons(checkin_posts(fake_slack)[0])[ids.CHECKIN_MET]

    slack.action(ids.CHECKIN_NOTE, value=checkin_id, user_id="U2")
    fake_slack.wait_for("views.open")
    view = wait_for_single_opened_view(fake_slack, ids.CHECKIN_NOTE_MODAL)
    values = {ids.CHECKIN_NOTE_TEXT: {ids.CHECKIN_NOTE_TEXT: "Ada keeps cancelling, I feel stuck"}}
    response = slack.submit_view(ids.CHECKIN_NOTE_MODAL, values=values, user_id="U2",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "update"
    empty = slack.submit_view(ids.CHECKIN_NOTE_MODAL, values={}, user_id="U2",
                              private_metadata=view["private_metadata"])  # fmt: skip
    assert empty.json()["response_action"] == "errors"

    answer = ask_for_help(slack, fake_slack, checkin_id, user_id="U2")
    assert answer["response_action"] == "update"
    assert "admins have been told" in visible_text(answer["view"])
    settle()
    assert fake_slack.calls_to("users.list")
    deliver(deps)
    to_admin = [
        c
        for c in posts(fake_slack, channel_prefix="D")
        if "asked for help" in visible_text(c.params)
    ]
    assert len(to_admin) == 1
    [opened] = [
        c for c in fake_slack.calls_to("conversations.open") if c.params["users"] == "UADMIN"
    ]
    assert opened.response["channel"]["id"] == to_admin[0].params["channel"]
    assert "Ada keeps cancelling" not in everything_sent(fake_slack).replace(
        json.dumps(values, ensure_ascii=False), ""
    )
    with deps.sessions() as session:
        row = session.scalars(select(CheckInAnswer)).one()
    assert (row.answer, row.note) == ("need_help", "Ada keeps cancelling, I feel stuck")


def test_forged_checkin_clicks_change_nothing(slack, fake_slack, deps, clock, settle):
    start_pair(deps, fake_slack, clock)
    week(deps, clock)
    checkin_id = buttons(checkin_posts(fake_slack)[0])[ids.CHECKIN_MET]
    for action_id, value in ((ids.CHECKIN_MET, checkin_id), (ids.CHECKIN_END, checkin_id),
                             (ids.CHECKIN_NOTE, checkin_id), (ids.CHECKIN_MET, "999999"),
                             (ids.SHARE_FEEDBACK, json.dumps({"pair": 1, "cycle": 1})),
                             (ids.SHARE_FEEDBACK, "garbage")):  # fmt: skip
        reply = action_reply(slack, fake_slack, action_id, value=value, user_id="U9")
        assert "someone else's pairing" in visible_text(reply)
    forged = slack.submit_view(
        ids.FEEDBACK_MODAL,
        values={ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons("end")}},
        user_id="U9", private_metadata=json.dumps({"pair": pairs(deps)[0].id, "cycle": 1}),
    )  # fmt: skip
    assert forged.json()["response_action"] == "errors"
    settle()
    assert fake_slack.calls_to("views.open") == []
    with deps.sessions() as session:
        assert session.scalars(select(CheckInAnswer)).all() == []
    assert pairs(deps)[0].status == PairStatus.ACTIVE


def test_end_pairing_from_a_checkin(slack, fake_slack, deps, clock):
    start_pair(deps, fake_slack, clock)
    week(deps, clock)
    checkin_id = buttons(checkin_posts(fake_slack)[0])[ids.CHECKIN_END]
    slack.action(ids.CHECKIN_END, value=checkin_id, user_id="U1")
    fake_slack.wait_for("views.open")
    view = wait_for_single_opened_view(fake_slack, ids.FEEDBACK_MODAL)
    assert "continue" not in json.dumps(view["blocks"]).lower().replace("continues", "")
    values = {
        ids.FEEDBACK_LEARNED: {ids.FEEDBACK_LEARNED: "How finance reads reports"},
        ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons("end")},
    }
    response = slack.submit_view(ids.FEEDBACK_MODAL, values=values, user_id="U1",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "update"
    [ended] = pairs(deps)
    assert (ended.status, ended.end_reason) == (PairStatus.ENDED, EndReason.ENDED)
    deliver(deps)
    assert [
        c for c in posts(fake_slack, channel_prefix="G") if "has ended" in visible_text(c.params)
    ]
    assert "How finance reads reports" not in everything_sent(fake_slack).replace(
        json.dumps(values, ensure_ascii=False), ""
    )


@pytest.mark.parametrize("second_decision", ["rematch", "end"])
def test_end_of_duration_asks_each_privately_continue_extends_rematch_reopens(
    slack, fake_slack, deps, clock, second_decision
):
    start_pair(deps, fake_slack, clock, duration="one_conversation")
    week(deps, clock)  # check-in 1
    week(deps, clock)  # two weeks in: the planned end
    prompts = [c for c in posts(fake_slack, channel_prefix="D") if ids.SHARE_FEEDBACK in buttons(c)]
    assert len(prompts) == 2 and len(checkin_posts(fake_slack)) == 1
    opened = {
        c.response["channel"]["id"]: c.params["users"]
        for c in fake_slack.calls_to("conversations.open")
    }
    assert sorted(opened[c.params["channel"]] for c in prompts) == ["U1", "U2"]
    target = buttons(prompts[0])[ids.SHARE_FEEDBACK]

    slack.action(ids.SHARE_FEEDBACK, value=target, user_id="U1")
    fake_slack.wait_for("views.open")
    view = wait_for_single_opened_view(fake_slack, ids.FEEDBACK_MODAL)
    # Continuing says how long: another stretch as long as the first (two weeks here).
    assert "Continue together for another two weeks" in visible_text(view)
    keep_going = {
        ids.FEEDBACK_LEARNED: {ids.FEEDBACK_LEARNED: "Patience"},
        ids.FEEDBACK_TAUGHT: {ids.FEEDBACK_TAUGHT: "Pandas"},
        ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons("continue")},
    }
    response = slack.submit_view(ids.FEEDBACK_MODAL, values=keep_going, user_id="U1",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert "continues" in response.text
    [extended] = pairs(deps)
    assert extended.status == PairStatus.ACTIVE and extended.cycle == 2
    assert (extended.ends_at - extended.started_at).days == 28
    deliver(deps)
    told = fake_slack.wait_for(
        "chat.postMessage", where=lambda c: "continues for" in visible_text(c.params)
    )
    assert "continues for another two weeks, until <!date^" in visible_text(told[0].params)

    decide = {ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons(second_decision)}}
    slack.submit_view(ids.FEEDBACK_MODAL, values=decide, user_id="U2",
                      private_metadata=view["private_metadata"])  # fmt: skip
    [after] = pairs(deps)
    assert after.status == PairStatus.ENDED
    with deps.sessions() as session:
        status = session.scalars(select(MentoringRequest.status)).one()
        feedback = session.scalars(select(Feedback).order_by(Feedback.id)).all()
    expected = RequestStatus.OPEN if second_decision == "rematch" else RequestStatus.CLOSED
    assert status == expected
    assert [(f.decision, f.learned) for f in feedback] == [
        ("continue", "Patience"),
        (second_decision, None),
    ]


def test_a_help_request_reaches_the_admins_even_when_the_pair_ends_before_it_is_sent(
    slack, fake_slack, deps, clock, settle
):
    start_pair(deps, fake_slack, clock)
    week(deps, clock)
    checkin_id = buttons(checkin_posts(fake_slack)[0])[ids.CHECKIN_MET]
    answer = ask_for_help(slack, fake_slack, checkin_id, user_id="U2", said="We can't meet")
    assert "admins have been told" in visible_text(answer["view"])
    settle()

    # The other person ends the pairing before the sender has run.
    slack.action(ids.CHECKIN_END, value=checkin_id, user_id="U1")
    view = wait_for_single_opened_view(fake_slack, ids.FEEDBACK_MODAL)
    values = {ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons("end")}}
    response = slack.submit_view(ids.FEEDBACK_MODAL, values=values, user_id="U1",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "update"
    assert pairs(deps)[0].status == PairStatus.ENDED

    deliver(deps)
    to_admin = [
        c
        for c in posts(fake_slack, channel_prefix="D")
        if "asked for help" in visible_text(c.params)
    ]
    assert len(to_admin) == 1
    [opened] = [
        c for c in fake_slack.calls_to("conversations.open") if c.params["users"] == "UADMIN"
    ]
    assert opened.response["channel"]["id"] == to_admin[0].params["channel"]
    with deps.sessions() as session:
        statuses = session.scalars(
            select(OutboxMessage.status).where(OutboxMessage.kind == HELP_REQUEST)
        ).all()
    assert statuses == ["sent"]
