"""The group-DM intro of a new pair: who, why, goals, expectation prompts, buttons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core import ids
from bot.matching.reasons import REVERSE, TWO_WAY
from bot.scheduling.slots import Proposal
from bot.ui.escape import escape_mrkdwn
from bot.ui.meeting_times import Reader, compromise_words, find_a_time_button
from bot.ui.people import plain_name, reason_line, sentence
from bot.ui.replies import Reply
from bot.ui.texts import text
from bot.vocabulary import DURATION_LABELS, FREQUENCY_LABELS, known_duration, known_frequency

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
    now: datetime | None = None  # when the pair was made: shows each person's local time
    # Slots for a first meeting; when the working days barely overlap, the intro says so.
    times: Proposal | None = None


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown[:MAX_SECTION_TEXT]))


def frequency_text(value: str | None) -> str:
    code = known_frequency(value)
    return FREQUENCY_LABELS[code] if code else "not said yet"


def duration_text(value: str | None) -> str:
    code = known_duration(value)
    return DURATION_LABELS[code] if code else "not said yet"


def _hopes(direction: Direction) -> str:
    """What the learner asked for: their goal and, when given, rhythm and length."""
    goal = (
        escape_mrkdwn(direction.goal)
        if direction.goal
        else "_no goal written yet, a good first thing to talk about_"
    )
    said = [
        label
        for label in (
            FREQUENCY_LABELS.get(known_frequency(direction.frequency) or ""),
            DURATION_LABELS.get(known_duration(direction.duration) or ""),
        )
        if label
    ]
    hoped = f" _(hoped for: {', '.join(said)})_" if said else ""
    return f"{goal}{hoped}"


def _direction_line(direction: Direction) -> str:
    return (
        f"• *{direction.mentor.mention} teaches {direction.mentee.mention} "
        f"{escape_mrkdwn(direction.skill)}.* Goal: {_hopes(direction)}"
    )


def _reasons(content: IntroContent) -> list[str]:
    """Why the two were paired, each said once, naming them (both read the same DM)."""
    lines: list[str] = []
    directions = [d for d in (content.main, content.back) if d is not None]
    # Each direction's strongest reason (who offers what) first, then the rest.
    ranked = [(d, r) for d in directions for r in d.reasons[:1]]
    ranked += [(d, r) for d in directions for r in d.reasons[1:]]
    for direction, reason in ranked:
        # With both directions shown, "X can teach Y back" is already said above; the
        # reverse-mentoring guidance below says who is earlier in their career.
        if content.back is not None and reason.startswith(TWO_WAY):
            continue
        if content.back is None and content.reverse and reason.startswith(REVERSE):
            continue
        line = reason_line(reason, mentor=direction.mentor.mention, mentee=direction.mentee.mention)
        if line not in lines:
            lines.append(line)
    return lines


def _local_time(person: Person, now: datetime) -> str | None:
    if not person.tz:
        return None
    try:
        local = now.astimezone(ZoneInfo(person.tz))
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return f"{local:%H:%M} for {person.mention}"


def _first_move(content: IntroContent) -> str:
    learner = content.main.mentee.mention
    fits = (
        "the fairest time for you both"
        if _barely_overlap(content)
        else ("a time inside both your working hours")
    )
    words = (
        f":calendar: *First step:* {learner}, it's your turn: press *Find a time* for a first "
        f"45-minute chat at {fits}, or suggest your own."
    )
    if content.now is not None:
        times = [
            t
            for t in (
                _local_time(p, content.now) for p in (content.main.mentor, content.main.mentee)
            )
            if t
        ]
        if len(times) == 2:
            words += f" It's {times[0]} and {times[1]} as I write this."
    return words


def _barely_overlap(content: IntroContent) -> bool:
    return content.times is not None and content.times.short_overlap


def _short_overlap(content: IntroContent) -> str | None:
    if content.times is None:
        return None
    learner, mentor = content.main.mentee, content.main.mentor
    return compromise_words(
        content.times,
        Reader(learner.slack_id, learner.name, learner.tz or "UTC"),
        Reader(mentor.slack_id, mentor.name, mentor.tz or "UTC"),
    )


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
            find_a_time_button(pair_id),
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
    mentor_name = plain_name(main.mentor.name, fallback="your mentor")
    mentee_name = plain_name(main.mentee.name, fallback="your partner")
    hello = f":wave: Hello {main.mentor.mention} and {main.mentee.mention}!"
    if back is None:
        summary = sentence(f"{mentor_name} will share {main.skill} with {mentee_name}")
        opening = hello
    else:
        summary = sentence(
            f"{mentor_name} and {mentee_name} will teach each other {main.skill} and {back.skill}"
        )
        opening = f"{hello} You'll each teach the other."
    directions = [_direction_line(main)] + ([_direction_line(back)] if back else [])
    why = "\n".join(f"• {line}" for line in _reasons(content))
    blocks: list[Block] = [
        HeaderBlock(text="Meet your mentoring partner"),
        _section(f"{opening}\n" + "\n".join(directions)),
        _section(f"*Why you two*\n{why}"),
    ]
    if content.reverse and back is None:
        blocks.append(_section(text("reverse_guidance").replace("{mentor}", main.mentor.mention)))
    short = _short_overlap(content)
    if short is not None:
        blocks.append(_section(f":hourglass: {short}"))
    blocks += [
        _section(f"{_first_move(content)}\n{text('intro_prompts')}"),
        intro_buttons(content.pair_id),
        ContextBlock(
            elements=[MarkdownTextObject(text="I'll check in here as often as you plan to meet.")]
        ),
    ]
    return Reply(text=escape_mrkdwn(summary), blocks=tuple(blocks))
