"""Goals with progress, end to end: set in the expectations form, a goal board kept in the
pair's group DM (posted once, then edited in place), one tap per goal on every second
check-in, levels at the start and the end, and the invitation to offer the skill."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.core import ids
from bot.db.models import Goal, GoalBoard, LearnerLevel, OutboxMessage, Pair, Skill
from bot.db.session import transaction
from tests.e2e.admin_helpers import ADMIN, add_admin_user, published_home, reply_to
from tests.e2e.admin_helpers import command as admin_command
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    deliver,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, command_reply, offers_of, visible_text
from tests.support.opened_views import wait_for_single_opened_view
from tests.support.slack_requests import checkboxes, radio_buttons, static_select
from tests.support.waiting import wait_until

GOAL_MARKER = "GOAL-MARKER-ship-the-report-bot"


def start_pair(deps, fake_slack, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    return pair, intro.params["channel"]


def week(deps, clock):
    clock.advance(days=7)
    finish_setup(deps)
    tick_and_deliver(deps)


def open_expectations(slack, fake_slack, pair, user_id="U1"):
    before = [
        c
        for c in fake_slack.calls_to("views.open")
        if c.params["view"]["callback_id"] == ids.EXPECTATIONS_MODAL
    ]
    slack.action(ids.SET_EXPECTATIONS, value=str(pair.id), user_id=user_id)
    calls = fake_slack.wait_for(
        "views.open",
        where=lambda c: c.params["view"]["callback_id"] == ids.EXPECTATIONS_MODAL,
        count=len(before) + 1,
    )
    return calls[-1].params["view"]


def expectation_values(goals, *, level=None, direction="main", more=None):
    values = {
        ids.EXPECTATIONS_OBJECTIVE: {ids.EXPECTATIONS_OBJECTIVE: {"type": "plain_text_input",
                                                                  "value": "Ship one report"}},
        ids.EXPECTATIONS_CONFIDENTIAL: {ids.EXPECTATIONS_CONFIDENTIAL: checkboxes(["agreed"])},
    }  # fmt: skip
    for position, text in enumerate(goals, start=1):
        block = ids.goal_box(direction, position)
        values[block] = {block: {"type": "plain_text_input", "value": text}}
    if level is not None:
        block = ids.start_level_box(direction)
        values[block] = {block: static_select(str(level))}
    values.update(more or {})
    return values


def save_expectations(slack, view, values, user_id="U1"):
    return slack.submit_view(ids.EXPECTATIONS_MODAL, values=values, user_id=user_id,
                             private_metadata=view["private_metadata"])  # fmt: skip


def board_posts(fake_slack):
    return [
        c for c in posts(fake_slack, channel_prefix="G") if "Goal board" in visible_text(c.params)
    ]


def board_edits(fake_slack):
    return [c for c in fake_slack.calls_to("chat.update") if c.ok]


def goal_rows(deps):
    with deps.sessions() as session:
        return session.execute(
            select(Goal.position, Goal.text, Goal.status).order_by(Goal.position)
        ).all()


def set_goals(slack, fake_slack, deps, pair, goals, level=2):
    view = open_expectations(slack, fake_slack, pair)
    response = save_expectations(slack, view, expectation_values(goals, level=level))
    assert response.status == 200 and not response.body, response.text
    deliver(deps)


def test_goals_are_set_in_the_form_and_the_board_is_posted_once(slack, fake_slack, deps, clock):
    pair, channel = start_pair(deps, fake_slack, clock)
    view = open_expectations(slack, fake_slack, pair)
    block_ids = {b.get("block_id") for b in view["blocks"]}
    assert {ids.goal_box("main", n) for n in (1, 2, 3)} <= block_ids
    assert ids.start_level_box("main") in block_ids
    assert ids.goal_box("back", 1) not in block_ids  # one-way pair: one learner
    assert "Goals for <@U2>" in visible_text(view)

    response = save_expectations(slack, view, expectation_values(
        ["Write the report script", "", "Schedule it *weekly*"], level=2))  # fmt: skip
    assert response.status == 200 and not response.body, response.text
    deliver(deps)
    assert goal_rows(deps) == [(1, "Write the report script", "not_started"),
                               (2, "Schedule it *weekly*", "not_started")]  # fmt: skip
    with deps.sessions() as session:
        level = session.scalar(select(LearnerLevel))
        assert (level.start_level, level.end_level) == (2, None)
    [board] = board_posts(fake_slack)
    assert board.params["channel"] == channel
    words = visible_text(board.params)
    assert "<@U2>" in words and "Write the report script" in words
    assert "Schedule it *weekly*" in words

    # Saving again with the same goals neither posts nor edits the board.
    view = open_expectations(slack, fake_slack, pair, user_id="U2")  # shows what was saved
    by_block = {b.get("block_id"): b for b in view["blocks"]}
    assert (
        by_block[ids.goal_box("main", 1)]["element"]["initial_value"] == "Write the report script"
    )
    assert by_block[ids.start_level_box("main")]["element"]["initial_option"]["value"] == "2"
    save_expectations(slack, view, expectation_values(
        ["Write the report script", "Schedule it *weekly*"], level=2), user_id="U2")  # fmt: skip
    deliver(deps)
    assert len(board_posts(fake_slack)) == 1 and board_edits(fake_slack) == []


def test_a_goal_that_is_too_long_or_a_made_up_level_is_refused_in_the_form(
    slack, fake_slack, deps, clock
):
    pair, _ = start_pair(deps, fake_slack, clock)
    view = open_expectations(slack, fake_slack, pair)
    values = expectation_values(["x" * 201], level=None)
    block = ids.start_level_box("main")
    values[block] = {block: static_select("9")}
    response = save_expectations(slack, view, values)
    errors = response.json()["errors"]
    assert "under 200 characters" in errors[ids.goal_box("main", 1)]
    assert "Choose a level" in errors[block]
    assert goal_rows(deps) == []


def test_every_second_checkin_asks_the_learner_and_the_board_is_edited_in_place(
    slack, fake_slack, deps, clock
):
    pair, channel = start_pair(deps, fake_slack, clock)
    set_goals(slack, fake_slack, deps, pair, ["Write the report script", "Schedule it"])
    week(deps, clock)
    checkins = [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)]
    assert not any(ids.GOAL_STATUS in key for key in buttons(checkins[-1]))  # the 1st: no
    week(deps, clock)
    second = [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)][-1]
    rows = [b for b in second.params["blocks"] if b.get("block_id", "").startswith("goal_status_")]
    assert len(rows) == 2 and "<@U2>, how are your Python goals going?" in visible_text(
        second.params
    )
    moving = next(e["value"] for e in rows[0]["elements"] if e["text"]["text"] == "Moving")

    refused = action_reply(slack, fake_slack, f"{ids.GOAL_STATUS}_moving", value=moving,
                           user_id="U1")  # fmt: skip
    assert "Only the person working towards this goal" in visible_text(refused)
    forged = action_reply(slack, fake_slack, f"{ids.GOAL_STATUS}_done",
                          value='{"goal": 999, "status": "done"}', user_id="U2")  # fmt: skip
    assert "someone else's pairing" in visible_text(forged)
    assert [status for _, _, status in goal_rows(deps)] == ["not_started", "not_started"]

    reply = action_reply(slack, fake_slack, f"{ids.GOAL_STATUS}_moving", value=moving,
                         user_id="U2")  # fmt: skip
    assert "is moving" in visible_text(reply)
    again = action_reply(slack, fake_slack, f"{ids.GOAL_STATUS}_moving", value=moving,
                         user_id="U2")  # fmt: skip
    assert "already marked moving" in visible_text(again)
    assert [status for _, _, status in goal_rows(deps)] == ["moving", "not_started"]
    deliver(deps)
    [board] = board_posts(fake_slack)
    [edit] = board_edits(fake_slack)
    assert (edit.params["channel"], edit.params["ts"]) == (channel, board.response["ts"])
    assert "_moving_" in json.dumps(edit.params["blocks"])
    assert "0 of 2 goals done" in edit.params["text"]


def test_edits_queued_before_the_board_goes_out_rewrite_it_instead(deps, fake_slack, slack, clock):
    pair, _ = start_pair(deps, fake_slack, clock)
    view = open_expectations(slack, fake_slack, pair)
    save_expectations(slack, view, expectation_values(["First goal"], level=1))
    view = open_expectations(slack, fake_slack, pair)
    save_expectations(slack, view, expectation_values(["First goal", "Second goal"], level=1))
    deliver(deps)
    [board] = board_posts(fake_slack)
    assert "Second goal" in visible_text(board.params)
    assert board_edits(fake_slack) == []


def test_the_ending_shows_the_level_change_and_one_tap_offers_the_skill(
    slack, fake_slack, deps, clock
):
    pair, _ = start_pair(deps, fake_slack, clock)
    set_goals(slack, fake_slack, deps, pair, ["Write the report script"], level=2)
    week(deps, clock)
    checkin = [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_END in buttons(c)]
    slack.action(ids.CHECKIN_END, value=buttons(checkin[-1])[ids.CHECKIN_END], user_id="U2")
    fake_slack.wait_for("views.open", where=lambda c: c.params["view"]["callback_id"]
                        == ids.FEEDBACK_MODAL)  # fmt: skip
    view = wait_for_single_opened_view(fake_slack, ids.FEEDBACK_MODAL)
    assert "Your level in Python now" in visible_text(view)
    values = {
        ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons("end")},
        ids.FEEDBACK_LEVEL: {ids.FEEDBACK_LEVEL: static_select("4")},
    }
    response = slack.submit_view(ids.FEEDBACK_MODAL, values=values, user_id="U2",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "update"
    deliver(deps)
    [ended] = [c for c in posts(fake_slack, channel_prefix="G")
               if "has ended" in visible_text(c.params)]  # fmt: skip
    assert "Python: 2 → 4" in visible_text(ended.params)
    [invite] = [c for c in posts(fake_slack) if ids.OFFER_LEARNED_SKILL in buttons(c)]
    assert not invite.params["channel"].startswith("G")  # a DM to the learner only
    assert "4 of 5" in visible_text(invite.params)

    offer_value = buttons(invite)[ids.OFFER_LEARNED_SKILL]
    refused = action_reply(slack, fake_slack, ids.OFFER_LEARNED_SKILL, value=offer_value,
                           user_id="U1")  # fmt: skip
    assert "someone else's pairing" in visible_text(refused)
    assert offers_of(deps.sessions, "U2") == []
    reply = action_reply(slack, fake_slack, ids.OFFER_LEARNED_SKILL,
                         value=buttons(invite)[ids.OFFER_LEARNED_SKILL], user_id="U2")  # fmt: skip
    assert "Python" in visible_text(reply)
    # Home is published again with the new offer (waited for, so the test ends settled).
    fake_slack.wait_for("views.publish", where=lambda c: c.params.get("user_id") == "U2")
    assert offers_of(deps.sessions, "U2") == [("python", 4)]


def test_a_learner_who_ends_below_three_is_not_invited(slack, fake_slack, deps, clock):
    pair, _ = start_pair(deps, fake_slack, clock)
    set_goals(slack, fake_slack, deps, pair, ["Write the report script"], level=1)
    week(deps, clock)
    checkin = [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_END in buttons(c)]
    slack.action(ids.CHECKIN_END, value=buttons(checkin[-1])[ids.CHECKIN_END], user_id="U2")
    view = wait_for_single_opened_view(fake_slack, ids.FEEDBACK_MODAL)
    values = {
        ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons("end")},
        ids.FEEDBACK_LEVEL: {ids.FEEDBACK_LEVEL: static_select("2")},
    }
    slack.submit_view(ids.FEEDBACK_MODAL, values=values, user_id="U2",
                      private_metadata=view["private_metadata"])  # fmt: skip
    deliver(deps)
    assert not [c for c in posts(fake_slack) if ids.OFFER_LEARNED_SKILL in buttons(c)]
    ended = [
        c for c in posts(fake_slack, channel_prefix="G") if "has ended" in visible_text(c.params)
    ]
    assert "Python: 1 → 2" in visible_text(ended[-1].params)


def test_a_two_way_pair_has_goals_for_each_learner(slack, fake_slack, deps, clock):
    pair, _ = start_pair(deps, fake_slack, clock)
    add_person(deps, fake_slack, "U7", "Linus", offers={"sql": 3})
    with transaction(deps.sessions) as session:
        row = session.get(Pair, pair.id)
        row.return_skill_id = session.scalar(select(Skill.id).where(Skill.slug == "sql"))
        row.two_way = True
    view = open_expectations(slack, fake_slack, pair)
    block_ids = {b.get("block_id") for b in view["blocks"]}
    assert ids.goal_box("back", 3) in block_ids and ids.start_level_box("back") in block_ids
    assert "Goals for <@U1>" in visible_text(view) and "Goals for <@U2>" in visible_text(view)
    values = expectation_values(["Automate reports"], level=2)
    values.update(expectation_values(["Write a join", "Read a query plan"], level=1,
                                     direction="back"))  # fmt: skip
    save_expectations(slack, view, values)
    deliver(deps)
    with deps.sessions() as session:
        learners = session.execute(
            select(Goal.learner_id, Goal.text).order_by(Goal.learner_id, Goal.position)
        ).all()
        levels = session.execute(select(LearnerLevel.learner_id, LearnerLevel.start_level)).all()
    assert len({who for who, _ in learners}) == 2 and len(learners) == 3
    assert sorted(level for _, level in levels) == [1, 2]
    [board] = board_posts(fake_slack)
    assert "<@U1>" in visible_text(board.params) and "Write a join" in visible_text(board.params)


def test_forget_me_deletes_goals_levels_and_the_board(slack, fake_slack, deps, clock):
    pair, _ = start_pair(deps, fake_slack, clock)
    set_goals(slack, fake_slack, deps, pair, [GOAL_MARKER], level=2)
    assert "forget" in visible_text(command_reply(slack, fake_slack, "forget-me", user_id="U2"))
    action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget", user_id="U2")
    with deps.sessions() as session:
        for model in (Goal, LearnerLevel, GoalBoard):
            assert session.scalars(select(model)).all() == []
        kept = session.scalars(select(OutboxMessage.text)).all()
        assert not [text for text in kept if GOAL_MARKER in text]


def test_admins_see_goal_aggregates_only_never_a_goal_or_a_rating(slack, fake_slack, deps, clock):
    pair, _ = start_pair(deps, fake_slack, clock)
    add_admin_user(fake_slack)
    set_goals(slack, fake_slack, deps, pair, [GOAL_MARKER], level=2)
    week(deps, clock)
    checkin = [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_END in buttons(c)]
    slack.action(ids.CHECKIN_END, value=buttons(checkin[-1])[ids.CHECKIN_END], user_id="U2")
    view = wait_for_single_opened_view(fake_slack, ids.FEEDBACK_MODAL)
    values = {
        ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons("end")},
        ids.FEEDBACK_LEVEL: {ids.FEEDBACK_LEVEL: static_select("4")},
    }
    slack.submit_view(ids.FEEDBACK_MODAL, values=values, user_id="U2",
                      private_metadata=view["private_metadata"])  # fmt: skip
    deliver(deps)
    before = len(fake_slack.calls)
    stats = visible_text(reply_to(fake_slack, admin_command(slack, fake_slack, "admin stats")))
    home = visible_text(published_home(slack, fake_slack, ADMIN))
    for words in (stats, home):
        assert "Learners' goals" in words
        assert "1 goal set; the share done is shown once at least 5 learners have goals" in words
    admin_saw = json.dumps([c.params for c in fake_slack.calls[before:]], ensure_ascii=False)
    assert GOAL_MARKER not in admin_saw and "2 → 4" not in admin_saw
    assert "Python: 2 → 4" in json.dumps([c.params for c in fake_slack.calls[:before]],
                                         ensure_ascii=False)  # fmt: skip


def test_uninstalling_deletes_goals_levels_and_boards(slack, fake_slack, deps, clock):
    pair, _ = start_pair(deps, fake_slack, clock)
    set_goals(slack, fake_slack, deps, pair, [GOAL_MARKER], level=2)

    def left() -> int:
        with deps.sessions() as session:
            return sum(
                len(session.scalars(select(m)).all()) for m in (Goal, LearnerLevel, GoalBoard)
            )

    assert left() == 3
    assert slack.event({"type": "app_uninstalled"}, team_id="T1").status == 200
    wait_until(lambda: left() == 0)
