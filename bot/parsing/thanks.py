"""Reading `/mentor thanks @someone for <skill or words> [publicly in #channel]` (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core import ids
from bot.parsing.command_text import decode, first_word
from bot.parsing.view_state import raw_text, typed

MAX_THANKS_LENGTH = 300
EXAMPLE = "/mentor thanks @grace for public speaking"

# "publicly in #channel" at the end: the channel must be one Slack linked (<#C…|name>).
_PUBLICLY = re.compile(r"\s*\bpublicly(?:\s+in\s+(\S+))?\s*$", re.IGNORECASE)
_FOR = re.compile(r"^for\b\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SendThanks:
    """Thank `recipient` (a Slack user id) for `words`; also post in `channel` if given."""

    recipient: str
    words: str  # plain words, Slack's escaping undone (escape before mrkdwn)
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class ThanksProblem:
    problem: str  # may quote the person's words: escape before mrkdwn
    suggestion: str


def parse_thanks(rest: str) -> SendThanks | ThanksProblem:
    """The thanks in `rest` (the text after `thanks`, as Slack sends it), or the problem."""
    who, words = first_word(rest)
    if not who:
        return ThanksProblem("say who you want to thank, and what for", EXAMPLE)
    person = decode(who).references
    if len(person) != 1 or person[0].kind != "person" or decode(who).plain != person[0].shown:
        shown = decode(who).plain
        return ThanksProblem(
            f"“{shown}” is not a person I can find: type @ and pick them from the list", EXAMPLE
        )
    channel: str | None = None
    public = _PUBLICLY.search(words)
    if public is not None:
        place = decode(public.group(1) or "").references
        if len(place) != 1 or place[0].kind != "channel":
            return ThanksProblem(
                "say which channel to thank them in: type # and pick it from the list",
                EXAMPLE + " publicly in #kudos",
            )
        channel = place[0].target
        words = words[: public.start()]
    plain = decode(_FOR.sub("", words.strip())).plain.strip()
    if not plain:
        return ThanksProblem("say what you are thanking them for", EXAMPLE)
    if len(plain) > MAX_THANKS_LENGTH:
        return ThanksProblem(
            f"that is a long thanks ({len(plain)} characters; the most is {MAX_THANKS_LENGTH})",
            EXAMPLE,
        )
    return SendThanks(recipient=person[0].target, words=plain, channel=channel)


@dataclass(frozen=True, slots=True)
class ThanksForm:
    """The Send thanks modal: what for, and the channel to post it in too (or None)."""

    words: str
    channel: str | None


def read_thanks_form(values: object) -> tuple[ThanksForm | None, dict[str, str]]:
    """The modal's fields, or an error under the field that needs fixing."""
    words = typed(values, ids.THANKS_WORDS)
    if not words:
        return None, {ids.THANKS_WORDS: "Say what you are thanking them for."}
    if len(words) > MAX_THANKS_LENGTH:
        return None, {ids.THANKS_WORDS: f"At most {MAX_THANKS_LENGTH} characters, please."}
    channel = raw_text(values, ids.THANKS_CHANNEL, "selected_conversation") or None
    return ThanksForm(words=words, channel=channel), {}
