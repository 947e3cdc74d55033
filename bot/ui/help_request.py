"""'Need help': the modal where a person says what would help, the program admins' DM
with buttons to act on it, and what each of those buttons answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.parsing.checkin_forms import MAX_HELP
from bot.ui.checkin import checkin_metadata
from bot.ui.escape import escape_mrkdwn
from bot.ui.fields import text_box
from bot.ui.people import and_list, clip, mention_or, plural
from bot.ui.replies import Reply

# What the admins' DM quotes of it: enough to act on, never a wall of text.
MAX_HELP_SHOWN = 600
_RHYTHM = {1: "every week", 2: "every two weeks", 4: "every four weeks"}


# Under every help DM: why the admin gets it, and that notes stay private.
_FOR_ADMINS = ContextBlock(
    elements=[
        MarkdownTextObject(text="You get this as a program admin. Private notes are never shared.")
    ]
)


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def _date(moment: datetime) -> str:
    return f"<!date^{int(moment.timestamp())}^{{date_short}}|{moment:%d %b %Y}>"


def _ask_for_a_hand(callback_id: str, checkin_id: int, *, who_not: str, hint: str) -> View:
    """The "Need help" modal of a pair's or a circle's check-in: `who_not` is who won't
    see what is written, `hint` examples of what might help."""
    return View(
        type="modal",
        callback_id=callback_id,
        private_metadata=checkin_metadata(checkin_id),
        title="Ask for a hand",
        submit="Send",
        close="Cancel",
        blocks=[
            _section(
                f"The program admins will read this and get in touch. {who_not} see it, and "
                "your private notes stay private."
            ),
            text_box(
                ids.CHECKIN_HELP_TEXT,
                "What would help?",
                max_length=MAX_HELP,
                optional=True,
                hint=f"For example: {hint}",
            ),
        ],
    )


def help_modal(checkin_id: int, partner_id: str) -> View:
    partner = mention_or(partner_id, "your partner")
    return _ask_for_a_hand(
        ids.CHECKIN_HELP_MODAL,
        checkin_id,
        who_not=f"{partner} doesn't",
        hint="we can't find a time, the goal needs rethinking, or you'd like a different partner.",
    )


def help_sent_words(*, changed: bool) -> str:
    if not changed:
        return "Already noted: the program admins were told you'd like a hand."
    return (
        ":raising_hand: Thanks. The program admins have been told and will get in touch. "
        "Nothing you wrote in a private note is shared."
    )


def _quoted(said: str) -> str:
    shown = escape_mrkdwn(clip(said, MAX_HELP_SHOWN))
    return "\n".join(f">{line}" for line in shown.splitlines())


def help_request_message(
    *, request_id: int, asker: str, partner: str, skill: str, said: str | None
) -> Reply:
    """The DM each program admin gets; its buttons carry the request's id only."""
    who, other = mention_or(asker, "Someone"), mention_or(partner, "their partner")
    blocks: list[Block] = [
        _section(
            f":raising_hand: {who}, paired with {other} on *{escape_mrkdwn(skill)}*, asked "
            "for help."
        ),
        _section(f"*What would help, in their words:*\n{_quoted(said)}")
        if said
        else _section("They didn't say more; a short DM to them is the best start."),
        ActionsBlock(
            block_id=f"help_actions_{request_id}",
            elements=[
                ButtonElement(
                    text="I'll reach out",
                    action_id=ids.HELP_TAKE,
                    value=str(request_id),
                    style="primary",
                ),
                ButtonElement(
                    text="Open the pairing", action_id=ids.HELP_OPEN_PAIRING, value=str(request_id)
                ),
                ButtonElement(
                    text="End pairing and rematch",
                    action_id=ids.HELP_END_AND_REMATCH,
                    value=str(request_id),
                    style="danger",
                    confirm=ConfirmObject(
                        title="End this pairing?",
                        text="Both people are told, and their requests go back in the queue "
                        "for the next round.",
                        confirm="End pairing",
                        deny="Cancel",
                    ),
                ),
            ],
        ),
        _FOR_ADMINS,
    ]
    return Reply(text=f"{who} asked for help with their mentoring pairing.", blocks=tuple(blocks))


def help_taken_message(*, admin: str) -> Reply:
    """Told to the person who asked, once an admin takes it on."""
    return _taken(admin, "your pairing")


def _taken(admin: str, about: str) -> Reply:
    words = (
        f":handshake: {mention_or(admin, 'A program admin')} will reach out to you about "
        f"{about}. Thanks for asking."
    )
    return Reply(text="A program admin will reach out to you.", blocks=(_section(words),))


def help_taken_answer(*, asker: str, taken_by: str, by_you: bool, when: datetime) -> Reply:
    """What the clicking admin reads after "I'll reach out"."""
    who = mention_or(asker, "They")
    if by_you:
        words = f":white_check_mark: Thanks. {who} knows you'll reach out."
    else:
        words = (
            f"{mention_or(taken_by, 'Another admin')} already said they'd reach out, "
            f"on {_date(when)}."
        )
    return Reply(text=words, blocks=(_section(words),))


def admin_ended_message(*, mentions: tuple[str, str]) -> Reply:
    """Told to both when a program admin ends their pairing."""
    a, b = (mention_or(user, "you") for user in mentions)
    words = (
        f":arrows_counterclockwise: {a} and {b}, a program admin has ended this pairing so "
        "you can both start afresh. Your requests go back in the queue, and a coming round "
        "can match you with someone new. Thank you for the time you gave each other."
    )
    return Reply(
        text="This pairing has ended; you can both be matched again.", blocks=(_section(words),)
    )


def ended_answer(*, ended: bool) -> Reply:
    words = (
        ":white_check_mark: The pairing has ended. Both were told, and their requests are back "
        "in the queue for the next round."
        if ended
        else "This pairing had already ended, so nothing changed."
    )
    return Reply(text=words, blocks=(_section(words),))


@dataclass(frozen=True, slots=True)
class PairingFacts:
    """What an admin sees of a pairing: who, what, when, and counts, never anyone's notes."""

    mentor: str
    mentee: str
    skills: str
    two_way: bool
    asker: str
    active: bool
    started_at: datetime
    ends_at: datetime | None
    checkin_weeks: int
    first_meeting_at: datetime | None
    checkins_sent: int
    checkins_met: int
    next_checkin_at: datetime | None


def pairing_view(facts: PairingFacts) -> View:
    mentor = mention_or(facts.mentor, "someone who left")
    mentee = mention_or(facts.mentee, "someone who left")
    status = "active" if facts.active else "ended"
    who = f"{mentor} teaches {mentee}"
    if facts.two_way:
        who = f"{mentor} and {mentee} teach each other"
    lines = [
        f"*{escape_mrkdwn(facts.skills)}*: {who} ({status}).",
        f"Started {_date(facts.started_at)}"
        + (f", planned to end {_date(facts.ends_at)}." if facts.ends_at else "."),
        f"Check-ins come {_RHYTHM.get(facts.checkin_weeks, 'now and then')}: "
        f"{plural(facts.checkins_sent, 'check-in')} sent, "
        f"{facts.checkins_met} answered with \u201cWe met\u201d.",
        f"First meeting: {_date(facts.first_meeting_at)}."
        if facts.first_meeting_at
        else "First meeting: not on the calendar yet.",
    ]
    if facts.active and facts.next_checkin_at is not None:
        lines.append(f"Next check-in: {_date(facts.next_checkin_at)}.")
    return View(
        type="modal",
        callback_id=ids.ADMIN_NOTICE_MODAL,
        title="The pairing",
        close="Close",
        blocks=[
            _section(f"{mention_or(facts.asker, 'Someone')} asked for help with this pairing."),
            _section("\n".join(lines)),
            ContextBlock(
                elements=[
                    MarkdownTextObject(text="Notes and feedback stay private to their authors.")
                ]
            ),
        ],
    )


def circle_help_modal(checkin_id: int) -> View:
    """'Need help' on a circle's check-in: what would help, for the program admins only."""
    return _ask_for_a_hand(
        ids.CIRCLE_HELP_MODAL,
        checkin_id,
        who_not="The others in your circle don't",
        hint="we can't find a time that suits everyone, the pace doesn't suit you, or you'd "
        "rather learn one to one.",
    )


def circle_help_request_message(
    *, request_id: int, asker: str, others: tuple[str, ...], skill: str, said: str
) -> Reply:
    """The DM each program admin gets when someone in a circle asks for a hand; its button
    carries the request's id only."""
    who = mention_or(asker, "Someone")
    with_whom = and_list([mention_or(o, "someone") for o in others])
    circle = f"their {escape_mrkdwn(skill)} circle"
    blocks: list[Block] = [
        _section(
            f":raising_hand: {who}, in a *{escape_mrkdwn(skill)}* circle"
            + (f" with {with_whom}" if with_whom else "")
            + ", asked for help."
        ),
        _section(f"*What would help, in their words:*\n{_quoted(said)}")
        if said
        else _section("They didn't say more; a short DM to them is the best start."),
        ActionsBlock(
            block_id=f"circle_help_actions_{request_id}",
            elements=[
                ButtonElement(
                    text="I'll reach out",
                    action_id=ids.CIRCLE_HELP_TAKE,
                    value=str(request_id),
                    style="primary",
                )
            ],
        ),
        _FOR_ADMINS,
    ]
    return Reply(text=f"{who} asked for help with {circle}.", blocks=tuple(blocks))


def circle_help_taken_message(*, admin: str) -> Reply:
    """Told to the circle member who asked, once an admin takes it on."""
    return _taken(admin, "your circle")
