"""`/mentor forget-me` end to end: the confirmation, what is deleted, what the partner is
told, the anonymous pair that stays, and the rounds after it."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import (
    CheckInAnswer,
    DmChannel,
    EndReason,
    Expectations,
    Feedback,
    Member,
    MentoringRequest,
    Offer,
    OutboxMessage,
    OutboxStatus,
    Pair,
    PairStatus,
    Program,
    ProgramAdmin,
    ProgramInvitation,
    RequestStatus,
)
from bot.db.session import transaction
from bot.delivery.outbox import enqueue
from bot.services.forget import FORGOTTEN_PREFIX
from tests.e2e.admin_helpers import ADMIN, add_admin_user
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
from tests.e2e.test_programs import create
from tests.support.opened_views import wait_for_single_opened_view
from tests.support.slack_requests import checkboxes, datepicker, static_select
from tests.support.waiting import wait_until

SECRET_NOTE = "Grace is lovely but I am swamped this quarter"
SECRET_GOAL = "Teach Grace the data pipeline of team Falcon"


def week(deps, clock):
    clock.advance(days=7)
    finish_setup(deps)
    tick_and_deliver(deps)


@pytest.fixture
def paired(slack, fake_slack, deps, clock):
    """Ada (U1) mentors Grace (U2) in python; Linus (U3) offers python too, less well.

    Ada has written expectations, a private note and feedback, and asked to learn go.
    """
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 5}, requests={"go": SECRET_GOAL})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    add_person(deps, fake_slack, "U3", "Linus", offers={"python": 2})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    assert (pair.mentor.slack_user_id, pair.mentee.slack_user_id) == ("U1", "U2")
    [intro] = posts(fake_slack, channel_prefix="G")
    channel = intro.params["channel"]

    slack.action(ids.SET_EXPECTATIONS, value=str(pair.id), user_id="U1", channel_id=channel)
    fake_slack.wait_for("views.open")
    view = wait_for_single_opened_view(fake_slack, ids.EXPECTATIONS_MODAL)
    agreed = {
        ids.EXPECTATIONS_OBJECTIVE: {ids.EXPECTATIONS_OBJECTIVE: {"value": SECRET_GOAL}},
        ids.EXPECTATIONS_CADENCE: {ids.EXPECTATIONS_CADENCE: static_select("weekly")},
        ids.EXPECTATIONS_FIRST_MEETING: {ids.EXPECTATIONS_FIRST_MEETING: datepicker(None)},
        ids.EXPECTATIONS_CONFIDENTIAL: {ids.EXPECTATIONS_CONFIDENTIAL: checkboxes(["agreed"])},
    }
    response = slack.submit_view(ids.EXPECTATIONS_MODAL, values=agreed, user_id="U1",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.status == 200 and not response.body

    week(deps, clock)  # the first check-in
    [checkin] = [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)]
    checkin_id = buttons(checkin)[ids.CHECKIN_MET]
    action_reply(slack, fake_slack, ids.CHECKIN_MET, value=checkin_id, user_id="U1")
    action_reply(slack, fake_slack, ids.CHECKIN_MET, value=checkin_id, user_id="U2")
    slack.action(ids.CHECKIN_NOTE, value=checkin_id, user_id="U1")
    fake_slack.wait_for("views.open", where=lambda c: "Private note" in json.dumps(c.params))
    note_view = [
        c.params["view"]
        for c in fake_slack.calls_to("views.open")
        if c.params["view"]["callback_id"] == ids.CHECKIN_NOTE_MODAL
    ][-1]
    note = {ids.CHECKIN_NOTE_TEXT: {ids.CHECKIN_NOTE_TEXT: {"value": SECRET_NOTE}}}
    slack.submit_view(ids.CHECKIN_NOTE_MODAL, values=note, user_id="U1",
                      private_metadata=note_view["private_metadata"])  # fmt: skip

    with transaction(deps.sessions) as session:
        ada = session.scalar(select(Member).where(Member.slack_user_id == "U1"))
        session.add(
            Feedback(team_id="T1", pair_id=pair.id, member_id=ada.id, kind="ending",
                     learned=SECRET_NOTE, created_at=clock())
        )  # fmt: skip
        session.add(ProgramAdmin(team_id="T1", slack_user_id="U1", added_by="U3"))
        # Not yet sent: a DM to Ada, a group DM with her, a message naming her to an admin.
        for key, users, text in (
            ("reminder:U1", ["U1"], "Hi Ada"),
            ("pair-extra", ["U1", "U2"], "Hi both"),
            ("help-admin", ["U3"], "<@U1> asked for help"),
            ("for-linus", ["U3"], "Hi Linus"),
        ):
            enqueue(session, team_id="T1", key=key, kind="test", text=text,
                    not_before=clock(), users=users)  # fmt: skip
        # A round announcement in a channel that names her in its blocks only.
        named = {"type": "section", "text": {"type": "mrkdwn", "text": "<@U1> and <@U2>"}}
        enqueue(session, team_id="T1", key="round=9:announcement", kind="announcement",
                text="1 new pair", blocks=[named], not_before=clock(),
                channel="CANNOUNCE")  # fmt: skip
    deliver(deps)
    with transaction(deps.sessions) as session:
        for key in ("reminder:U1", "pair-extra", "help-admin", "for-linus"):
            enqueue(session, team_id="T1", key=key + ":later", kind="test", text="Later",
                    not_before=clock(), users=["U1"] if key != "for-linus" else ["U3"])  # fmt: skip
    return Paired(pair=pair, mark=len(fake_slack.calls))


@dataclass
class Paired:
    pair: Pair
    mark: int  # how many Slack calls had been made when the scene was set


def calls_since(fake_slack, mark: int, method: str):
    return [c for c in fake_slack.calls[mark:] if c.method == method]


def forget_me_reply(slack, fake_slack, user_id="U1"):
    reply = command_reply(slack, fake_slack, "forget-me", user_id=user_id)
    return reply, visible_text(reply)


def confirm(slack, fake_slack, user_id="U1"):
    return action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget", user_id=user_id)


def count(sessions, model, *where) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_forget_me_asks_first_and_changes_nothing_until_confirmed(slack, fake_slack, paired,
                                                                  sessions):  # fmt: skip
    reply, shown = forget_me_reply(slack, fake_slack)
    assert "Delete everything mentorbot keeps about you?" in shown
    for counted in ("1 offer", "1 request", "1 private check-in note", "1 piece of feedback",
                    "1 active pairing", "program admins"):  # fmt: skip
        assert counted in shown, counted
    actions = next(b for b in reply["blocks"] if b["type"] == "actions")["elements"]
    assert [a["action_id"] for a in actions] == [ids.FORGET_ME_CONFIRM, ids.FORGET_ME_CANCEL]
    assert actions[0]["style"] == "danger" and actions[0]["confirm"]
    assert count(sessions, Member, Member.slack_user_id == "U1") == 1
    assert count(sessions, Offer) == 2

    cancelled = action_reply(slack, fake_slack, ids.FORGET_ME_CANCEL, value="cancel")
    assert cancelled["replace_original"] is True
    assert "Nothing was deleted" in visible_text(cancelled)
    assert count(sessions, Member, Member.slack_user_id == "U1") == 1
    assert count(sessions, Feedback) == 1


def test_confirming_deletes_the_person_and_ends_the_pairing_kindly(
    slack, fake_slack, deps, clock, sessions, paired
):
    done = confirm(slack, fake_slack)
    assert done["replace_original"] is True
    assert "everything mentorbot kept about you is deleted" in visible_text(done)

    with sessions() as session:
        assert session.scalar(select(Member).where(Member.slack_user_id == "U1")) is None
        placeholder = session.scalar(
            select(Member).where(Member.slack_user_id.startswith(FORGOTTEN_PREFIX))
        )
        assert placeholder is not None and placeholder.active is False
        assert placeholder.display_name == "" and placeholder.tz is None
        assert placeholder.career_stage is None
        assert placeholder.listed_in_directory is False and placeholder.wants_in_return is None
        mine = Offer.member_id == placeholder.id
        assert session.scalar(select(func.count()).select_from(Offer).where(mine)) == 0
        assert not session.scalars(
            select(MentoringRequest).where(MentoringRequest.member_id == placeholder.id)
        ).all()
        assert not session.scalars(select(Feedback)).all()
        assert not session.scalars(select(Expectations)).all()
        answers = session.scalars(select(CheckInAnswer)).all()
        assert {a.answer for a in answers} == {"met"}  # the counts stay
        assert all(a.note is None for a in answers)
        pair = session.get(Pair, paired.pair.id)
        assert pair.status == PairStatus.ENDED and pair.end_reason == EndReason.LEFT
        assert pair.mentor_id == placeholder.id and pair.group_channel is None
        assert session.scalar(select(MentoringRequest.status).where(
            MentoringRequest.id == pair.request_id)) == RequestStatus.OPEN  # fmt: skip
        assert not session.scalars(select(ProgramAdmin)).all()
        assert not [d for d in session.scalars(select(DmChannel)) if "U1" in d.users]
        left = session.scalars(select(OutboxMessage)).all()
        stored = json.dumps([[m.users, m.text, m.blocks] for m in left], ensure_ascii=False)
        for trace in ("U1", "Ada", SECRET_NOTE, SECRET_GOAL):
            assert trace not in stored, trace
        # Linus's own messages are untouched.
        linus = {m.idempotency_key for m in left if m.users == "U3"}
        assert linus == {"for-linus", "for-linus:later"}

    # Grace hears that the pairing ended (no reason, no name), and her Home is refreshed.
    deliver(deps)
    opened = calls_since(fake_slack, paired.mark, "conversations.open")
    assert not [c for c in opened if "U1" in c.params["users"]]  # nothing opened with U1 in it
    # Grace's DM: opened now, or already for her nudge to find a first meeting time.
    [grace] = {
        c.response["channel"]["id"]
        for c in fake_slack.calls_to("conversations.open")
        if c.params["users"] == "U2"
    }
    posted = calls_since(fake_slack, paired.mark, "chat.postMessage")
    [notice] = [c for c in posted if c.params["channel"] == grace]
    assert not [c for c in posted if "U1" in json.dumps(c.params)]
    words = visible_text(notice.params)
    assert "has ended" in words and "back in the queue" in words and "Python" in words
    assert "U1" not in json.dumps(notice.params) and "Ada" not in words
    # Both Homes are published by the listener after its answer: wait for them.
    wait_until(
        lambda: (
            {c.params["user_id"] for c in calls_since(fake_slack, paired.mark, "views.publish")}
            == {"U1", "U2"}
        )
    )
    published = calls_since(fake_slack, paired.mark, "views.publish")
    [own_home] = [c for c in published if c.params["user_id"] == "U1"]
    assert "Python" not in visible_text(own_home.params)

    # Next round: Grace is matched again (with Linus); the forgotten person never is.
    week(deps, clock)
    made = pairs(deps)
    assert len(made) == 2
    assert {made[1].mentor_id, made[1].mentee_id} == {
        _member_id(sessions, "U3"),
        _member_id(sessions, "U2"),
    }

    # Asking again: nothing is left, and nothing new was stored to say so.
    _reply, shown = forget_me_reply(slack, fake_slack)
    assert "nothing to delete" in shown.casefold()
    repeated = confirm(slack, fake_slack)
    assert "nothing to delete" in visible_text(repeated).casefold()
    assert count(sessions, Member) == 3


def _member_id(sessions, user_id: str) -> int:
    with sessions() as session:
        return session.scalar(select(Member.id).where(Member.slack_user_id == user_id))


def test_someone_never_paired_leaves_nothing_behind(slack, fake_slack, sessions):
    fake_slack.add_user("U1")
    command_reply(slack, fake_slack, "offer python level 4")
    command_reply(slack, fake_slack, "request negotiation")
    _reply, shown = forget_me_reply(slack, fake_slack)
    assert "1 offer" in shown and "active pairing" not in shown
    confirm(slack, fake_slack)
    with sessions() as session:
        assert session.scalars(select(Member)).all() == []
        assert session.scalars(select(Offer)).all() == []
        assert session.scalars(select(MentoringRequest)).all() == []

    # Coming back starts afresh.
    command_reply(slack, fake_slack, "offer go")
    with sessions() as session:
        [member] = session.scalars(select(Member)).all()
        assert member.slack_user_id == "U1" and member.active


def test_forget_me_from_a_stranger_stores_nothing(slack, fake_slack, sessions, settle):
    fake_slack.add_user("U7")
    _reply, shown = forget_me_reply(slack, fake_slack, user_id="U7")
    assert "nothing to delete" in shown.casefold()
    settle()
    assert fake_slack.calls_to("users.info") == []
    assert count(sessions, Member) == 0


def test_forget_me_takes_no_arguments(slack, fake_slack):
    fake_slack.add_user("U1")
    reply = command_reply(slack, fake_slack, "forget-me now please")
    assert "takes nothing after it" in visible_text(reply)


def test_a_forged_confirmation_forgets_only_the_clicker(slack, fake_slack, deps, sessions,
                                                        paired):  # fmt: skip
    """The button's value names nobody: U3 clicking a copy of it forgets U3, not U1."""
    confirm(slack, fake_slack, user_id="U3")
    assert count(sessions, Member, Member.slack_user_id == "U1") == 1
    assert count(sessions, Member, Member.slack_user_id == "U3") == 0
    with sessions() as session:
        assert session.get(Pair, paired.pair.id).status == PairStatus.ACTIVE
        pending = session.scalars(
            select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)
        ).all()
        assert {m.idempotency_key for m in pending} == {
            "reminder:U1:later",
            "pair-extra:later",
            "help-admin:later",
        }


def test_forget_me_deletes_program_invitations_and_answers(slack, fake_slack, deps, sessions):
    """A program's invitation and the person's answer go; the program stays for the others,
    and no longer names its author once they forgot themselves."""
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 5})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    add_person(deps, fake_slack, ADMIN, "Priya", is_admin=True)
    create(slack)
    deliver(deps)
    with sessions() as session:
        program_id = session.scalars(select(Program.id)).one()
    action_reply(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, value=str(program_id), user_id="U1")
    assert count(sessions, ProgramInvitation, ProgramInvitation.slack_user_id == "U1") == 1

    confirm(slack, fake_slack)
    assert count(sessions, ProgramInvitation, ProgramInvitation.slack_user_id == "U1") == 0
    assert count(sessions, OutboxMessage, OutboxMessage.users == "U1") == 0
    assert count(sessions, ProgramInvitation) == 2  # Grace's and Priya's stay

    forget_me_reply(slack, fake_slack, user_id=ADMIN)
    confirm(slack, fake_slack, user_id=ADMIN)
    with sessions() as session:
        [program] = session.scalars(select(Program)).all()
        assert program.created_by == ""
    assert count(sessions, ProgramInvitation, ProgramInvitation.slack_user_id == ADMIN) == 0
