"""Programs end to end: an admin creates one in the modal, people are invited and choose,
a reminder goes out once, the program's rounds pair only those who joined, and at its end
the pairs get the ending questions and the admins a report with a chart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.core import ids
from bot.db.models import (
    CheckIn,
    CheckInAnswer,
    Feedback,
    Goal,
    InvitationStatus,
    LearnerLevel,
    Pair,
    Program,
    ProgramInvitation,
    Round,
)
from bot.db.session import transaction
from tests.e2e.admin_helpers import (
    ADMIN,
    add_admin_user,
    command,
    home_buttons,
    published_home,
    reply_to,
    wait_for_view,
)
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    everything_sent,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import visible_text
from tests.support.slack_requests import (
    checkboxes,
    datepicker,
    multi_users_select,
    plain_text_input,
    radio_buttons,
    static_select,
)

NAME = "Leaders learn AI"
SECRET_NOTE = "Lea still struggles with prompts, keep it between us"
SECRET_FEEDBACK = "Jun taught me to read model cards"


def program_values(
    *,
    name: str = NAME,
    starts: str | None = "2026-11-23",
    ends: str | None = "2027-01-15",
    cadence: str | None = "weekly",
    learners: str | None = "anyone",
    learner_people: tuple[str, ...] = (),
    teachers: str | None = "anyone",
    teacher_people: tuple[str, ...] = (),
    focus: str = "",
    in_pool: bool = False,
    learner_group: str | None = None,
    teacher_group: str | None = None,
) -> dict[str, dict[str, Any]]:
    """The state values of a new-program submission, as Slack sends them."""

    def one(block: str, state: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        return block, {block: state}

    return dict(
        [
            one(ids.PROGRAM_NAME, plain_text_input(name)),
            one(ids.PROGRAM_STARTS, datepicker(starts)),
            one(ids.PROGRAM_ENDS, datepicker(ends)),
            one(ids.PROGRAM_CADENCE, static_select(cadence)),
            one(ids.PROGRAM_LEARNERS, radio_buttons(learners)),
            one(ids.PROGRAM_LEARNER_PEOPLE, multi_users_select(learner_people)),
            one(ids.PROGRAM_TEACHERS, radio_buttons(teachers)),
            one(ids.PROGRAM_TEACHER_PEOPLE, multi_users_select(teacher_people)),
            one(ids.PROGRAM_FOCUS, plain_text_input(focus)),
            one(ids.PROGRAM_IN_POOL, checkboxes(["in_pool"] if in_pool else [])),
            one(ids.PROGRAM_LEARNER_GROUP, static_select(learner_group)),
            one(ids.PROGRAM_TEACHER_GROUP, static_select(teacher_group)),
        ]
    )


def create(slack, user_id: str = ADMIN, **values: Any) -> dict[str, Any]:
    return slack.submit_view(
        ids.PROGRAM_MODAL, values=program_values(**values), user_id=user_id
    ).json()


def dm(fake_slack, user_id: str) -> str:
    """The DM channel the app opened with `user_id`."""
    for call in fake_slack.calls_to("conversations.open"):
        if call.ok and call.params.get("users") == user_id:
            return call.response["channel"]["id"]
    return f"no DM with {user_id}"


def invitations(deps) -> dict[str, str]:
    with deps.sessions() as session:
        rows = session.execute(select(ProgramInvitation.slack_user_id, ProgramInvitation.status))
        return {user: status for user, status in rows}


def invitation_posts(fake_slack, user_id: str) -> list:
    return [
        call
        for call in posts(fake_slack)
        if call.params["channel"] == dm(fake_slack, user_id)
        and ids.PROGRAM_NOT_NOW in buttons(call)
    ]


def click(slack, fake_slack, action_id: str, user_id: str, program_id: int) -> dict[str, Any]:
    name = f"click-{user_id}-{action_id}"

    def theirs(call) -> bool:
        return call.params.get("user_id") == user_id

    homes = len([c for c in fake_slack.calls_to("views.publish") if theirs(c)])
    response = slack.action(
        action_id,
        user_id=user_id,
        value=str(program_id),
        channel_id=dm(fake_slack, user_id),
        response_url=fake_slack.response_url(name),
    )
    assert response.status == 200
    # Every answer republishes the person's Home: wait for it, so later checks see it.
    fake_slack.wait_for("views.publish", count=homes + 1, where=theirs)
    return reply_to(fake_slack, name)


def the_program(deps) -> Program:
    with deps.sessions() as session:
        return session.scalars(select(Program)).one()


def people(deps, fake_slack) -> None:
    add_person(deps, fake_slack, "ULEAD", "Lea", requests={"ai tools": "Use AI well"},
               career_stage="executive")  # fmt: skip
    add_person(deps, fake_slack, "UJUN", "Jun", offers={"ai tools": 5}, career_stage="early")
    add_person(deps, fake_slack, "UOTHER", "Ola", offers={"ai tools": 4})
    add_person(deps, fake_slack, "USILENT", "Sam", requests={"excel": "Pivot tables"})


def test_the_modal_opens_for_admins_only_and_checks_every_field(slack, fake_slack, deps):
    add_admin_user(fake_slack)
    command(slack, fake_slack, "admin program new")
    view = wait_for_view(fake_slack, "views.open", ids.PROGRAM_MODAL)
    words = visible_text(view)
    assert "nobody is added without saying yes" in words
    assert "never who teaches whom by title" in words

    answer = create(
        slack, name="", starts="2026-11-01", ends="2026-10-01", cadence="hourly",
        learners="people", teachers=None, focus="ok, ???",
    )  # fmt: skip
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {
        ids.PROGRAM_NAME,
        ids.PROGRAM_STARTS,
        ids.PROGRAM_ENDS,
        ids.PROGRAM_CADENCE,
        ids.PROGRAM_LEARNER_PEOPLE,
        ids.PROGRAM_TEACHERS,
        ids.PROGRAM_FOCUS,
    }
    assert answer["errors"][ids.PROGRAM_STARTS] == "Pick today or a later date."
    assert answer["errors"][ids.PROGRAM_LEARNER_PEOPLE].startswith("Pick the people who may learn")

    # Someone who isn't a program admin: neither the form nor a forged submission.
    fake_slack.add_user("UNOBODY", display_name="Nobody")
    name = command(slack, fake_slack, "admin program new", user_id="UNOBODY")
    assert "only program admins" in visible_text(reply_to(fake_slack, name))
    refused = create(slack, user_id="UNOBODY")
    assert "Program admins only" in visible_text(refused["view"])
    with deps.sessions() as session:
        assert session.scalars(select(Program)).all() == []


def test_invited_people_choose_and_only_those_who_joined_are_paired(slack, fake_slack, deps, clock):
    add_admin_user(fake_slack)
    people(deps, fake_slack)
    answer = create(slack, learners="people", learner_people=("ULEAD", "USILENT"),
                    focus="AI tools")  # fmt: skip
    assert answer["response_action"] == "update"
    assert "4 invitations on the way" in visible_text(answer["view"])
    program = the_program(deps)
    assert program.focus_skills == [["ai-tools", "AI tools"]]
    finish_setup(deps)
    tick_and_deliver(deps)  # delivers the invitations; nothing is due yet at 08:00

    # Those listed may learn or teach; the others only teach.
    assert set(buttons(invitation_posts(fake_slack, "ULEAD")[0])) == {
        ids.PROGRAM_JOIN_LEARNER, ids.PROGRAM_JOIN_TEACHER, ids.PROGRAM_NOT_NOW
    }  # fmt: skip
    assert set(buttons(invitation_posts(fake_slack, "UJUN")[0])) == {
        ids.PROGRAM_JOIN_TEACHER, ids.PROGRAM_NOT_NOW
    }  # fmt: skip
    assert invitations(deps) == dict.fromkeys(["ULEAD", "UJUN", "UOTHER", "USILENT"], "invited")

    joined = click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "ULEAD", program.id)
    assert joined["replace_original"] is True
    assert f"You joined *{NAME}* as a learner" in visible_text(joined)
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UJUN", program.id)
    declined = click(slack, fake_slack, ids.PROGRAM_NOT_NOW, "UOTHER", program.id)
    assert "no reminder will follow" in visible_text(declined)
    # A click that the invitation doesn't allow, or from someone never invited, adds nobody.
    forged = click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "UJUN", program.id)
    assert "no longer open" in visible_text(forged)
    fake_slack.add_user("UOUTSIDER", display_name="Out")
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UOUTSIDER", program.id)
    assert invitations(deps) == {
        "ULEAD": InvitationStatus.LEARNER,
        "UJUN": InvitationStatus.TEACHER,
        "UOTHER": InvitationStatus.DECLINED,
        "USILENT": InvitationStatus.INVITED,
    }

    # Home shows the program to those in it or invited, not to who said not now.
    assert f"You joined as a learner: *{NAME}*" in visible_text(
        published_home(slack, fake_slack, "ULEAD")
    )
    silent_home = published_home(slack, fake_slack, "USILENT")
    assert f"You're invited: *{NAME}*" in visible_text(silent_home)
    assert ids.PROGRAM_JOIN_LEARNER in home_buttons(silent_home)
    assert NAME not in visible_text(published_home(slack, fake_slack, "UOTHER"))

    # 09:00: the program's round pairs the learner with the teacher who joined, not with
    # Ola (level 4, who said not now), and before the everyday round runs.
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    assert (pair.mentor.slack_user_id, pair.mentee.slack_user_id) == ("UJUN", "ULEAD")
    assert pair.program_id == program.id and pair.reverse
    with deps.sessions() as session:
        triggers = sorted(session.scalars(select(Round.trigger)))
    assert triggers == ["program", "schedule"]


def test_one_reminder_after_a_week_and_nothing_after(slack, fake_slack, deps, clock):
    add_admin_user(fake_slack)
    people(deps, fake_slack)
    create(slack)
    program = the_program(deps)
    finish_setup(deps)
    tick_and_deliver(deps)
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UJUN", program.id)
    assert len(invitation_posts(fake_slack, "USILENT")) == 1

    clock.advance(days=6, hours=23)
    tick_and_deliver(deps)
    assert len(invitation_posts(fake_slack, "USILENT")) == 1
    clock.advance(hours=2)
    tick_and_deliver(deps)
    [_first, reminder] = invitation_posts(fake_slack, "USILENT")
    assert "the last one" in visible_text(reminder.params)
    assert len(invitation_posts(fake_slack, "UJUN")) == 1  # who answered hears nothing more
    for _week in range(3):
        clock.advance(days=7)
        tick_and_deliver(deps)
    assert len(invitation_posts(fake_slack, "USILENT")) == 2


def test_the_end_asks_the_pairs_and_reports_to_admins_with_a_chart(slack, fake_slack, deps, clock):
    add_admin_user(fake_slack)
    people(deps, fake_slack)
    create(slack, ends="2026-12-06", cadence="every_two_weeks", in_pool=True)
    program = the_program(deps)
    finish_setup(deps)
    tick_and_deliver(deps)
    click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "ULEAD", program.id)
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UJUN", program.id)
    click(slack, fake_slack, ids.PROGRAM_NOT_NOW, "UOTHER", program.id)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    assert pair.program_id == program.id

    # Counts so far, for that program only.
    name = command(slack, fake_slack, f"admin stats {NAME.lower()}")
    words = visible_text(reply_to(fake_slack, name))
    assert "runs until 6 December 2026" in words
    assert "*joined:* 1 as a learner, 1 as a teacher" in words
    name = command(slack, fake_slack, "admin stats Nope")
    assert f"“{NAME}”" in visible_text(reply_to(fake_slack, name))

    # The last day ends at midnight in the workspace's zone; the next tick finishes it.
    clock.advance(days=13, hours=14)  # Sunday 6 December, 23:00
    tick_and_deliver(deps)
    assert the_program(deps).reported_at is None
    clock.advance(hours=2)
    tick_and_deliver(deps)
    assert the_program(deps).reported_at is not None
    endings = [c for c in posts(fake_slack) if ids.SHARE_FEEDBACK in buttons(c)]
    assert {c.params["channel"] for c in endings} == {
        dm(fake_slack, "ULEAD"),
        dm(fake_slack, "UJUN"),
    }
    [report] = [c for c in posts(fake_slack) if ids.PROGRAM_SEND_CHART in buttons(c)]
    assert report.params["channel"] == dm(fake_slack, ADMIN)
    words = visible_text(report.params)
    assert f"*{NAME}* has ended" in words
    assert "*Rounds:* 1 · *pairs made:* 1" in words
    tick_and_deliver(deps)
    assert len([c for c in posts(fake_slack) if ids.PROGRAM_SEND_CHART in buttons(c)]) == 1

    # The chart goes to the admin who asks; someone else is refused.
    slack.action(ids.PROGRAM_SEND_CHART, user_id=ADMIN, value=str(program.id),
                 channel_id=dm(fake_slack, ADMIN))  # fmt: skip
    fake_slack.wait_for("files.completeUploadExternal")
    assert [u.filename for u in fake_slack.uploads] == ["program-report.png"]
    assert fake_slack.uploads[0].data.startswith(b"\x89PNG")
    name = "chart-refused"
    slack.action(ids.PROGRAM_SEND_CHART, user_id="ULEAD", value=str(program.id),
                 response_url=fake_slack.response_url(name))  # fmt: skip
    assert "only program admins" in visible_text(reply_to(fake_slack, name))

    # Invitations to a finished program can't be answered any more.
    late = click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "USILENT", program.id)
    assert "no longer open" in visible_text(late)
    with deps.sessions() as session:
        assert session.scalars(select(Pair.program_id)).all() == [program.id]


def test_the_report_and_program_stats_show_counts_never_private_words(
    slack, fake_slack, deps, clock
):
    add_admin_user(fake_slack)
    people(deps, fake_slack)
    create(slack, ends="2026-11-29")
    program = the_program(deps)
    finish_setup(deps)
    tick_and_deliver(deps)
    click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, "ULEAD", program.id)
    click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, "UJUN", program.id)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    # What the pair keeps private: a check-in note and the words of their feedback.
    with transaction(deps.sessions) as session:
        checkin = CheckIn(team_id="T1", pair_id=pair.id, period="w", number=1, sent_at=clock())
        session.add(checkin)
        session.flush()
        session.add(
            CheckInAnswer(team_id="T1", checkin_id=checkin.id, member_id=pair.mentee_id,
                          answer="met", answered_at=clock(), note=SECRET_NOTE)
        )  # fmt: skip
        session.add(
            Feedback(team_id="T1", pair_id=pair.id, member_id=pair.mentor_id, kind="ending",
                     learned=SECRET_FEEDBACK, created_at=clock())
        )  # fmt: skip
    name = command(slack, fake_slack, f"admin stats {NAME}")
    assert "*pairs that met:* 1 (100%)" in visible_text(reply_to(fake_slack, name))
    clock.advance(days=7)
    tick_and_deliver(deps)
    [report] = [c for c in posts(fake_slack) if ids.PROGRAM_SEND_CHART in buttons(c)]
    assert "*pairs that met:* 1 (100%)" in visible_text(report.params)
    seen = everything_sent(fake_slack)
    assert SECRET_NOTE not in seen and SECRET_FEEDBACK not in seen


GOAL_MARKER = "GOAL-MARKER-prompt-library-for-the-board"


def cohort(deps, fake_slack, learners: int) -> None:
    """`learners` learners of AI tools and as many teachers, each of whom joins below."""
    for n in range(learners):
        add_person(deps, fake_slack, f"ULEARN{n}", f"Learner {n}",
                   requests={"ai tools": "Use AI well"}, career_stage="executive")  # fmt: skip
        add_person(deps, fake_slack, f"UTEACH{n}", f"Teacher {n}", offers={"ai tools": 5},
                   career_stage="early")  # fmt: skip


def write_goals_and_levels(deps, program_id: int, levels: list[tuple[int, int]]) -> None:
    """Each of the program's learners writes two goals (one done) and rates their level at
    the start and the end: what stays between the two people of a pair."""
    with transaction(deps.sessions) as session:
        program_pairs = session.scalars(
            select(Pair).where(Pair.program_id == program_id).order_by(Pair.id)
        ).all()
        for pair, (start, end) in zip(program_pairs, levels, strict=True):
            for position, status in ((1, "done"), (2, "moving")):
                session.add(Goal(team_id="T1", pair_id=pair.id, learner_id=pair.mentee_id,
                                 position=position, text=f"{GOAL_MARKER} {position}",
                                 status=status, updated_at=deps.clock()))  # fmt: skip
            session.add(LearnerLevel(team_id="T1", pair_id=pair.id, learner_id=pair.mentee_id,
                                     skill_id=pair.skill_id, start_level=start, end_level=end,
                                     updated_at=deps.clock()))  # fmt: skip


def run_cohort_program(slack, fake_slack, deps, clock, learners: int) -> Program:
    add_admin_user(fake_slack)
    cohort(deps, fake_slack, learners)
    create(slack, ends="2026-11-29")
    program = the_program(deps)
    tick_and_deliver(deps)
    for n in range(learners):
        click(slack, fake_slack, ids.PROGRAM_JOIN_LEARNER, f"ULEARN{n}", program.id)
        click(slack, fake_slack, ids.PROGRAM_JOIN_TEACHER, f"UTEACH{n}", program.id)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert len(pairs(deps)) == learners
    return program


def test_the_report_shows_goals_done_and_level_change_per_skill_with_a_chart(
    slack, fake_slack, deps, clock
):
    program = run_cohort_program(slack, fake_slack, deps, clock, learners=5)
    write_goals_and_levels(deps, program.id, [(1, 4), (2, 3), (1, 4), (2, 3), (1, 4)])

    # The admin's view of the program while it runs, then the report at its end.
    name = command(slack, fake_slack, f"admin stats {NAME}")
    stats = visible_text(reply_to(fake_slack, name))
    clock.advance(days=7)
    tick_and_deliver(deps)
    [report] = [c for c in posts(fake_slack) if ids.PROGRAM_SEND_CHART in buttons(c)]
    for words in (stats, visible_text(report.params)):
        assert "*joined:* 5 as learners, 5 as teachers" in words
        assert "50% of 10 goals done" in words
        # Gains 3, 1, 3, 1, 3: a mean of 2.2 over five learners.
        assert "*ai tools*: +2.2 levels on average (5 learners)" in words

    slack.action(ids.PROGRAM_SEND_CHART, user_id=ADMIN, value=str(program.id),
                 channel_id=dm(fake_slack, ADMIN))  # fmt: skip
    [complete] = fake_slack.wait_for("files.completeUploadExternal")
    assert [u.filename for u in fake_slack.uploads] == ["program-report.png"]
    assert fake_slack.uploads[0].data.startswith(b"\x89PNG")
    assert "level change" in complete.params["initial_comment"]
    seen = everything_sent(fake_slack)
    assert GOAL_MARKER not in seen


def test_too_few_learners_keep_goals_and_ratings_out_of_every_admin_surface(
    slack, fake_slack, deps, clock
):
    program = run_cohort_program(slack, fake_slack, deps, clock, learners=2)
    write_goals_and_levels(deps, program.id, [(1, 5), (3, 4)])
    name = command(slack, fake_slack, f"admin stats {NAME}")
    stats = visible_text(reply_to(fake_slack, name))
    home = visible_text(published_home(slack, fake_slack, ADMIN))
    workspace = visible_text(reply_to(fake_slack, command(slack, fake_slack, "admin stats")))
    clock.advance(days=7)
    tick_and_deliver(deps)
    [report] = [c for c in posts(fake_slack) if ids.PROGRAM_SEND_CHART in buttons(c)]
    slack.action(ids.PROGRAM_SEND_CHART, user_id=ADMIN, value=str(program.id),
                 channel_id=dm(fake_slack, ADMIN))  # fmt: skip
    fake_slack.wait_for("files.completeUploadExternal")
    for words in (stats, visible_text(report.params)):
        assert "4 goals set; the share done is shown once at least 5 learners have goals" in words
        assert "Level gains per skill appear once 5 learners" in words
    for words in (stats, home, workspace, visible_text(report.params)):
        assert "+4.0" not in words and "+1.0" not in words and "+2.5" not in words
    seen = everything_sent(fake_slack)
    assert GOAL_MARKER not in seen
