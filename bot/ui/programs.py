"""Programs: the new-program modal, the invitation and its reminder, what a person sees
after answering, App Home's section, and the end-of-program report (pure builders)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DatePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    UserMultiSelectElement,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.domain.programs import (
    ANYONE,
    GROUP,
    GROUPS_FAILED,
    GROUPS_MISSING_SCOPE,
    GROUPS_NONE,
    MAX_FOCUS_SKILLS,
    NAME_MAX,
    PEOPLE,
    ProgramCard,
    ProgramReport,
    UserGroup,
    UserGroupChoice,
)
from bot.parsing.program_form import IN_POOL_VALUE
from bot.ui.admin_home import goals_text
from bot.ui.admin_settings import CADENCE_CHOICES
from bot.ui.escape import escape_mrkdwn
from bot.ui.fields import select_box, tick_box
from bot.ui.people import plural
from bot.ui.replies import Reply, footnote

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# Program rounds pair people; each new pair then agrees its own rhythm.
CADENCE_SENTENCE = {
    "weekly": "a round every week",
    "every_two_weeks": "a round every two weeks",
    "monthly": "a round every month",
}
STATUS_WORDS = {
    "invited": "You're invited",
    "learner": "You joined as a learner",
    "teacher": "You joined as a teacher",
    "declined": "You said not now",
}


def day_text(day: date) -> str:
    """ "12 January 2027"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


# Slack's limit for an option's label.
OPTION_LABEL_MAX = 75
GROUP_PROBLEMS = {
    GROUPS_MISSING_SCOPE: "To open a program to a Slack user group, mentorbot needs "
    "permission to read user groups: a workspace admin can reinstall the app to grant it. "
    "Until then, pick people one by one, or choose “Anyone”.",
    GROUPS_NONE: "This workspace has no user groups yet, so pick people one by one, or "
    "choose “Anyone”.",
    GROUPS_FAILED: "Slack didn't list the workspace's user groups just now. Pick people "
    "one by one, or close this form and try again in a minute.",
}


# Beside a user group field, when Slack wouldn't give its members at submission.
GROUP_ERRORS = {
    "gone": "That user group no longer exists or was disabled. Pick another one.",
    "empty": "Nobody is in that user group yet. Pick another one, or pick people.",
    GROUPS_MISSING_SCOPE: "mentorbot may no longer read user groups: a workspace admin "
    "can reinstall the app to allow it. Pick people instead.",
    GROUPS_FAILED: "Slack didn't say who is in that user group just now. Try again in a minute.",
}


def group_error(problem: str) -> str:
    return GROUP_ERRORS.get(problem, GROUP_ERRORS[GROUPS_FAILED])


def _group_option(group: UserGroup) -> Option:
    handle = f" (@{group.handle})" if group.handle else ""
    label = f"{group.name}{handle}"
    if len(label) > OPTION_LABEL_MAX:
        label = label[: OPTION_LABEL_MAX - 1] + "…"
    return Option(value=group.group_id, label=label)


def _audience_blocks(
    choice_id: str, people_id: str, group_id: str, role: str, groups: UserGroupChoice
) -> list[Block]:
    anyone = Option(value=ANYONE, label=f"Anyone who uses mentorbot may {role}")
    listed = Option(value=PEOPLE, label=f"Only the people I pick may {role}")
    choices = [anyone, listed]
    if groups.groups:
        choices.append(Option(value=GROUP, label=f"The people in a user group may {role}"))
    blocks: list[Block] = [
        InputBlock(
            block_id=choice_id,
            label=f"Who may {role}",
            element=RadioButtonsElement(
                action_id=choice_id, options=choices, initial_option=anyone
            ),
        ),
        InputBlock(
            block_id=people_id,
            label=f"People who may {role}",
            optional=True,
            hint="Only used when you chose to pick people. Each of them gets an invitation.",
            element=UserMultiSelectElement(action_id=people_id, placeholder="Pick people"),
        ),
    ]
    if groups.groups:
        blocks.append(
            select_box(
                group_id,
                f"User group that may {role}",
                [_group_option(group) for group in groups.groups],
                initial=None,
                optional=True,
                placeholder="Pick a user group",
                hint="Only used when you chose a user group. Everyone in it gets an "
                "invitation; people who join the group later are invited at the program's "
                "next round.",
            )
        )
    return blocks


def program_modal(today: date, groups: UserGroupChoice | None = None) -> View:
    """`/mentor admin program new`: everything a program needs, in one form. `groups`:
    the user groups it may be opened to, or why there are none (None: not asked)."""
    groups = groups or UserGroupChoice()
    cadences = [Option(value=value, label=label) for value, label in CADENCE_CHOICES]
    blocks: list[Block] = [
        _section(
            "A program runs its own rounds between two dates. Everyone it is open to gets "
            "an invitation and chooses whether to join; nobody is added without saying yes."
        ),
        InputBlock(
            block_id=ids.PROGRAM_NAME,
            label="Name",
            element=PlainTextInputElement(
                action_id=ids.PROGRAM_NAME,
                max_length=NAME_MAX,
                placeholder="e.g. Leadership learns AI, spring",
            ),
        ),
        InputBlock(
            block_id=ids.PROGRAM_STARTS,
            label="Starts on",
            element=DatePickerElement(action_id=ids.PROGRAM_STARTS, initial_date=today.isoformat()),
        ),
        InputBlock(
            block_id=ids.PROGRAM_ENDS,
            label="Ends on",
            hint="Pairs get the ending questions, and admins a report, after this day.",
            element=DatePickerElement(
                action_id=ids.PROGRAM_ENDS,
                initial_date=(today + timedelta(weeks=12)).isoformat(),
            ),
        ),
        select_box(
            ids.PROGRAM_CADENCE,
            "How often rounds run",
            cadences,
            initial=cadences[0],
            hint="On the day and at the time of the workspace's rounds.",
        ),
        DividerBlock(),
        HeaderBlock(text="Who takes part"),
        *_audience_blocks(
            ids.PROGRAM_LEARNERS,
            ids.PROGRAM_LEARNER_PEOPLE,
            ids.PROGRAM_LEARNER_GROUP,
            "learn",
            groups,
        ),
        *_audience_blocks(
            ids.PROGRAM_TEACHERS,
            ids.PROGRAM_TEACHER_PEOPLE,
            ids.PROGRAM_TEACHER_GROUP,
            "teach",
            groups,
        ),
        *([footnote(GROUP_PROBLEMS[groups.problem])] if groups.problem in GROUP_PROBLEMS else []),
        footnote(
            "Pairs are still made by skill only: the program chooses who takes part, "
            "never who teaches whom by title."
        ),
        DividerBlock(),
        InputBlock(
            block_id=ids.PROGRAM_FOCUS,
            label="Focus skills",
            optional=True,
            hint=f"Comma-separated, at most {MAX_FOCUS_SKILLS}. Leave empty for every skill.",
            element=PlainTextInputElement(
                action_id=ids.PROGRAM_FOCUS, max_length=400, placeholder="e.g. AI tools, TikTok"
            ),
        ),
        tick_box(
            ids.PROGRAM_IN_POOL,
            "The everyday rounds",
            Option(value=IN_POOL_VALUE, label="The program's pairs also count there"),
            ticked=False,
            optional=True,
            hint="When ticked, a program pair uses up the mentor's places and keeps the "
            "two people apart in the everyday rounds, as any pair does.",
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.PROGRAM_MODAL,
        title="New program",
        submit="Create and invite",
        close="Cancel",
        blocks=blocks,
    )


def created_text(name: str, invited: int, starts_on: date) -> str:
    return (
        f":white_check_mark: *{escape_mrkdwn(name)}* is set up. "
        f"{plural(invited, 'invitation')} on the way; the first round is on or after "
        f"{day_text(starts_on)}, with whoever has joined by then."
    )


def card_line(card: ProgramCard) -> str:
    rhythm = CADENCE_SENTENCE.get(card.cadence, "rounds")
    focus = (
        "about " + ", ".join(escape_mrkdwn(label) for label in card.focus)
        if card.focus
        else "about any skill"
    )
    return (
        f"*{escape_mrkdwn(card.name)}*, {day_text(card.starts_on)} to "
        f"{day_text(card.ends_on)}: {rhythm}, {focus}."
    )


def _answer_buttons(card: ProgramCard) -> ActionsBlock:
    value = str(card.program_id)
    buttons = []
    if card.may_learn:
        buttons.append(
            ButtonElement(
                text="Join as learner",
                action_id=ids.PROGRAM_JOIN_LEARNER,
                value=value,
                style="primary",
            )
        )
    if card.may_teach:
        buttons.append(
            ButtonElement(text="Join as teacher", action_id=ids.PROGRAM_JOIN_TEACHER, value=value)
        )
    buttons.append(ButtonElement(text="Not now", action_id=ids.PROGRAM_NOT_NOW, value=value))
    return ActionsBlock(elements=buttons)


def invitation_message(card: ProgramCard, *, reminder: bool = False) -> Reply:
    """The DM that asks someone whether to join; the reminder is the same, said once more."""
    opening = (
        ":wave: A reminder, and the last one: you're invited to a mentoring program."
        if reminder
        else ":wave: You're invited to a mentoring program."
    )
    roles = {
        (True, True): "You can join to learn or to teach.",
        (True, False): "You're invited to join as a learner.",
        (False, True): "You're invited to join as a teacher.",
    }[(card.may_learn, card.may_teach)]
    return Reply(
        text=f"You're invited to the mentoring program {escape_mrkdwn(card.name)}.",
        blocks=(
            _section(f"{opening}\n{card_line(card)}"),
            _section(
                f"{roles} Pairs are made by skill, never by job title: learners are "
                "matched on what they asked to learn, teachers on what they offer. "
                "Joining is your choice, and you can pause at any time with `/mentor pause`."
            ),
            _answer_buttons(card),
            footnote("If you say not now, nothing changes for you and no more reminders come."),
        ),
    )


def answered_message(card: ProgramCard, *, has_skills: bool) -> Reply:
    """What replaces the invitation once the person answered."""
    if card.status == "declined":
        words = (
            f"Noted: not now for *{escape_mrkdwn(card.name)}*. Nothing changes for you, "
            "and no reminder will follow."
        )
    else:
        role = "a learner" if card.status == "learner" else "a teacher"
        words = f":tada: You joined *{escape_mrkdwn(card.name)}* as {role}. "
        if card.status == "learner":
            words += (
                "Its rounds match what you asked to learn."
                if has_skills
                else "Tell me what you'd like to learn with `/mentor request` so its "
                "rounds can find you someone."
            )
        else:
            words += (
                "Its rounds match learners with what you offer."
                if has_skills
                else "Tell me what you can teach with `/mentor offer` so its rounds can "
                "match learners with you."
            )
    return Reply(text=words, blocks=(_section(f"{words}\n{card_line(card)}"),))


def closed_invitation() -> Reply:
    words = "This invitation is no longer open: the program has ended, or it was for someone else."
    return Reply(text="This invitation is no longer open.", blocks=(_section(words),))


def program_gone() -> Reply:
    words = "That program no longer exists."
    return Reply(text=words, blocks=(_section(words),))


def home_section(cards: Sequence[ProgramCard]) -> list[Block]:
    """App Home: the programs a person is in or invited to (nothing when there are none)."""
    if not cards:
        return []
    blocks: list[Block] = [HeaderBlock(text="Programs")]
    for card in cards:
        blocks.append(_section(f"{STATUS_WORDS[card.status]}: {card_line(card)}"))
        if card.status == "invited":
            blocks.append(_answer_buttons(card))
    return blocks


def report_message(report: ProgramReport) -> Reply:
    """To the admins at a program's end: counts only, never who said what."""
    took_part = report.learners + report.teachers
    lines = [_counts_lines(report)]
    if not took_part:
        lines.append("Nobody joined this program.")
    goals = _goals_section(report)
    return Reply(
        text=f"{escape_mrkdwn(report.name)} has ended: here is its report.",
        blocks=(
            _section(
                f":checkered_flag: *{escape_mrkdwn(report.name)}* has ended "
                f"({day_text(report.starts_on)} to {day_text(report.ends_on)}). "
                "Its pairs have been asked how it went and whether to go on."
            ),
            _section("\n".join(lines)),
            _section(goals),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="Post chart",
                        action_id=ids.PROGRAM_SEND_CHART,
                        value=str(report.program_id),
                    )
                ]
            ),
            footnote(
                "Counts only: private notes and feedback stay with the people who wrote them."
            ),
        ),
    )


def _goals_section(report: ProgramReport) -> str:
    """The program's goals and level change, as the workspace's are shown (aggregates)."""
    if report.goals is None:
        return "*Learners' goals*\nNo learner in this program has set a goal yet."
    return goals_text(report.goals)


def goals_chart_line(report: ProgramReport) -> str:
    """Under the chart's level panel: the share of goals done, or why it isn't shown."""
    goals = report.goals
    if goals is None:
        return "No goals set yet"
    if goals.done_share is None:
        shown_from = f"share done shown from {goals.min_group} learners"
        return f"{plural(goals.goals, 'goal')} set; {shown_from}"
    return f"{round(goals.done_share * 100)}% of {plural(goals.goals, 'goal')} done"


def _as_role(count: int, role: str) -> str:
    """ "1 as a learner", "9 as learners"."""
    return f"{count} as a {role}" if count == 1 else f"{count} as {role}s"


def _counts_lines(report: ProgramReport) -> str:
    met_share = f" ({round(100 * report.pairs_met / report.pairs)}%)" if report.pairs else ""
    return "\n".join(
        (
            f"*Invited:* {plural(report.invited, 'person', 'people')}; "
            f"*joined:* {_as_role(report.learners, 'learner')}, "
            f"{_as_role(report.teachers, 'teacher')}; "
            f"*not now:* {report.declined}",
            f"*Rounds:* {report.rounds} · *pairs made:* {report.pairs} · "
            f"*pairs that met:* {report.pairs_met}{met_share}",
        )
    )


def program_stats_reply(report: ProgramReport, *, today: date) -> Reply:
    """`/mentor admin stats <program>`: the program's counts so far."""
    if today < report.starts_on:
        when = f"starts {day_text(report.starts_on)}"
    elif today > report.ends_on:
        when = f"ended {day_text(report.ends_on)}"
    else:
        when = f"runs until {day_text(report.ends_on)}"
    return Reply(
        text=f"{escape_mrkdwn(report.name)} in numbers.",
        blocks=(
            _section(f":bar_chart: *{escape_mrkdwn(report.name)}* {when}."),
            _section(_counts_lines(report)),
            _section(_goals_section(report)),
            footnote("Counts only. `/mentor admin stats` shows the whole workspace."),
        ),
    )


MAX_NAMES_LISTED = 10


def unknown_program(name: str, known: Sequence[str]) -> Reply:
    names = ", ".join(f"“{escape_mrkdwn(n)}”" for n in known[-MAX_NAMES_LISTED:])
    more = f" Programs so far: {names}." if known else " There are no programs yet."
    return Reply(
        text="I couldn't find that program.",
        blocks=(
            _section(
                f":thinking_face: I couldn't find a program called “{escape_mrkdwn(name)}”.{more}"
            ),
            footnote(
                "For example: `/mentor admin stats` for the whole workspace, or "
                "`/mentor admin program new` to start one."
            ),
        ),
    )
