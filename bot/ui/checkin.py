"""Check-in messages, nudges, closing notices and the private note modal."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.cycle.checkins import Answer
from bot.domain.learning_log import ActionItem
from bot.parsing.checkin_forms import MAX_NOTE
from bot.ui.escape import escape_mrkdwn
from bot.ui.fields import text_box
from bot.ui.learning_log import action_items_blocks, log_session_button
from bot.ui.people import plural
from bot.ui.replies import Reply
from bot.ui.texts import text


@cache
def discussion_prompts() -> tuple[str, ...]:
    """Our question bank, one prompt per `- ` line of texts/discussion_prompts.md."""
    return tuple(
        line[2:].strip()
        for line in text("discussion_prompts").splitlines()
        if line.startswith("- ") and line[2:].strip()
    )


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def checkin_buttons(checkin_id: int) -> ActionsBlock:
    value = str(checkin_id)
    return ActionsBlock(
        block_id=f"checkin_actions_{checkin_id}",
        elements=[
            ButtonElement(text="We met", action_id=ids.CHECKIN_MET, value=value, style="primary"),
            ButtonElement(text="Not yet", action_id=ids.CHECKIN_NOT_YET, value=value),
            ButtonElement(text="Need help", action_id=ids.CHECKIN_NEED_HELP, value=value),
            ButtonElement(text="End pairing", action_id=ids.CHECKIN_END, value=value),
            ButtonElement(text="Add a private note", action_id=ids.CHECKIN_NOTE, value=value),
        ],
    )


def checkin_actions(checkin_id: int, pair_id: int | None) -> ActionsBlock:
    """The check-in's buttons, with "Log a session" when the pair is known."""
    block = checkin_buttons(checkin_id)
    if pair_id is not None:
        block.elements.append(log_session_button(pair_id))
    return block


def checkin_message(
    *,
    checkin_id: int,
    mentions: tuple[str, str],
    skill: str,
    prompt: str | None,
    nudge: str | None = None,
    pair_id: int | None = None,
    open_items: Sequence[ActionItem] = (),
    goal_blocks: Sequence[Block] = (),
) -> Reply:
    """This week's check-in; `nudge` (from `nudge_text`) goes in it when one is due,
    `goal_blocks` (bot.ui.goals) on the check-ins that ask how goals are going, and the
    pair's open action items from their learning log come after the buttons."""
    a, b = (f"<@{user}>" for user in mentions)
    blocks: list[Block] = [
        _section(
            f":wave: Check-in time, {a} and {b}: how is your *{escape_mrkdwn(skill)}* "
            "pairing going? Each of you can answer."
        ),
        checkin_actions(checkin_id, pair_id),
        *action_items_blocks(open_items),
    ]
    if prompt:
        blocks.insert(1, _section(f":speech_balloon: *Something to talk about:* {prompt}"))
    if nudge:
        blocks.insert(1, _section(nudge))
    blocks.extend(goal_blocks)
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Notes are private to whoever writes them; admins only see counts."
                )
            ]
        )
    )
    reminder = " A gentle reminder to find time to meet." if nudge else ""
    return Reply(
        text=f"Check-in: how is your {escape_mrkdwn(skill)} pairing going?{reminder}",
        blocks=tuple(blocks),
    )


def nudge_text(*, weeks: int, met_before: bool, scheduled: bool = False) -> str:
    """A nudge after `weeks` check-ins without a meeting, worded for where the pair is:
    `met_before` (they answered "We met", or chose to continue) asks for a catch-up, not a
    first chat; `scheduled` (they said a first meeting was planned) asks whether it happened.
    It goes inside that week's check-in, never as a message of its own right after it.
    """
    since = f"{plural(weeks, 'check-in')} without a meeting"
    if met_before:
        return (
            f":seedling: It's been {since} since you last met. "
            "Life gets busy: how about a 30-minute catch-up this week?"
        )
    if scheduled:
        return (
            f":seedling: You planned a first meeting; it's been {since}. If it happened, "
            "press *We met* below. If not, pick a new 30-minute slot."
        )
    return (
        f":seedling: It's been {since}. Life gets busy: how about picking a 30-minute "
        "slot this week? A short first chat is plenty."
    )


def closed_message(*, mentions: tuple[str, str]) -> Reply:
    a, b = (f"<@{user}>" for user in mentions)
    words = (
        f":leaves: {a} and {b}, we haven't heard from you for a few weeks, so I've closed this "
        "pairing — no harm done. Both of you can be matched again in a coming round."
    )
    return Reply(
        text="This pairing is closed; you can both be matched again.", blocks=(_section(words),)
    )


def ended_message(*, mentions: tuple[str, str], rematch: bool) -> Reply:
    a, b = (f"<@{user}>" for user in mentions)
    again = (
        " The request goes back in the queue for the next round."
        if rematch
        else " You can both ask for new matches whenever you like."
    )
    words = (
        f":pray: {a} and {b}, this pairing has ended. Thank you both for the time you gave "
        f"each other.{again}"
    )
    return Reply(text="This pairing has ended. Thank you both.", blocks=(_section(words),))


ANSWER_THANKS: Mapping[Answer, str] = {
    Answer.MET: ":tada: Great — thanks for letting us know you met.",
    Answer.NOT_YET: "Thanks for answering. No rush — a short chat this week is plenty.",
}

# A second click on the same answer: said once, without a second "thanks".
ANSWER_ALREADY_NOTED: Mapping[Answer, str] = {
    Answer.MET: "Already noted: you met. Thanks again!",
    Answer.NOT_YET: "Already noted: not yet. No rush — a short chat this week is plenty.",
}


def answer_reply(answer: Answer, *, changed: bool) -> Reply:
    words = ANSWER_THANKS[answer] if changed else ANSWER_ALREADY_NOTED[answer]
    return Reply(text=words, blocks=(_section(words),))


def checkin_metadata(checkin_id: int) -> str:
    """What a check-in's modals carry; checked against the database again on submission."""
    return json.dumps({"checkin": checkin_id})


def note_modal(checkin_id: int, current: str | None, *, circle: bool = False) -> View:
    """The private note on a check-in; `circle` for a circle's check-in."""
    others = "not the others in your circle" if circle else "not your partner"
    return View(
        type="modal",
        callback_id=ids.CIRCLE_NOTE_MODAL if circle else ids.CHECKIN_NOTE_MODAL,
        private_metadata=checkin_metadata(checkin_id),
        title="Private note",
        submit="Save",
        close="Cancel",
        blocks=[
            _section(f"Only you will ever see this note — {others}, not the admins."),
            text_box(ids.CHECKIN_NOTE_TEXT, "Your note", max_length=MAX_NOTE, initial=current),
        ],
    )


def note_saved_reply() -> Reply:
    words = ":lock: Your private note is saved. Only you can see it."
    return Reply(text=words, blocks=(_section(words),))


def refusal(words: str) -> Reply:
    return Reply(text=words, blocks=(_section(words),))
