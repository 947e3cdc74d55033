"""Approve before send, end to end: the scheduled round prepares its draft and DMs the
admins; nothing reaches members until an admin clicks Send (from the DM, App Home or the
preview); concurrent Sends make one round; one reminder after a day; a later round
replaces a draft nobody sent."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import AdminChange, Pair, Round, RoundApproval, Schedule
from bot.services.rounds import run_round
from tests.e2e.admin_helpers import (
    ADMIN,
    add_admin_user,
    command,
    home_buttons,
    home_container,
    published_home,
    reply_to,
    settings_values,
    wait_for_view,
)
from tests.e2e.cycle_helpers import buttons, deliver, pairs, posts, tick_and_deliver
from tests.e2e.helpers import visible_text
from tests.e2e.test_circles import seed as seed_circles
from tests.e2e.test_round import seed_workspace
from tests.e2e.test_round_shaping import choose, resolve

SECOND_ADMIN = "UADMIN2"


def approval_saved(slack, fake_slack, deps, people=None):
    """The usual workspace (or the one `people()` makes) with two Slack admins; at 08:00
    the admin turns on approval, which finishes setup."""
    if people is None:
        seed_workspace(deps, fake_slack)
    else:
        people()
    add_admin_user(fake_slack)
    add_admin_user(fake_slack, SECOND_ADMIN)
    answer = slack.submit_view(
        ids.ADMIN_SETTINGS_MODAL, values=settings_values(approve=True), user_id=ADMIN
    )
    assert answer.status == 200
    wait_until_admins_are_read(deps)


def approving_workspace(slack, fake_slack, deps, clock, people=None):
    """`approval_saved`; then at 09:00 the round falls due and waits."""
    approval_saved(slack, fake_slack, deps, people)
    clock.advance(hours=1)
    tick_and_deliver(deps)


def dm(fake_slack, user_id: str) -> str:
    """The DM channel the app opened with `user_id`."""
    for call in fake_slack.calls_to("conversations.open"):
        if call.ok and call.params.get("users") == user_id:
            return call.response["channel"]["id"]
    return f"no DM with {user_id}"


def wait_until_admins_are_read(deps):
    """Slack's admins are read after the settings were acknowledged: wait for them."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with deps.sessions() as session:
            if session.scalar(select(Schedule.approval_admins)):
                return
        time.sleep(0.02)
    raise AssertionError("the workspace's admins were never read")


def asked(fake_slack, words="ready for your approval", user_id=ADMIN):
    """The DMs to one admin that say `words`."""
    return [
        c
        for c in posts(fake_slack, channel_prefix="D")
        if words in visible_text(c.params) and c.params["channel"] == dm(fake_slack, user_id)
    ]


def member_messages(fake_slack):
    """Everything posted to anyone but the admins: intros, unmatched DMs."""
    admin_dms = {dm(fake_slack, user) for user in (ADMIN, SECOND_ADMIN)}
    return [c for c in posts(fake_slack) if c.params["channel"] not in admin_dms]


def edits_of(fake_slack, call):
    """The in-place edits of the message `call` posted."""
    return [
        c
        for c in fake_slack.calls_to("chat.update")
        if c.ok and c.params["ts"] == call.response["ts"]
    ]


def click_in_dm(slack, fake_slack, call, action_id, user_id=ADMIN):
    value = buttons(call)[action_id]
    slack.action(action_id, user_id=user_id, value=value, channel_id=call.params["channel"],
                 message={"ts": call.response["ts"], "text": call.params["text"]})  # fmt: skip
    return value


def wait_for_notice(fake_slack, words, count=1):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = [
            c
            for c in fake_slack.calls_to("views.update")
            if words in visible_text(c.params["view"])
        ]
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no view with {words!r}:\n{fake_slack.describe_calls()}")


def count(deps, model) -> int:
    with deps.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_round_waits_for_send_and_the_admin_shapes_it_first(slack, fake_slack, deps, clock):
    approving_workspace(slack, fake_slack, deps, clock)
    # Prepared, not run: nobody is paired or told anything; the admin who turned it on is asked.
    assert pairs(deps) == [] and count(deps, Round) == 0
    assert member_messages(fake_slack) == []
    # Every program admin is asked: Slack's owners and admins, read when approval was saved.
    assert len(asked(fake_slack, user_id=SECOND_ADMIN)) == 1
    [dm_] = asked(fake_slack)
    words = visible_text(dm_.params)
    assert "The round of Monday 23 November at 09:00 (Europe/London) is ready" in words
    assert "2 pairs, serving 3 requests; 2 requests can't be served yet." in words
    assert "Nobody has been messaged" in words
    assert set(buttons(dm_)) == {ids.ADMIN_OPEN_PREVIEW, ids.ADMIN_APPROVAL_SEND}
    tick_and_deliver(deps)  # the next minutes prepare nothing more
    assert len(asked(fake_slack)) == 1

    # App Home says it waits, with Send.
    home = published_home(slack, fake_slack, ADMIN)
    assert "waiting for an admin to *Send* it" in visible_text(home)
    assert ids.ADMIN_APPROVAL_SEND in home_buttons(home)

    # Open preview from the DM: the stored draft, shaped as usual (drop Linus and Margaret).
    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_OPEN_PREVIEW)
    preview = wait_for_view(fake_slack, "views.update", ids.ADMIN_PREVIEW_MODAL)
    choose(slack, preview, "U4", "drop")
    preview = wait_for_view(fake_slack, "views.update", ids.ADMIN_PREVIEW_MODAL, count=2)
    resolve(slack, fake_slack, preview)

    # Send from the DM: the shaped round goes out.
    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: 1 pair made; intros are on their way.")
    deliver(deps)
    [kept] = pairs(deps)  # Ada and Grace's two-way pair; Linus and Margaret were dropped
    assert {kept.mentor.slack_user_id, kept.mentee.slack_user_id} == {"U1", "U2"}
    assert len(posts(fake_slack, channel_prefix="G")) == 1  # the intro
    with deps.sessions() as session:
        [run] = session.scalars(select(Round)).all()
        assert (run.period, run.trigger) == ("2026-W48", "approved")
        approval = session.scalars(select(RoundApproval)).one()
        assert (approval.status, approval.decided_by) == ("sent", ADMIN)
        actions = session.scalars(select(AdminChange.action).order_by(AdminChange.id)).all()
        assert actions == ["drop", "resolve", "send"]
    # Both admins' DMs are edited in place: who sent it, and when.
    [edit] = edits_of(fake_slack, dm_)
    [other] = edits_of(fake_slack, asked(fake_slack, user_id=SECOND_ADMIN)[0])
    assert visible_text(other.params) == visible_text(edit.params)
    assert f"was sent* by <@{ADMIN}> on Monday 23 November at 09:00" in visible_text(edit.params)
    assert "1 pair made" in visible_text(edit.params)
    assert "blocks" in edit.params and ids.ADMIN_APPROVAL_SEND not in str(edit.params["blocks"])

    stats = visible_text(reply_to(fake_slack, command(slack, fake_slack, "admin stats")))
    assert "Admin changes to rounds: 3 (1 drop, 1 re-solve, 1 round sent after approval)" in stats

    # Sending again changes nothing.
    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, f"already sent by <@{ADMIN}>")
    assert count(deps, Round) == 1


def both_admins_click_send(slack, fake_slack, words="ready for your approval"):
    """Both admins click Send in their approval DM (the one saying `words`) at once."""
    start = threading.Barrier(2, timeout=10)

    def send(user_id):
        [theirs] = asked(fake_slack, words, user_id=user_id)
        start.wait()
        slack.action(
            ids.ADMIN_APPROVAL_SEND,
            user_id=user_id,
            value=buttons(theirs)[ids.ADMIN_APPROVAL_SEND],
            channel_id=theirs.params["channel"],
            message={"ts": theirs.response["ts"]},
        )

    clickers = [threading.Thread(target=send, args=(user,)) for user in (ADMIN, SECOND_ADMIN)]
    for clicker in clickers:
        clicker.start()
    for clicker in clickers:
        clicker.join()


def test_two_admins_sending_at_once_send_one_round(slack, fake_slack, deps, clock):
    approving_workspace(slack, fake_slack, deps, clock)
    both_admins_click_send(slack, fake_slack)
    sent = wait_for_notice(fake_slack, "Sent: 2 pairs made")
    already = wait_for_notice(fake_slack, "already")
    assert len(sent) == 1 and len(already) == 1
    deliver(deps)
    assert count(deps, Round) == 1 and count(deps, Pair) == 2
    assert len(posts(fake_slack, channel_prefix="G")) == 2
    with deps.sessions() as session:
        assert session.scalars(select(AdminChange.action)).all() == ["send"]


def test_one_reminder_after_a_day_and_nothing_after(slack, fake_slack, deps, clock):
    approving_workspace(slack, fake_slack, deps, clock)
    clock.advance(hours=23)
    tick_and_deliver(deps)
    assert asked(fake_slack, "still waiting for an admin") == []
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [reminder] = asked(fake_slack, "still waiting for an admin")
    assert "This is the only reminder." in visible_text(reminder.params)
    assert ids.ADMIN_APPROVAL_SEND in buttons(reminder)
    for _ in range(3):
        clock.advance(days=1, hours=1)  # stays inside this week: the round still waits
        tick_and_deliver(deps)
    assert len(asked(fake_slack, "still waiting for an admin")) == 1
    assert pairs(deps) == [] and member_messages(fake_slack) == []

    # Sent from the reminder: both DMs say so.
    click_in_dm(slack, fake_slack, reminder, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: 2 pairs made")
    deliver(deps)
    for message in (asked(fake_slack)[0], reminder):
        [edit] = edits_of(fake_slack, message)
        assert "was sent* by" in visible_text(edit.params)


def test_the_next_round_replaces_a_draft_nobody_sent(slack, fake_slack, deps, clock):
    approving_workspace(slack, fake_slack, deps, clock)
    [old] = asked(fake_slack)
    # A drop on the waiting draft carries over to the round that replaces it.
    command(slack, fake_slack, "admin preview")
    preview = wait_for_view(fake_slack, "views.update", ids.ADMIN_PREVIEW_MODAL)
    choose(slack, preview, "U4", "drop")
    preview = wait_for_view(fake_slack, "views.update", ids.ADMIN_PREVIEW_MODAL, count=2)
    resolve(slack, fake_slack, preview)

    clock.advance(days=7)
    tick_and_deliver(deps)
    new = [c for c in asked(fake_slack) if c is not old]
    assert len(new) == 1
    words = visible_text(new[0].params)
    assert "The round of Monday 30 November at 09:00 (Europe/London) is ready" in words
    assert "It replaces the round of Monday 23 November at 09:00" in words
    assert "1 pair, serving 2 requests" in words  # the drop carried over
    [edit] = edits_of(fake_slack, old)
    assert "was never sent" in visible_text(edit.params)
    assert count(deps, Round) == 0 and member_messages(fake_slack) == []

    # The old Send does nothing; the new one sends the new round, with the drop kept.
    click_in_dm(slack, fake_slack, old, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "no longer waiting to be sent")
    assert count(deps, Round) == 0
    click_in_dm(slack, fake_slack, new[0], ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: 1 pair made")
    with deps.sessions() as session:
        assert session.scalars(select(Round.period)).all() == ["2026-W49"]
        statuses = dict(session.execute(select(RoundApproval.period, RoundApproval.status)).all())
        assert statuses == {"2026-W48": "replaced", "2026-W49": "sent"}


def test_send_checks_eligibility_afresh(slack, fake_slack, deps, clock):
    approving_workspace(slack, fake_slack, deps, clock)
    [dm_] = asked(fake_slack)
    # Margaret pauses after the draft was made: the round sent leaves her out.
    command(slack, fake_slack, "pause", user_id="U4")
    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: 1 pair made")
    assert {p.mentee.slack_user_id for p in pairs(deps)} <= {"U1", "U2"}


def test_run_now_on_a_waiting_round_counts_as_its_send(slack, fake_slack, deps, clock):
    approving_workspace(slack, fake_slack, deps, clock)
    buttons = home_buttons(published_home(slack, fake_slack, ADMIN))
    # A waiting round's Home offers Send, not Run now too; a Home published before the
    # draft was made still has Run now, and it sends the draft.
    assert ids.ADMIN_RUN_NOW not in buttons
    period = buttons[ids.ADMIN_APPROVAL_SEND]
    slack.action(ids.ADMIN_RUN_NOW, user_id=SECOND_ADMIN, value=period,
                 view=home_container(SECOND_ADMIN))  # fmt: skip
    wait_for_notice(fake_slack, "The round ran: 2 pairs made")
    deliver(deps)
    with deps.sessions() as session:
        approval = session.scalars(select(RoundApproval)).one()
        assert (approval.status, approval.decided_by) == ("sent", SECOND_ADMIN)
    [edit] = edits_of(fake_slack, asked(fake_slack)[0])
    assert f"was sent* by <@{SECOND_ADMIN}>" in visible_text(edit.params)


def test_a_round_run_from_the_command_line_is_not_reminded_of(slack, fake_slack, deps, clock):
    approving_workspace(slack, fake_slack, deps, clock)
    # `mentorbot round` runs the due round without a Send (it calls run_round, as here).
    assert run_round(deps, "T1", period="2026-W48", now=clock(), trigger="manual") is not None
    clock.advance(hours=25)
    tick_and_deliver(deps)
    assert asked(fake_slack, "still waiting for an admin") == []
    with deps.sessions() as session:
        approval = session.scalars(select(RoundApproval)).one()
        assert (approval.status, approval.decided_by) == ("sent", None)


def test_only_admins_can_send_and_a_broken_button_sends_nothing(slack, fake_slack, deps, clock):
    approving_workspace(slack, fake_slack, deps, clock)
    [dm_] = asked(fake_slack)
    # Someone who isn't a program admin (a forwarded message, a forged click) is refused.
    slack.action(ids.ADMIN_APPROVAL_SEND, user_id="U1", value="2026-W48",
                 channel_id=dm_.params["channel"], message={"ts": dm_.response["ts"]})  # fmt: skip
    refused = fake_slack.wait_for("views.open", count=1)[-1]
    assert "Program admins only" in visible_text(refused.params["view"])
    # A click whose button lost its value says so.
    slack.action(ids.ADMIN_APPROVAL_SEND, user_id=ADMIN, value="",
                 channel_id=dm_.params["channel"], message={"ts": dm_.response["ts"]})  # fmt: skip
    stale = fake_slack.wait_for("views.open", count=2)[-1]
    assert "That button is out of date; nothing went out." in visible_text(stale.params["view"])
    assert count(deps, Round) == 0 and member_messages(fake_slack) == []


def test_the_approval_dm_counts_circles_beside_pairs(slack, fake_slack, deps, clock):
    # Ada teaches one learner and runs a circle for three more; three others form a peer
    # circle: the admins are told of both kinds, and the learners in them count as served.
    approving_workspace(
        slack, fake_slack, deps, clock, people=lambda: seed_circles(deps, fake_slack, slack)
    )
    [dm_] = asked(fake_slack)
    assert "1 pair and 2 circles, serving 7 requests; every open request is served." in (
        visible_text(dm_.params)
    )
    assert "is ready with 1 pair and 2 circles." in dm_.params["text"]
    assert member_messages(fake_slack) == []
    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: 1 pair and 2 circles made")


def test_a_slack_admin_made_later_is_asked_and_one_demoted_is_not(slack, fake_slack, deps, clock):
    approval_saved(slack, fake_slack, deps)
    # After approval was saved, Slack makes Noor an admin and takes the second admin's
    # rights away. Neither saves the settings; each just uses the app once.
    add_admin_user(fake_slack, "UNOOR")
    add_admin_user(fake_slack, SECOND_ADMIN, is_admin=False)
    assert "Program admin" in visible_text(published_home(slack, fake_slack, "UNOOR"))
    refused = reply_to(fake_slack, command(slack, fake_slack, "admin stats", user_id=SECOND_ADMIN))
    assert "program admin" in visible_text(refused).casefold()
    with deps.sessions() as session:
        stored = session.scalar(select(Schedule.approval_admins)) or ""
    assert "UNOOR" in stored.split(",") and SECOND_ADMIN not in stored.split(",")

    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert len(asked(fake_slack, user_id="UNOOR")) == 1
    assert len(asked(fake_slack, user_id=ADMIN)) == 1
    assert asked(fake_slack, user_id=SECOND_ADMIN) == []
