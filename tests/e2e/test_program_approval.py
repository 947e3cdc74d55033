"""Approve before send holds programs' rounds too, end to end: with approval on, a
program's due round is prepared and the admins are asked, naming the program; Send pairs
its people; concurrent Sends make one round; one reminder after a day; a later round of the
program replaces a draft nobody sent; the program's end closes it. With approval off the
program's round runs at once, as before."""

from __future__ import annotations

from sqlalchemy import select

from bot.core import ids
from bot.db.models import AdminChange, Pair, Round, RoundApproval
from tests.e2e.admin_helpers import (
    ADMIN,
    add_admin_user,
    command,
    home_container,
    published_home,
    reply_to,
    settings_values,
)
from tests.e2e.cycle_helpers import buttons, deliver, finish_setup, pairs, posts, tick_and_deliver
from tests.e2e.helpers import visible_text
from tests.e2e.test_programs import NAME, click, create, people, the_program
from tests.e2e.test_round_approval import (
    SECOND_ADMIN,
    asked,
    both_admins_click_send,
    click_in_dm,
    count,
    edits_of,
    wait_for_notice,
    wait_until_admins_are_read,
)

READY = f"{NAME}: the round of Monday 23 November at 09:00 (Europe/London) is ready"


def joined_program(slack, fake_slack, deps, **values) -> int:
    """Two program admins; Lea joins the program to learn AI tools and Jun to teach it."""
    add_admin_user(fake_slack)
    add_admin_user(fake_slack, SECOND_ADMIN)
    people(deps, fake_slack)
    create(slack, **values)
    program = the_program(deps)
    tick_and_deliver(deps)  # the invitations
    click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "ULEAD", program.id)
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UJUN", program.id)
    return program.id


def approving_program(slack, fake_slack, deps, clock, **values) -> int:
    """At 08:00 the admin turns approval on; at 09:00 the program's round falls due."""
    program_id = joined_program(slack, fake_slack, deps, **values)
    answer = slack.submit_view(
        ids.ADMIN_SETTINGS_MODAL, values=settings_values(approve=True), user_id=ADMIN
    )
    assert answer.status == 200
    wait_until_admins_are_read(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    return program_id


def program_asks(fake_slack, words=READY, user_id=ADMIN):
    return asked(fake_slack, words, user_id=user_id)


def program_pairs(deps) -> list[Pair]:
    return [pair for pair in pairs(deps) if pair.program_id is not None]


def program_rounds(deps) -> list[Round]:
    with deps.sessions() as session:
        return list(session.scalars(select(Round).where(Round.trigger == "program")))


def program_approval(deps) -> RoundApproval:
    with deps.sessions() as session:
        return session.scalars(
            select(RoundApproval).where(RoundApproval.program_id.is_not(None))
        ).one()


def intros(fake_slack) -> list:
    return posts(fake_slack, channel_prefix="G")


def test_a_program_round_waits_for_send_and_send_pairs_its_people(slack, fake_slack, deps, clock):
    program_id = approving_program(slack, fake_slack, deps, clock)
    # Prepared, not run: nobody is paired or introduced.
    assert program_pairs(deps) == [] and program_rounds(deps) == [] and intros(fake_slack) == []
    [dm_] = program_asks(fake_slack)
    assert len(program_asks(fake_slack, user_id=SECOND_ADMIN)) == 1
    words = visible_text(dm_.params)
    assert "1 pair, serving 1 request; every open request is served." in words
    assert "Nobody has been messaged" in words
    assert "Programs' rounds have no preview" in words
    # Send only: programs have no preview to open.
    assert set(buttons(dm_)) == {ids.ADMIN_APPROVAL_SEND}
    assert buttons(dm_)[ids.ADMIN_APPROVAL_SEND] == f"program={program_id}:2026-W48"
    tick_and_deliver(deps)  # the next minutes prepare nothing more
    assert len(program_asks(fake_slack)) == 1

    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: 1 pair made; intros are on their way.")
    deliver(deps)
    [pair] = program_pairs(deps)
    assert (pair.mentor.slack_user_id, pair.mentee.slack_user_id) == ("UJUN", "ULEAD")
    assert pair.program_id == program_id
    assert len(intros(fake_slack)) == 1
    [run] = program_rounds(deps)
    assert run.period == f"program={program_id}:2026-W48"
    approval = program_approval(deps)
    assert (approval.status, approval.decided_by) == ("sent", ADMIN)
    with deps.sessions() as session:
        assert session.scalars(select(AdminChange.action)).all() == ["send"]
        # The workspace's own round still waits for its own Send.
        workspace = session.scalars(
            select(RoundApproval).where(RoundApproval.program_id.is_(None))
        ).one()
        assert workspace.status == "waiting"
    # Both admins' DMs are edited in place: who sent it, and when.
    [edit] = edits_of(fake_slack, dm_)
    [other] = edits_of(fake_slack, program_asks(fake_slack, user_id=SECOND_ADMIN)[0])
    assert visible_text(other.params) == visible_text(edit.params)
    sent_words = visible_text(edit.params)
    assert f"{NAME}: the round of Monday 23 November at 09:00 (Europe/London) was sent* by" in (
        sent_words
    )
    assert "1 pair made" in sent_words
    assert ids.ADMIN_APPROVAL_SEND not in str(edit.params["blocks"])

    stats = visible_text(reply_to(fake_slack, command(slack, fake_slack, "admin stats")))
    assert "Admin changes to rounds: 1 (1 round sent after approval)" in stats

    # Sending again changes nothing.
    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, f"already sent by <@{ADMIN}>")
    assert len(program_rounds(deps)) == 1 and len(program_pairs(deps)) == 1


def test_two_admins_sending_at_once_send_one_program_round(slack, fake_slack, deps, clock):
    approving_program(slack, fake_slack, deps, clock)
    both_admins_click_send(slack, fake_slack, READY)
    sent = wait_for_notice(fake_slack, "Sent: 1 pair made")
    already = wait_for_notice(fake_slack, "already")
    assert len(sent) == 1 and len(already) == 1
    deliver(deps)
    assert len(program_rounds(deps)) == 1 and len(program_pairs(deps)) == 1
    assert len(intros(fake_slack)) == 1
    with deps.sessions() as session:
        assert session.scalars(select(AdminChange.action)).all() == ["send"]


def test_one_reminder_after_a_day_names_the_program(slack, fake_slack, deps, clock):
    approving_program(slack, fake_slack, deps, clock)
    waiting = f"{NAME}: the round of Monday 23 November at 09:00 (Europe/London) is still waiting"
    clock.advance(hours=23)
    tick_and_deliver(deps)
    assert program_asks(fake_slack, waiting) == []
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [reminder] = program_asks(fake_slack, waiting)
    assert "This is the only reminder." in visible_text(reminder.params)
    assert set(buttons(reminder)) == {ids.ADMIN_APPROVAL_SEND}
    for _ in range(3):
        clock.advance(days=1, hours=1)  # inside the week: the program's round still waits
        tick_and_deliver(deps)
    assert len(program_asks(fake_slack, waiting)) == 1
    assert program_pairs(deps) == []

    click_in_dm(slack, fake_slack, reminder, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: 1 pair made")
    deliver(deps)
    for message in (program_asks(fake_slack)[0], reminder):
        [edit] = edits_of(fake_slack, message)
        assert "was sent* by" in visible_text(edit.params)


def test_the_programs_next_round_replaces_a_draft_nobody_sent(slack, fake_slack, deps, clock):
    program_id = approving_program(slack, fake_slack, deps, clock)
    [old] = program_asks(fake_slack)
    clock.advance(days=7)
    tick_and_deliver(deps)
    [new] = program_asks(fake_slack, f"{NAME}: the round of Monday 30 November at 09:00")
    words = visible_text(new.params)
    assert "It replaces the program's round of Monday 23 November at 09:00" in words
    [edit] = edits_of(fake_slack, old)
    assert "was never sent.* The program's round of Monday 30 November" in visible_text(edit.params)
    assert program_pairs(deps) == []

    # The old Send does nothing; the new one sends the new round.
    click_in_dm(slack, fake_slack, old, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, f"This round of {NAME} is no longer waiting to be sent")
    assert program_rounds(deps) == []
    click_in_dm(slack, fake_slack, new, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: 1 pair made")
    assert [r.period for r in program_rounds(deps)] == [f"program={program_id}:2026-W49"]
    with deps.sessions() as session:
        statuses = dict(
            session.execute(
                select(RoundApproval.period, RoundApproval.status).where(
                    RoundApproval.program_id == program_id
                )
            ).all()
        )
        # A program's round replaces only the program's draft: the workspace's rounds keep
        # their own (the week-48 one was replaced by the workspace's week 49).
        workspace = session.scalars(
            select(RoundApproval.status).where(RoundApproval.program_id.is_(None))
        ).all()
    assert statuses == {
        f"program={program_id}:2026-W48": "replaced",
        f"program={program_id}:2026-W49": "sent",
    }
    assert sorted(workspace) == ["replaced", "waiting"]


def test_the_programs_end_closes_a_draft_nobody_sent(slack, fake_slack, deps, clock):
    approving_program(slack, fake_slack, deps, clock, ends="2026-11-24")
    [dm_] = program_asks(fake_slack)
    clock.advance(days=1, hours=15)  # past midnight after the program's last day
    tick_and_deliver(deps)
    [edit] = edits_of(fake_slack, dm_)
    assert "The program has ended, so it won't go out" in visible_text(edit.params)
    assert program_approval(deps).status == "ended"
    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, f"This round of {NAME} is no longer waiting to be sent")
    assert program_rounds(deps) == [] and program_pairs(deps) == []
    clock.advance(days=1)
    tick_and_deliver(deps)  # no reminder for a program that ended
    assert program_asks(fake_slack, f"{NAME}: the round of Monday 23 November") == [dm_]


def test_with_approval_off_the_program_round_runs_at_once(slack, fake_slack, deps, clock):
    joined_program(slack, fake_slack, deps)
    finish_setup(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = program_pairs(deps)
    assert (pair.mentor.slack_user_id, pair.mentee.slack_user_id) == ("UJUN", "ULEAD")
    assert len(program_rounds(deps)) == 1
    assert count(deps, RoundApproval) == 0
    assert program_asks(fake_slack) == []


def test_a_draft_left_waiting_when_approval_is_turned_off_is_past_once_the_next_round_ran(
    slack, fake_slack, deps, clock
):
    program_id = approving_program(slack, fake_slack, deps, clock)
    [old] = program_asks(fake_slack)
    answer = slack.submit_view(
        ids.ADMIN_SETTINGS_MODAL, values=settings_values(approve=False), user_id=ADMIN
    )
    assert answer.status == 200
    clock.advance(days=7)
    tick_and_deliver(deps)  # approval is off: the program's next round runs at once
    assert [r.period for r in program_rounds(deps)] == [f"program={program_id}:2026-W49"]
    # The week-48 draft is past: its Send runs nothing more.
    click_in_dm(slack, fake_slack, old, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, f"This round of {NAME} is no longer waiting to be sent")
    assert len(program_rounds(deps)) == 1 and len(program_pairs(deps)) == 1


def test_send_checks_the_programs_people_afresh(slack, fake_slack, deps, clock):
    approving_program(slack, fake_slack, deps, clock)
    [dm_] = program_asks(fake_slack)
    # Jun, the program's only teacher, pauses after the draft was made: nobody is paired.
    command(slack, fake_slack, "pause", user_id="UJUN")
    click_in_dm(slack, fake_slack, dm_, ids.ADMIN_APPROVAL_SEND)
    wait_for_notice(fake_slack, "Sent: nobody could be paired this time, so no intros went out.")
    deliver(deps)
    assert program_pairs(deps) == [] and intros(fake_slack) == []
    assert len(program_rounds(deps)) == 1
    assert program_approval(deps).status == "sent"


def accessory_buttons(view) -> list[tuple[str, str, str]]:
    """(section text, action id, value) of each section with a button beside it."""
    return [
        (block["text"]["text"], block["accessory"]["action_id"], block["accessory"]["value"])
        for block in view["blocks"]
        if block["type"] == "section" and (block.get("accessory") or {}).get("type") == "button"
    ]


def test_app_home_lists_a_waiting_program_round_and_sends_it(slack, fake_slack, deps, clock):
    program_id = approving_program(slack, fake_slack, deps, clock)
    home = published_home(slack, fake_slack, SECOND_ADMIN)
    [(words, action, period)] = accessory_buttons(home)
    assert f"{NAME}: the round of Monday 23 November at 09:00 (Europe/London)" in words
    assert "waits for an admin to *Send* it" in words
    assert "1 pair, serving 1 request; every open request is served." in words
    assert (action, period) == (ids.ADMIN_APPROVAL_SEND, f"program={program_id}:2026-W48")

    slack.action(action, user_id=SECOND_ADMIN, value=period, view=home_container(SECOND_ADMIN))
    wait_for_notice(fake_slack, "Sent: 1 pair made; intros are on their way.")
    deliver(deps)
    [pair] = program_pairs(deps)
    assert (pair.mentor.slack_user_id, pair.mentee.slack_user_id) == ("UJUN", "ULEAD")
    assert (program_approval(deps).status, program_approval(deps).decided_by) == (
        "sent",
        SECOND_ADMIN,
    )
    # Once sent, App Home no longer offers it; the workspace's own round still waits.
    home = published_home(slack, fake_slack, SECOND_ADMIN)
    assert accessory_buttons(home) == []
    assert "waiting for an admin to *Send* it" in visible_text(home)
