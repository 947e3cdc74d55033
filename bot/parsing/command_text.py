"""Reading slash command text as Slack sends it (pure: no Slack, no database).

With `should_escape: true` Slack turns what people pick while typing into control
sequences, `<@U123|name>` for a person, `<#C123|name>` for a channel, `<!here>` or
`<!subteam^S123|@team>` for groups, `<https://…|label>` for links, and escapes the three
characters it treats specially: `&` as `&amp;`, `<` as `&lt;`, `>` as `&gt;`. So any `<…>`
in the text is Slack's, never typed, and entities are undone exactly once: echoing the
result goes through `escape_mrkdwn` again, one escape for one unescape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ReferenceKind = Literal["person", "channel", "group", "link"]

# One control sequence: what is inside the angle brackets (Slack escapes `<`, `>` typed
# by people, so the contents never hold either).
_SEQUENCE = re.compile(r"<([^<>]*)>")
_USER = re.compile(r"^@([UW][A-Z0-9]{1,30})(?:\|([^|]*))?$")
_CHANNEL = re.compile(r"^#([CGD][A-Z0-9]{1,30})(?:\|([^|]*))?$")
_SPECIAL = re.compile(r"^!([^|]*)(?:\|(.*))?$")
# A comma outside any control sequence (a person's label may contain one).
_TOP_LEVEL_COMMA = re.compile(r",(?![^<]*>)")
_FIRST_WORD = re.compile(r"<[^<>]*>|[^\s<]+")


@dataclass(frozen=True, slots=True)
class Reference:
    """Something Slack linked in the text: who or what it points at, and how it reads."""

    kind: ReferenceKind
    target: str  # a user id, channel id, group keyword or URL
    shown: str  # how it reads in plain text: "@grace", "#general", "@here"


def unescape(text: str) -> str:
    """Undo Slack's three entities, `&amp;` last so `&amp;lt;` stays the text `&lt;`."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _reference(inside: str) -> Reference:
    if match := _USER.match(inside):
        label = match.group(2)
        return Reference("person", match.group(1), "@" + unescape(label or match.group(1)))
    if match := _CHANNEL.match(inside):
        label = match.group(2)
        return Reference("channel", match.group(1), "#" + unescape(label or match.group(1)))
    if match := _SPECIAL.match(inside):
        keyword, label = match.group(1), match.group(2)
        if keyword.startswith("subteam^"):
            return Reference("group", keyword, unescape(label or "@group"))
        return Reference("group", keyword, unescape(label or "@" + keyword.split("^")[0]))
    url, _, label = inside.partition("|")
    return Reference("link", unescape(url), unescape(label or url))


@dataclass(frozen=True, slots=True)
class Decoded:
    """A piece of command text in plain words, and what Slack linked in it."""

    plain: str
    references: tuple[Reference, ...]


def decode(text: str) -> Decoded:
    """Plain words for `text` (references read as "@name", "#channel"), and the references."""
    references: list[Reference] = []
    pieces: list[str] = []
    position = 0
    for match in _SEQUENCE.finditer(text):
        pieces.append(unescape(text[position : match.start()]))
        reference = _reference(match.group(1))
        references.append(reference)
        pieces.append(reference.shown)
        position = match.end()
    pieces.append(unescape(text[position:]))
    return Decoded(plain="".join(pieces), references=tuple(references))


def readable(text: str) -> str:
    """`text` as the person would read it, to quote back to them (escape before mrkdwn)."""
    return decode(text).plain


def split_list(text: str) -> list[str]:
    """Comma-separated parts of `text`, never cutting a control sequence in two."""
    return _TOP_LEVEL_COMMA.split(text)


def first_word(text: str) -> tuple[str, str]:
    """`text`'s first word (a whole control sequence counts as one) and the rest."""
    text = text.strip()
    match = _FIRST_WORD.match(text)
    if match is None:
        return "", text
    return match.group(0), text[match.end() :].strip()
