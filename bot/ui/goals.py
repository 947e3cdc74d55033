"""Goals in Block Kit: the goals part of the expectations form, the pair's goal board,
the status buttons on check-ins, the level question at the end and the level changes."""

from __future__ import annotations

import json
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    SectionBlock,
)

from bot.core import ids
from bot.cycle.goals import (
    MAX_GOAL_TEXT,
    MAX_GOALS,
    STATUS_EMOJI,
    STATUS_LABELS,
    GoalStatus,
    LevelChange,
)
from bot.domain.goals import LearnerGoalsView
from bot.ui.escape import escape_mrkdwn
from bot.ui.fields import select_box
from bot.ui.people import clip, mention_or, plain_name
from bot.ui.replies import Reply
from bot.vocabulary import LEVEL_LABELS

LABEL_LIMIT = 150  # Slack's plain-text label limit (SLACK.md)


def _levels() -> list[Option]:
    return [Option(value=str(level), label=label) for level, label in LEVEL_LABELS.items()]


def level_select(block_id: str, label: str, current: int | None, *, hint: str) -> InputBlock:
    levels = _levels()
    return select_box(
        block_id,
        clip(label, LABEL_LIMIT),
        levels,
        initial=levels[current - 1] if current else None,
        optional=True,
        hint=hint,
        placeholder="Choose a level",
    )


def goal_inputs(learners: Sequence[LearnerGoalsView]) -> list[Block]:
    """The expectations form's goals: up to three per learner, and their starting level."""
    blocks: list[Block] = []
    for learner in learners:
        name = plain_name(learner.learner_name, fallback="the learner")
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=f":dart: *Goals for {mention_or(learner.learner_slack_id, name)}* "
                    f"in {escape_mrkdwn(learner.skill)} (up to {MAX_GOALS}; check-ins ask "
                    "how they are going)"
                )
            )
        )
        for position in range(1, MAX_GOALS + 1):
            block = ids.goal_box(learner.direction, position)
            current = learner.goals[position - 1].text if position <= len(learner.goals) else None
            blocks.append(
                InputBlock(
                    block_id=block,
                    label=f"Goal {position}",
                    optional=True,
                    element=PlainTextInputElement(
                        action_id=block, max_length=MAX_GOAL_TEXT, initial_value=current
                    ),
                )
            )
        blocks.append(
            level_select(
                ids.start_level_box(learner.direction),
                f"{name}'s level in {learner.skill} today",
                learner.start_level,
                hint="The learner's own rating; asked again at the end to show the change.",
            )
        )
    return blocks


def _status_value(goal_id: int, status: GoalStatus) -> str:
    return json.dumps({"goal": goal_id, "status": status.value})


def _goal_line(text: str, status: GoalStatus) -> str:
    return f"{STATUS_EMOJI[status]} {escape_mrkdwn(text)} — _{STATUS_LABELS[status].lower()}_"


def goal_board(learners: Sequence[LearnerGoalsView]) -> Reply:
    """The pair's goal board: one message, edited in place when a status changes."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=":dart: *Goal board*"))]
    done = total = 0
    for learner in learners:
        if not learner.goals:
            continue
        who = mention_or(learner.learner_slack_id, plain_name(learner.learner_name))
        lines = [_goal_line(goal.text, goal.status) for goal in learner.goals]
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"*{who}* · {escape_mrkdwn(learner.skill)}\n" + "\n".join(lines)
                )
            )
        )
        total += len(learner.goals)
        done += sum(goal.status is GoalStatus.DONE for goal in learner.goals)
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Every second check-in asks how each goal is going; this board "
                    "follows your answers. Change goals with *Set expectations*."
                )
            ]
        )
    )
    return Reply(text=f"Goal board: {done} of {total} goals done.", blocks=tuple(blocks))


def goal_status_blocks(learners: Sequence[LearnerGoalsView]) -> list[Block]:
    """A check-in's goal question: one row of status buttons per goal, for its learner."""
    blocks: list[Block] = []
    for learner in learners:
        if not learner.goals:
            continue
        who = mention_or(learner.learner_slack_id, plain_name(learner.learner_name))
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=f":dart: {who}, how are your {escape_mrkdwn(learner.skill)} goals "
                    "going? One tap per goal."
                )
            )
        )
        for goal in learner.goals:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=escape_mrkdwn(goal.text))))
            blocks.append(
                ActionsBlock(
                    block_id=ids.goal_status_row(goal.goal_id),
                    elements=[
                        ButtonElement(
                            text=STATUS_LABELS[status],
                            action_id=f"{ids.GOAL_STATUS}_{status.value}",
                            value=_status_value(goal.goal_id, status),
                            style="primary" if status is goal.status else None,
                        )
                        for status in GoalStatus
                    ],
                )
            )
    return blocks


def goal_status_saved(text: str, status: GoalStatus, *, changed: bool) -> Reply:
    label = STATUS_LABELS[status].lower()
    if changed:
        plain = f"Noted: {text} is {label}. The goal board is updated."
        words = f"Noted: *{escape_mrkdwn(text)}* is {label}. The goal board is updated."
    else:
        plain = f"{text} was already marked {label}."
        words = f"*{escape_mrkdwn(text)}* was already marked {label}."
    return Reply(
        text=escape_mrkdwn(plain), blocks=(SectionBlock(text=MarkdownTextObject(text=words)),)
    )


def level_changes(changes: Sequence[tuple[str, LevelChange]]) -> list[Block]:
    """The ending's level lines ("Public speaking: 2 → 4"), one per learner who rated both."""
    if not changes:
        return []
    lines = [
        f"{mention_or(user, 'one of you')} · {escape_mrkdwn(change.words())}"
        for user, change in changes
    ]
    return [
        SectionBlock(
            text=MarkdownTextObject(text=":chart_with_upwards_trend: *Levels*\n" + "\n".join(lines))
        )
    ]


def offer_invitation(*, pair_id: int, skill: str, level: int) -> Reply:
    """To a learner who ended at level 3 or more: offer the skill, in one tap."""
    words = (
        f":seedling: You rated yourself {level} of 5 in *{escape_mrkdwn(skill)}*. "
        "Would you like to help someone else learn it? One tap offers it at that level; "
        "you can change or remove the offer any time with `/mentor list`."
    )
    return Reply(
        text=f"Would you like to offer {skill} to others?",
        blocks=(
            SectionBlock(text=MarkdownTextObject(text=words)),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text=f"Offer {clip(skill, 60)}",
                        action_id=ids.OFFER_LEARNED_SKILL,
                        value=str(pair_id),
                        style="primary",
                    )
                ]
            ),
        ),
    )
