"""Everything a pairing builds up along the way (first-meeting times, their reminder and
the learner's nudge, goals, skill levels, the goal board, the learning log and its action
items, thanks and the endorsements they count as, fit and pair-again answers, which are
also what the matcher's rating term reads) goes with the person on `/mentor forget-me`,
and with the workspace on uninstall; a deleted Slack account is taken out of everything
still to come.

The scene is built through the real app. The checks read the models rather than a list
of tables, so a table added later with a member column, or holding typed text, is
covered without touching this file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from sqlalchemy import String, Text, func, select
from sqlalchemy.orm import Session

from bot.core import ids
from bot.db.base import Base
from bot.db.models import (
    FitRating,
    Goal,
    GoalBoard,
    LearnerLevel,
    LogEntry,
    Member,
    OutboxMessage,
    OutboxStatus,
    Pair,
    PairStatus,
    ProcessedEvent,
    Thanks,
)
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    deliver,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, command_reply, visible_text
from tests.e2e.test_find_a_time import open_modal, picked, slot_options
from tests.e2e.test_goals import set_goals
from tests.e2e.test_learning_log import log_values, open_log_modal, submit
from tests.support.opened_views import wait_for_single_opened_view
from tests.support.slack_requests import radio_buttons, static_select
from tests.support.waiting import wait_until

MARKER = "REMOVAL-MARKER-7f3q"

# Rows that stay, by design, for someone forgotten who had pairs: the pair itself (an
# anonymous placeholder in it) and their met / not yet answers (without the note), for
# the program's counts. Nothing typed by the person is left in them (checked below).
KEPT_FOR_COUNTS = frozenset(
    {("pairs", "mentor_id"), ("pairs", "mentee_id"), ("checkin_answers", "member_id")}
)


@dataclass(frozen=True)
class Scene:
    pair_id: int
    ada: int  # the mentor's member id
    grace: int  # the learner's member id


def week(deps, clock):
    clock.advance(days=7)
    tick_and_deliver(deps)


def checkins(fake_slack):
    return [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)]


def dm_button(fake_slack, action_id):
    return [c for c in posts(fake_slack, channel_prefix="D") if action_id in buttons(c)]


def count(session: Session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def build_scene(slack, fake_slack, deps, clock, *, end: bool) -> Scene:
    """Ada (U1) mentors Grace (U2) in Python, and every new kind of row is written once."""
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"},
               duration="about_three_months")  # fmt: skip
    add_person(deps, fake_slack, "U3", "Linus", offers={"go": 2})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")

    # Goals and a starting level, from the expectations form: the goal board goes out.
    set_goals(slack, fake_slack, deps, pair, [f"Ship the report bot {MARKER}"], level=2)
    # A logged session with an action item, in the intro's thread.
    view = open_log_modal(slack, fake_slack, pair.id, "U2", channel_id=intro.params["channel"])
    answer = submit(slack, view, "U2", log_values(
        covered=f"Generators {MARKER}", mentor=f"Ada learned {MARKER}",
        mentee=f"Grace learned {MARKER}", action=f"Rewrite the script {MARKER}"))  # fmt: skip
    assert answer["response_action"] == "update"

    # Two weeks with nothing on the calendar: the learner's nudge, two check-ins (the
    # second asks about goals) and the private fit question.
    week(deps, clock)
    week(deps, clock)
    deliver(deps)
    assert [c for c in posts(fake_slack, channel_prefix="D") if "nudge" in c.params["text"]]
    rows = [b for b in checkins(fake_slack)[-1].params["blocks"]
            if b.get("block_id", "").startswith("goal_status_")]  # fmt: skip
    moving = next(e["value"] for e in rows[0]["elements"] if e["text"]["text"] == "Moving")
    action_reply(slack, fake_slack, f"{ids.GOAL_STATUS}_moving", value=moving, user_id="U2")
    assert dm_button(fake_slack, ids.FIT_GOOD)
    action_reply(slack, fake_slack, ids.FIT_GOOD, value=str(pair.id), user_id="U2")
    action_reply(slack, fake_slack, ids.FIT_NOT_SURE, value=str(pair.id), user_id="U1")

    # A first meeting picked with Find a time: its reminder waits in the outbox.
    view = open_modal(fake_slack, slack.action, pair, "U2", count=len(
        fake_slack.calls_to("views.open")) + 1)  # fmt: skip
    chosen = slot_options(view)[0]["value"]
    response = slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(chosen), user_id="U2",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "update"

    # Thanks both ways: Grace's names the skill Ada offers, so it is an endorsement.
    command_reply(slack, fake_slack, f"thanks <@U1> for python {MARKER}", user_id="U2")
    command_reply(slack, fake_slack, f"thanks <@U2> for good questions {MARKER}", user_id="U1")
    deliver(deps)

    if end:
        # Grace ends it at level 4: the level change, the one-tap offer, pair again?
        week(deps, clock)
        ending = checkins(fake_slack)[-1]
        slack.action(ids.CHECKIN_END, value=buttons(ending)[ids.CHECKIN_END], user_id="U2")
        view = wait_for_single_opened_view(fake_slack, ids.FEEDBACK_MODAL)
        values = {
            ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: radio_buttons("end")},
            ids.FEEDBACK_LEVEL: {ids.FEEDBACK_LEVEL: static_select("4")},
        }
        slack.submit_view(ids.FEEDBACK_MODAL, values=values, user_id="U2",
                          private_metadata=view["private_metadata"])  # fmt: skip
        deliver(deps)
        [invite] = dm_button(fake_slack, ids.OFFER_LEARNED_SKILL)
        action_reply(slack, fake_slack, ids.OFFER_LEARNED_SKILL,
                     value=buttons(invite)[ids.OFFER_LEARNED_SKILL], user_id="U2")  # fmt: skip
        action_reply(slack, fake_slack, ids.AGAIN_YES, value=str(pair.id), user_id="U2")
        action_reply(slack, fake_slack, ids.AGAIN_NO, value=str(pair.id), user_id="U1")
        deliver(deps)

    with deps.sessions() as session:
        every_kind = {
            "goals": count(session, Goal),
            "levels": count(session, LearnerLevel),
            "boards": count(session, GoalBoard),
            "log entries": count(session, LogEntry, LogEntry.action_item.is_not(None)),
            "thanks": count(session, Thanks),
            "endorsements": count(session, Thanks, Thanks.endorsed_skill_id.is_not(None)),
            "fit answers": count(session, FitRating, FitRating.stage == "two_weeks"),
            "reminders": count(session, OutboxMessage, OutboxMessage.kind == "meeting_reminder"),
            "nudges": count(session, OutboxMessage, OutboxMessage.kind == "schedule_nudge"),
            "meeting times": count(session, Pair, Pair.first_meeting_at.is_not(None)),
        }
        if end:
            every_kind["pair-again answers"] = count(session, FitRating, FitRating.stage == "end")
            level = session.scalar(select(LearnerLevel))
            assert (level.start_level, level.end_level) == (2, 4)
        assert all(every_kind.values()), every_kind
        # The search below can see what was typed, wherever it was stored.
        typed = {name for name, text in text_of_every_row(session).items() if MARKER in text}
        assert {"pair_goals", "log_entries", "thanks", "outbox_messages"} <= typed, typed
        ids_of = {
            m.slack_user_id: m.id
            for m in session.scalars(select(Member).where(Member.team_id == "T1"))
        }
    return Scene(pair_id=pair.id, ada=ids_of["U1"], grace=ids_of["U2"])


def member_columns():
    """Every (table, column) that points at a member, found from the models."""
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == Member.__tablename__ for fk in column.foreign_keys):
                yield table, column


def test_the_member_columns_are_found_from_the_models():
    found = {(table.name, column.name) for table, column in member_columns()}
    assert {("pair_goals", "learner_id"), ("learner_levels", "learner_id"),
            ("log_entries", "author_id"), ("log_entries", "action_owner_id"),
            ("thanks", "sender_id"), ("thanks", "recipient_id"), ("fit_ratings", "rater_id"),
            ("fit_ratings", "rated_id")} <= found  # fmt: skip
    assert found >= KEPT_FOR_COUNTS


def text_of_every_row(session: Session) -> dict[str, str]:
    """Each table's rows as one string, to search for what people typed."""
    found = {}
    for table in Base.metadata.sorted_tables:
        rows = session.execute(select(table)).all()
        found[table.name] = json.dumps([list(row) for row in rows], default=str)
    return found


def assert_nothing_left_of(deps, member_id: int, slack_id: str) -> None:
    with deps.sessions() as session:
        for table, column in member_columns():
            if (table.name, column.name) in KEPT_FOR_COUNTS:
                continue
            left = session.scalar(
                select(func.count()).select_from(table).where(column == member_id)
            )
            assert left == 0, f"{table.name}.{column.name} still holds the forgotten person"
        for name, text in text_of_every_row(session).items():
            assert MARKER not in text, f"{name} still holds text from the pairing"
            assert f"<@{slack_id}>" not in text, f"{name} still names the forgotten person"
        # Exact Slack ids in any text column (owners, admins, DM channels, users lists).
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, String | Text):
                    named = session.scalar(
                        select(func.count()).select_from(table).where(column == slack_id)
                    )
                    assert not named, f"{table.name}.{column.name} still holds {slack_id}"
        placeholder = session.get(Member, member_id)
        if placeholder is not None:
            assert placeholder.slack_user_id.startswith("forgotten:")
            assert (placeholder.work_starts_minute, placeholder.work_ends_minute) == (None, None)
        assert count(session, Pair, Pair.first_meeting_at.is_not(None)) == 0


@pytest.mark.parametrize("end", [True, False], ids=["ended", "active"])
@pytest.mark.parametrize("who", ["U2", "U1"], ids=["learner", "mentor"])
def test_forget_me_counts_and_removes_everything_the_pairing_built_up(
    slack, fake_slack, deps, clock, who, end
):
    scene = build_scene(slack, fake_slack, deps, clock, end=end)
    shown = visible_text(command_reply(slack, fake_slack, "forget-me", user_id=who))
    # Every kind of row that goes is counted, each line only when there is something.
    expected = [
        "1 goal set in your pairings, with its progress",
        f"{2 if end else 1} skill-level rating{'s' if end else ''} from your pairings",
        "1 learning-log entry from your pairings",
        "1 action item in those entries",
        "1 first-meeting time, with its reminder",
        "2 thank-yous you sent or received",
        f"{4 if end else 2} private answers about how a pairing fit",
        "working hours",
    ]
    for line in expected:
        assert line in shown, (line, shown)
    assert ("1 active pairing" in shown) is not end

    done = action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget", user_id=who)
    assert "everything mentorbot kept about you is deleted" in visible_text(done)
    member_id = scene.grace if who == "U2" else scene.ada
    assert_nothing_left_of(deps, member_id, who)
    with deps.sessions() as session:
        # The pairing's own rows went whoever left: they are about both people.
        for model in (Goal, LearnerLevel, GoalBoard, LogEntry, FitRating, Thanks):
            assert count(session, model) == 0, model.__tablename__
        pair = session.get(Pair, scene.pair_id)
        assert pair.status == PairStatus.ENDED and pair.first_meeting_scheduled_at is not None
        left = session.scalars(
            select(OutboxMessage.kind).where(
                OutboxMessage.kind.in_(("meeting_reminder", "schedule_nudge", "fit"))
            )
        ).all()
        assert left == []


def test_uninstalling_removes_every_row_of_the_workspace(slack, fake_slack, deps, clock):
    build_scene(slack, fake_slack, deps, clock, end=True)

    def rows_left() -> dict[str, int]:
        with deps.sessions() as session:
            counts = {
                table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables
                if table.name != ProcessedEvent.__tablename__
            }
        return {name: n for name, n in counts.items() if n}

    assert {"pair_goals", "learner_levels", "goal_boards", "log_entries", "thanks",
            "fit_ratings"} <= set(rows_left())  # fmt: skip
    assert slack.event({"type": "app_uninstalled"}, team_id="T1").status == 200
    wait_until(lambda: rows_left() == {})


def test_a_deleted_account_gets_nothing_more_and_leaves_matching(
    slack, fake_slack, deps, clock, settle
):
    scene = build_scene(slack, fake_slack, deps, clock, end=False)
    mark = len(fake_slack.calls)
    gone = {"type": "user_change", "user": {"id": "U2", "team_id": "T1", "deleted": True}}
    assert slack.event(gone, event_id="Ev-gone").status == 200

    def ended() -> bool:
        with deps.sessions() as session:
            return session.get(Pair, scene.pair_id).status == PairStatus.ENDED

    wait_until(ended)
    settle()
    with deps.sessions() as session:
        assert session.get(Member, scene.grace).active is False
        # The reminder of the meeting they will not come to, and anything else queued
        # for them, is never sent.
        pending = session.scalars(
            select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
        ).all()
        assert not [m for m in pending if "U2" in (m.users or "").split(",")]
        assert not [m for m in pending if m.kind == "meeting_reminder"]
    deliver(deps)
    clock.advance(days=7)
    tick_and_deliver(deps)
    since = fake_slack.calls[mark:]
    opened = [c.params["users"] for c in since if c.method == "conversations.open"]
    assert all("U2" not in users.split(",") for users in opened)
    # Nobody can thank them any more, and nothing new is stored about them.
    with deps.sessions() as session:
        thanks_before = count(session, Thanks)
    said = visible_text(command_reply(slack, fake_slack, "thanks <@U2> for help", user_id="U1"))
    assert "deactivated" in said
    with deps.sessions() as session:
        assert count(session, Thanks) == thanks_before
