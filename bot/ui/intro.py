"""The group-DM intro of a new pair: who, why, goals, expectation prompts, buttons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import ids
from bot.cycle.endings import (
    DURATION_LABELS,
    FREQUENCY_LABELS,
    normalise_duration,
    normalise_frequency,
)
from bot.ui.escape import escape_mrkdwn
from bot.ui.replies import Reply
from bot.ui.texts import text

MAX_SECTION_TEXT = 3000


@dataclass(frozen=True, slots=True)
class Person:
    slack_id: str
    name: str
    tz: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.slack_id}>"


@dataclass(frozen=True, slots=True)
class Direction:
    """One person teaching the other one skill, with what the learner hopes for."""

    mentor: Person
    mentee: Person
    skill: str
    reasons: Sequence[str]
    goal: str | None = None
    frequency: str | None = None
    duration: str | None = None


@dataclass(frozen=True, slots=True)
class IntroContent:
    pair_id: int
    main: Direction
    back: Direction | None = None  # the mentee also teaches the mentor (one intro for both)
    two_way: bool = False
    reverse: bool = False


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown[:MAX_SECTION_TEXT]))


def _who(person: Person) -> str:
    place = f" ({escape_mrkdwn(person.tz)})" if person.tz else ""
    return f"{person.mention}{place}"


def frequency_text(value: str | None) -> str:
    code = normalise_frequency(value)
    return FREQUENCY_LABELS[code] if code else "not said yet"


def duration_text(value: str | None) -> str:
    code = normalise_duration(value)
    return DURATION_LABELS[code] if code else "not said yet"


def _direction_block(direction: Direction) -> SectionBlock:
    reasons = "\n".join(f"• {escape_mrkdwn(reason)}" for reason in direction.reasons)
    goal = (
        escape_mrkdwn(direction.goal)
        if direction.goal
        else "_not written yet — a good first thing to talk about_"
    )
    return _section(
        f"*{_who(direction.mentor)} shares {escape_mrkdwn(direction.skill)} "
        f"with {_who(direction.mentee)}*\n"
        f"*Why we matched you:*\n{reasons}\n"
        f"*{direction.mentee.mention}'s goal:* {goal}\n"
        f"*Hoped-for rhythm:* {frequency_text(direction.frequency)} · "
        f"*for:* {duration_text(direction.duration)}"
    )


def _both_learn_line(content: IntroContent) -> str | None:
    if content.back is not None or content.two_way:
        return (
            ":arrows_counterclockwise: This is a two-way pairing: you will both teach "
            "and both learn."
        )
    if content.reverse:
        return (
            ":arrows_counterclockwise: This is a reverse mentoring pairing: expertise isn't a "
            "matter of rank, and you will both teach and both learn."
        )
    return None


def intro_buttons(pair_id: int) -> ActionsBlock:
    value = str(pair_id)
    return ActionsBlock(
        block_id=f"pair_actions_{pair_id}",
        elements=[
            ButtonElement(
                text="Set expectations",
                action_id=ids.SET_EXPECTATIONS,
                value=value,
                style="primary",
            ),
            ButtonElement(
                text="We've scheduled a first meeting",
                action_id=ids.FIRST_MEETING_SCHEDULED,
                value=value,
            ),
            ButtonElement(text="Not a good fit", action_id=ids.NOT_A_FIT, value=value),
        ],
    )


def intro_message(content: IntroContent) -> Reply:
    """The message both people of a new pair get in their group DM."""
    main, back = content.main, content.back
    if back is None:
        summary = f"{main.mentor.name} will share {main.skill} with {main.mentee.name}."
    else:
        summary = (
            f"{main.mentor.name} and {main.mentee.name} will teach each other "
            f"{main.skill} and {back.skill}."
        )
    blocks: list[Block] = [
        HeaderBlock(text="Meet your mentoring partner"),
        _section(
            f":wave: Hello {main.mentor.mention} and {main.mentee.mention}! "
            "You have been paired by skill this week."
        ),
        _direction_block(main),
    ]
    if back is not None:
        blocks.append(_direction_block(back))
    line = _both_learn_line(content)
    if line:
        blocks.append(_section(line))
    blocks += [
        DividerBlock(),
        _section(text("intro_prompts")),
        intro_buttons(content.pair_id),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Either of you can set or edit the expectations. "
                    "I'll check in here once a week."
                )
            ]
        ),
    ]
    return Reply(text=escape_mrkdwn(summary), blocks=tuple(blocks))
