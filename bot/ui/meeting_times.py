"""Finding a first meeting time: the modal of proposed slots, the note both people get
when one is picked, the reminder an hour before, and the learner's one nudge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextObject,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.scheduling.local_text import overlap_in_words, slot_in_local_time, stretch_in_words
from bot.scheduling.model import Slot
from bot.scheduling.slots import Proposal
from bot.ui.expectations import pair_metadata
from bot.ui.first_meeting import meeting_time
from bot.ui.people import clip, mention_or, plain_name
from bot.ui.replies import Reply

# Block Kit: an option's text and description are at most 75 characters.
MAX_OPTION_TEXT = 75
# Posted with the first meeting's .ics file in the pair's group DM.
CALENDAR_COMMENT = (
    ":spiral_calendar_pad: For your calendar: the first meeting as a file you can open or import."
)


@dataclass(frozen=True, slots=True)
class Reader:
    """Someone a meeting time is written for: their Slack id, name and IANA zone."""

    slack_id: str
    name: str
    timezone: str


def slot_value(slot: Slot) -> str:
    """What a slot option carries: its start, in seconds since the epoch."""
    return str(int(slot.start.timestamp()))


def find_a_time_metadata(pair_id: int, slots: Sequence[Slot], seen: datetime | None) -> str:
    """What the modal carries: the pair, the starts it offered (a pick is checked against
    them) and the first meeting the pair had when it opened (`seen`, None for none), so a
    pick made meanwhile by the other person is noticed instead of silently replaced."""
    return pair_metadata(
        pair_id,
        offered=[int(slot.start.timestamp()) for slot in slots],
        seen=None if seen is None else int(seen.timestamp()),
    )


def _option(slot: Slot, reader: Reader, partner: Reader) -> Option:
    partner_name = plain_name(partner.name, fallback="Your partner")
    theirs = f"{partner_name}: {slot_in_local_time(slot, partner.timezone, yours=False)}"
    return Option(
        value=slot_value(slot),
        text=PlainTextObject(text=slot_in_local_time(slot, reader.timezone)[:MAX_OPTION_TEXT]),
        description=PlainTextObject(text=clip(theirs, MAX_OPTION_TEXT)),
    )


def compromise_words(proposal: Proposal, learner: Reader, partner: Reader) -> str | None:
    """When the two working days barely overlap: said plainly, with the fairest time."""
    if not proposal.short_overlap:
        return None
    words = overlap_in_words(proposal.overlap_minutes)
    compromise = proposal.compromise
    if compromise is None:
        return words
    return (
        f"{words} The fairest compromise is *{meeting_time(compromise.slot.start)}*: "
        f"for {mention_or(learner.slack_id, 'the learner')} it "
        f"{stretch_in_words(compromise.learner)}, and for "
        f"{mention_or(partner.slack_id, 'the mentor')} it {stretch_in_words(compromise.partner)}."
    )


def choices(proposal: Proposal) -> tuple[Slot, ...]:
    """The slots to offer: those inside both working days, else the compromise alone."""
    if proposal.slots:
        return proposal.slots
    return (proposal.compromise.slot,) if proposal.compromise is not None else ()


def find_a_time_modal(
    pair_id: int,
    proposal: Proposal,
    *,
    reader: Reader,
    partner: Reader,
    learner: Reader,
    mentor: Reader,
    seen: datetime | None = None,
) -> View:
    """The proposed slots in the reader's own time, the partner's time under each; `seen`
    is the pair's first meeting as it stood when the modal opened."""
    slots = choices(proposal)
    partner_mention = mention_or(partner.slack_id, "your partner")
    where = (
        "inside both your working hours"
        if proposal.slots
        else "as fair as your working hours allow"
    )
    intro = (
        f"Times for a first 45-minute chat with {partner_mention} over the next few working "
        f"days, {where}. Pick one and I'll tell you both, each in your own time, and remind "
        "you an hour before."
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=intro))]
    short = compromise_words(proposal, learner, mentor)
    if short is not None:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=f":hourglass: {short}")))
    if not slots:
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text="I couldn't find a time that works for you both. Agree on one in your "
                    "group message, then use *We've scheduled a first meeting*."
                )
            )
        )
        return View(type="modal", title="Find a time", close="Close", blocks=blocks)
    blocks += [
        InputBlock(
            block_id=ids.FIND_A_TIME_SLOT,
            label="Pick a time (your time zone)",
            element=RadioButtonsElement(
                action_id=ids.FIND_A_TIME_SLOT,
                options=[_option(slot, reader, partner) for slot in slots],
            ),
        ),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Working hours come from `/mentor profile`; time zones from Slack."
                )
            ]
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.FIND_A_TIME_MODAL,
        private_metadata=find_a_time_metadata(pair_id, slots, seen),
        title="Find a time",
        submit="Pick this time",
        close="Cancel",
        blocks=blocks,
    )


def _local_lines(slot: Slot, readers: Sequence[Reader]) -> str:
    return "\n".join(
        f"• {mention_or(r.slack_id, 'You')}: {slot_in_local_time(slot, r.timezone)}"
        for r in readers
    )


def meeting_picked_message(
    slot: Slot, *, picked_by: str, readers: Sequence[Reader], moved: bool
) -> Reply:
    """Told to both in their group message: the time in each person's own zone."""
    who = mention_or(picked_by, "Your partner")
    verb = "moved your first meeting to" if moved else "picked a time for your first meeting:"
    words = (
        f":calendar: {who} {verb} *{meeting_time(slot.start)}*.\n{_local_lines(slot, readers)}\n"
        "I'll remind you here an hour before. If it doesn't suit one of you, say so here "
        "and pick another with *Find a time*."
    )
    plain = "Your first meeting has moved." if moved else "Your first meeting is on the calendar."
    return Reply(text=plain, blocks=(SectionBlock(text=MarkdownTextObject(text=words)),))


def meeting_picked_saved(slot: Slot, reader: Reader) -> str:
    return (
        f":calendar: Saved: {slot_in_local_time(slot, reader.timezone)}. "
        "You've both been told in your group message."
    )


def meeting_picked_meanwhile(slot: Slot, reader: Reader) -> str:
    """To the second of two people picking at once: the first pick stands, kindly said."""
    return (
        ":calendar: A time was picked a moment ago, while you had this open: "
        f"{slot_in_local_time(slot, reader.timezone)}. You've both been told in your group "
        "message. If it doesn't suit you, say so there, or open *Find a time* again to move it."
    )


def meeting_reminder(*, mentions: Sequence[str], at: Slot) -> Reply:
    """An hour before: a short reminder in the pair's group message."""
    who = " and ".join(mention_or(m, "you") for m in mentions)
    words = (
        f":alarm_clock: {who}, your first meeting starts in an hour, at "
        f"*{meeting_time(at.start)}*. Enjoy it!"
    )
    return Reply(
        text="Your first meeting starts in an hour.",
        blocks=(SectionBlock(text=MarkdownTextObject(text=words)),),
    )


def find_a_time_button(pair_id: int) -> ButtonElement:
    return ButtonElement(text="Find a time", action_id=ids.FIND_A_TIME, value=str(pair_id))


def schedule_nudge(*, partner: str, pair_id: int) -> Reply:
    """The learner's one gentle nudge when nothing is on the calendar after five days."""
    words = (
        f":wave: A gentle nudge: you and {mention_or(partner, 'your partner')} haven't "
        "found a time for a first chat yet, and it's your turn to suggest one. *Find a time* "
        "shows a few that suit you both; it takes a minute."
    )
    return Reply(
        text="A gentle nudge to find a time for your first chat.",
        blocks=(
            SectionBlock(text=MarkdownTextObject(text=words)),
            ActionsBlock(
                block_id=f"schedule_nudge_{pair_id}", elements=[find_a_time_button(pair_id)]
            ),
        ),
    )
