"""Programs open to a Slack user group, through the real app: the form lists the
workspace's groups (or says why it can't), the group's members are invited when the
program is made, and people who join the group later are invited at the program's next
round, never enrolled."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.core import ids
from bot.db.models import InvitationStatus, ProgramInvitation
from bot.domain.programs import GROUP
from tests.e2e.admin_helpers import ADMIN, add_admin_user, command, wait_for_view
from tests.e2e.cycle_helpers import add_person, pairs, tick_and_deliver
from tests.e2e.helpers import visible_text
from tests.e2e.test_programs import click, create, invitation_posts, the_program
from tests.support import slack_rules
from tests.support.fake_slack import FakeSlack

LEADS = "S0LEADS"


def group_field(view: dict[str, Any], block_id: str) -> list[tuple[str, str]]:
    """(value, label) of each option of a user group field; empty when there is none."""
    for block in view["blocks"]:
        if block.get("block_id") == block_id:
            return [(o["value"], o["text"]["text"]) for o in block["element"]["options"]]
    return []


def radio_values(view: dict[str, Any], block_id: str) -> list[str]:
    for block in view["blocks"]:
        if block.get("block_id") == block_id:
            return [o["value"] for o in block["element"]["options"]]
    raise AssertionError(block_id)


def open_form(slack, fake_slack: FakeSlack, count: int = 1) -> dict[str, Any]:
    command(slack, fake_slack, "admin program new")
    return wait_for_view(fake_slack, "views.open", ids.PROGRAM_MODAL, count=count)


def invited(deps) -> dict[str, tuple[str, bool, bool]]:
    with deps.sessions() as session:
        rows = session.execute(
            select(
                ProgramInvitation.slack_user_id,
                ProgramInvitation.status,
                ProgramInvitation.may_learn,
                ProgramInvitation.may_teach,
            )
        )
        return {user: (status, learn, teach) for user, status, learn, teach in rows}


def test_the_form_offers_the_enabled_user_groups_by_name(slack, fake_slack, deps):
    add_admin_user(fake_slack)
    fake_slack.add_usergroup(LEADS, name="Leadership team", handle="leads", users=["U1"])
    fake_slack.add_usergroup("S0ALUMNI", name="Alumni", users=["U2"], disabled=True)
    fake_slack.add_usergroup("S0DESIGN", name="design guild", handle="design", users=["U3"])
    view = open_form(slack, fake_slack)
    assert radio_values(view, ids.PROGRAM_LEARNERS) == ["anyone", "people", GROUP]
    expected = [("S0DESIGN", "design guild (@design)"), (LEADS, "Leadership team (@leads)")]
    assert group_field(view, ids.PROGRAM_LEARNER_GROUP) == expected
    assert group_field(view, ids.PROGRAM_TEACHER_GROUP) == expected
    assert "Alumni" not in visible_text(view)


def test_without_groups_or_without_the_scope_the_form_says_why(slack, fake_slack, deps):
    add_admin_user(fake_slack)
    view = open_form(slack, fake_slack)
    assert "This workspace has no user groups yet" in visible_text(view)
    assert radio_values(view, ids.PROGRAM_LEARNERS) == ["anyone", "people"]
    assert group_field(view, ids.PROGRAM_LEARNER_GROUP) == []

    fake_slack.add_usergroup(LEADS, name="Leadership team", users=["U1"])
    fake_slack.set_scopes("T1", slack_rules.manifest_bot_scopes() - {"usergroups:read"})
    view = open_form(slack, fake_slack, count=2)
    words = visible_text(view)
    assert "mentorbot needs permission to read user groups" in words
    assert "reinstall the app" in words
    assert radio_values(view, ids.PROGRAM_LEARNERS) == ["anyone", "people"]
    [refused] = [c for c in fake_slack.calls_to("usergroups.list") if not c.ok]
    assert refused.response["error"] == "missing_scope"


def test_a_group_program_invites_its_members_and_newcomers_at_the_next_round(
    slack, fake_slack, deps, clock
):
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "ULEAD", "Lea", requests={"ai tools": "Use AI well"})
    add_person(deps, fake_slack, "UJUN", "Jun", offers={"ai tools": 5})
    add_person(deps, fake_slack, "UKIM", "Kim", requests={"ai tools": "Summaries"})
    fake_slack.add_user("UNEWCOMER", display_name="Noor")  # in Slack, never used mentorbot
    fake_slack.add_usergroup(LEADS, name="Leadership team", users=["ULEAD", "UNEWCOMER"])
    answer = create(slack, learners=GROUP, learner_group=LEADS, teachers="people",
                    teacher_people=("UJUN",), focus="AI tools")  # fmt: skip
    assert answer["response_action"] == "update"
    assert "3 invitations on the way" in visible_text(answer["view"])
    program = the_program(deps)
    assert (program.learners, program.learner_group) == (GROUP, LEADS)
    assert invited(deps) == {
        "ULEAD": (InvitationStatus.INVITED, True, False),
        "UNEWCOMER": (InvitationStatus.INVITED, True, False),
        "UJUN": (InvitationStatus.INVITED, False, True),
    }
    tick_and_deliver(deps)
    assert len(invitation_posts(fake_slack, "UNEWCOMER")) == 1
    assert invitation_posts(fake_slack, "UKIM") == []  # not in the group: not asked
    click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "ULEAD", program.id)
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UJUN", program.id)

    # Kim joins the group after the program was made: the next program round asks her,
    # and pairs only those who said yes.
    fake_slack.set_usergroup_users(LEADS, ["ULEAD", "UNEWCOMER", "UKIM"])
    assert invitation_posts(fake_slack, "UKIM") == []
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert invited(deps)["UKIM"] == (InvitationStatus.INVITED, True, False)
    [kim_invitation] = invitation_posts(fake_slack, "UKIM")
    assert "You're invited to join as a learner." in visible_text(kim_invitation.params)
    [pair] = [p for p in pairs(deps) if p.program_id == program.id]
    assert (pair.mentor.slack_user_id, pair.mentee.slack_user_id) == ("UJUN", "ULEAD")

    # The next round reads the group again and invites nobody twice (what Kim gets a
    # week on is the one reminder anyone gets).
    clock.advance(days=7)
    tick_and_deliver(deps)
    [_invitation, reminder] = invitation_posts(fake_slack, "UKIM")
    assert "the last one" in visible_text(reminder.params)
    assert len(invitation_posts(fake_slack, "UNEWCOMER")) == 2  # invitation, reminder
    assert len(fake_slack.calls_to("usergroups.users.list")) == 3  # creation + two rounds


def test_a_group_that_is_missing_empty_or_unpicked_is_answered_beside_its_field(
    slack, fake_slack, deps
):
    add_admin_user(fake_slack)
    fake_slack.add_usergroup(LEADS, name="Leadership team", users=["U1"])
    fake_slack.add_usergroup("S0EMPTY", name="New hires")
    fake_slack.add_usergroup("S0GONE", name="Old guild", users=["U2"], disabled=True)

    answer = create(slack, learners=GROUP, teachers=GROUP, teacher_group="not-a-group")
    assert answer["response_action"] == "errors"
    assert answer["errors"] == {
        ids.PROGRAM_LEARNER_GROUP: "Pick the user group that may learn.",
        ids.PROGRAM_TEACHER_GROUP: "Pick the user group that may teach.",
    }
    answer = create(slack, learners=GROUP, learner_group="S0GONE", teachers=GROUP,
                    teacher_group="S0EMPTY")  # fmt: skip
    assert answer["errors"] == {
        ids.PROGRAM_LEARNER_GROUP: "That user group no longer exists or was disabled. "
        "Pick another one.",
        ids.PROGRAM_TEACHER_GROUP: "Nobody is in that user group yet. Pick another one, "
        "or pick people.",
    }
    fake_slack.set_scopes("T1", slack_rules.manifest_bot_scopes() - {"usergroups:read"})
    answer = create(slack, learners=GROUP, learner_group=LEADS)
    assert "reinstall the app" in answer["errors"][ids.PROGRAM_LEARNER_GROUP]
    assert invited(deps) == {}
    with deps.sessions() as session:
        assert session.scalar(select(ProgramInvitation.id)) is None


def test_the_same_group_for_both_roles_invites_each_member_once(slack, fake_slack, deps):
    add_admin_user(fake_slack)
    fake_slack.add_usergroup(LEADS, name="Leadership team", users=["U1", "U2"])
    answer = create(slack, learners=GROUP, learner_group=LEADS, teachers=GROUP,
                    teacher_group=LEADS)  # fmt: skip
    assert "2 invitations on the way" in visible_text(answer["view"])
    assert invited(deps) == {
        "U1": (InvitationStatus.INVITED, True, True),
        "U2": (InvitationStatus.INVITED, True, True),
    }
    assert len(fake_slack.calls_to("usergroups.users.list")) == 1
    assert ADMIN not in invited(deps)


def test_a_workspace_with_many_groups_gets_the_first_hundred_by_name(slack, fake_slack, deps):
    add_admin_user(fake_slack)
    for n in range(105):
        fake_slack.add_usergroup(f"S0G{n:03d}", name=f"Guild {n:03d}", users=["U1"])
    fake_slack.add_usergroup("S0LONG", name="A" + "very long name " * 8, handle="long")
    view = open_form(slack, fake_slack)  # the fake checks Slack's limits on the view
    listed = group_field(view, ids.PROGRAM_LEARNER_GROUP)
    assert len(listed) == 100
    assert listed[0][0] == "S0LONG" and len(listed[0][1]) == 75 and listed[0][1].endswith("…")
    assert listed[-1] == ("S0G098", "Guild 098 (@guild-098)")


def test_a_round_still_runs_when_slack_wont_say_who_is_in_the_group(slack, fake_slack, deps, clock):
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "ULEAD", "Lea", requests={"ai tools": "Use AI well"})
    add_person(deps, fake_slack, "UJUN", "Jun", offers={"ai tools": 5})
    fake_slack.add_usergroup(LEADS, name="Leadership team", users=["ULEAD"])
    create(slack, learners=GROUP, learner_group=LEADS, teachers="people",
           teacher_people=("UJUN",))  # fmt: skip
    program = the_program(deps)
    tick_and_deliver(deps)
    click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "ULEAD", program.id)
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UJUN", program.id)
    fake_slack.add_user("UKIM", display_name="Kim")
    fake_slack.set_usergroup_users(LEADS, ["ULEAD", "UKIM"])
    fake_slack.set_scopes("T1", slack_rules.manifest_bot_scopes() - {"usergroups:read"})
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)  # those who joined are paired as usual
    assert pair.mentee.slack_user_id == "ULEAD"
    assert "UKIM" not in invited(deps)  # left for a round when Slack answers
    fake_slack.set_scopes("T1", slack_rules.manifest_bot_scopes())
    clock.advance(days=7)
    tick_and_deliver(deps)
    assert invited(deps)["UKIM"] == (InvitationStatus.INVITED, True, False)


def test_someone_asked_to_teach_who_joins_the_learner_group_may_then_take_either_role(
    slack, fake_slack, deps, clock
):
    teachers = "S0TEACH"
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "ULEAD", "Lea", requests={"ai tools": "Use AI well"})
    add_person(deps, fake_slack, "UJUN", "Jun", offers={"ai tools": 5})
    fake_slack.add_usergroup(LEADS, name="Leadership team", users=["ULEAD"])
    fake_slack.add_usergroup(teachers, name="AI guild", users=["UJUN"])
    create(slack, learners=GROUP, learner_group=LEADS, teachers=GROUP, teacher_group=teachers,
           focus="AI tools")  # fmt: skip
    program = the_program(deps)
    tick_and_deliver(deps)
    click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "ULEAD", program.id)

    # Jun, asked to teach and not answered yet, joins the leadership team; Lea, who said
    # she would learn, joins the guild. The next round reads both groups again.
    fake_slack.set_usergroup_users(LEADS, ["ULEAD", "UJUN"])
    fake_slack.set_usergroup_users(teachers, ["UJUN", "ULEAD"])
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert invited(deps) == {
        "ULEAD": (InvitationStatus.LEARNER, True, False),  # her answer stands
        "UJUN": (InvitationStatus.INVITED, True, True),
    }
    assert len(invitation_posts(fake_slack, "UJUN")) == 1  # no second invitation

    # The one reminder offers both roles, and joining as a learner is accepted.
    clock.advance(days=7)
    tick_and_deliver(deps)
    [_invitation, reminder] = invitation_posts(fake_slack, "UJUN")
    assert "You can join to learn or to teach." in visible_text(reminder.params)
    click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "UJUN", program.id)
    assert invited(deps)["UJUN"] == (InvitationStatus.LEARNER, True, True)
