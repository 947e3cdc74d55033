"""Copy mistakes a reader notices at once, found in the messages and views the app sent.

Run over every call the fake Slack recorded (after each test, like the Block Kit checks),
and over the gallery. Each finding names the problem and shows the text it was found in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

_MESSAGE_METHODS = {"chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"}
_VIEW_METHODS = {"views.open", "views.push", "views.update", "views.publish"}

# Nouns the bot counts; "1 <plural>" and "<n != 1> <singular>" are both mistakes.
_NOUNS = {
    "request": "requests",
    "skill": "skills",
    "person": "people",
    "pair": "pairs",
    "round": "rounds",
    "week": "weeks",
    "day": "days",
    "hour": "hours",
    "offer": "offers",
    "check-in": "check-ins",
    "mentor": "mentors",
    "mentee": "mentees",
    "message": "messages",
}
# "1 offers it" is a verb, not a count.
_VERB_OBJECT = r"(?! (?:it|them|this|that|to)\b)"
_ONE_PLURAL = re.compile(
    r"(?<![\d.,])\b1 (" + "|".join(re.escape(p) for p in _NOUNS.values()) + r")\b" + _VERB_OBJECT
)
_MANY_SINGULAR = re.compile(
    r"(?<![\d.,:-])\b(0|[2-9]|[1-9]\d+) ("
    + "|".join(re.escape(s) for s in _NOUNS)
    + r")\b(?![-'’])"
)
# Slack ids hold a digit (`UTC` is a word); after "@" it is someone's typed text shown back.
_USER_ID = re.compile(r"(?<![@\w])[UW](?=[A-Z0-9]*\d)[A-Z0-9]{1,11}\b")
_CONTROL = re.compile(r"<[@#!][^>]*>|<(?:https?|mailto):[^>]*>")
# The bot shows what someone typed inside “…”: their words, not the bot's copy.
_TYPED = re.compile(r"“[^”]*”")
_PLACEHOLDER = re.compile(r"<[a-zA-Z][\w -]*>|\{[a-z_]+\}")
_DOUBLED_CODE = re.compile(r"(`[^`]+`)[^`\n]{0,20}\1")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _texts(node: Any, *, mrkdwn: bool = True) -> Iterable[tuple[str, bool]]:
    """(text, is_mrkdwn) for every text a person reads in a payload."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value, node.get("type") != "plain_text"
            elif key in ("value", "private_metadata", "action_id", "block_id", "callback_id"):
                continue
            elif key == "initial_value":
                continue  # what people typed, shown back to them as they wrote it
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def payload_texts(method: str, params: Mapping[str, Any]) -> list[tuple[str, bool]]:
    """The texts of one recorded call (messages and views; other methods have none)."""
    found: list[tuple[str, bool]] = []
    if method in _MESSAGE_METHODS:
        if isinstance(params.get("text"), str):
            # The notification: Slack renders mentions there, but not markup.
            found.append((params["text"], True))
        blocks = params.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        found += list(_texts(blocks or []))
    elif method in _VIEW_METHODS and params.get("view"):
        view = params["view"]
        if isinstance(view, str):
            view = json.loads(view)
        found += list(_texts(view))
        found += _optional_labels(view)
    return found


def _optional_labels(view: Mapping[str, Any]) -> list[tuple[str, bool]]:
    # Slack adds "(optional)" after an optional input's label: saying it again doubles it.
    return [
        (f"{block['label'].get('text', '')} (optional)", False)
        for block in view.get("blocks") or []
        if block.get("type") == "input" and block.get("optional") and block.get("label")
    ]


def problems_in(text: str, *, mrkdwn: bool, handles: Mapping[str, str] = {}) -> list[str]:
    """What is wrong with one text; `handles` maps a Slack handle to the person's name."""
    found = []
    outside = _TYPED.sub(" ", _CONTROL.sub(" ", text) if mrkdwn else text)
    for match in _ONE_PLURAL.finditer(outside):
        found.append(f"plural after 1: {match.group(0)!r}")
    for match in _MANY_SINGULAR.finditer(outside):
        found.append(f"singular after {match.group(1)}: {match.group(0)!r}")
    for match in _USER_ID.finditer(outside):
        found.append(f"raw user id outside a mention: {match.group(0)!r}")
    if mrkdwn:
        for match in _PLACEHOLDER.finditer(_CONTROL.sub(" ", text)):
            found.append(f"placeholder Slack can't show: {match.group(0)!r}")
    elif re.search(r"\{[a-z_]+\}", text):
        found.append("placeholder left in plain text")
    for match in _DOUBLED_CODE.finditer(text):
        found.append(f"the same suggestion twice: {match.group(1)!r}")
    sentences = [part.strip() for part in _SENTENCE_END.split(text) if len(part.strip()) > 20]
    for repeated in {part for part in sentences if sentences.count(part) > 1}:
        found.append(f"the same sentence twice: {repeated!r}")
    if text.lower().count("optional") > 1:
        found.append("says optional twice")
    if not mrkdwn and "`" in text:
        found.append("literal backticks in plain text")
    for handle, name in handles.items():
        if re.search(rf"(?<![@\w]){re.escape(handle)}(?!\w)", outside):
            found.append(f"handle {handle!r} where the name {name!r} belongs")
    return found


def handles_of(calls: Iterable[Any]) -> dict[str, str]:
    """Handle -> name of every person `users.info` described, when the two differ."""
    handles = {}
    for call in calls:
        if call.method != "users.info" or not call.response:
            continue
        user = call.response.get("user") or {}
        profile = user.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or ""
        handle = user.get("name") or ""
        if handle and name and handle.casefold() != name.casefold():
            handles[handle] = name
    return handles


def check_copy(method: str, params: Mapping[str, Any], *, handles: Mapping[str, str] = {}) -> None:
    """Fail with the payload when a text the app sent has a copy mistake."""
    for text, mrkdwn in payload_texts(method, params):
        problems = problems_in(text, mrkdwn=mrkdwn, handles=handles)
        assert not problems, (
            f"{method}: {'; '.join(problems)}\n  in: {text[:600]!r}\n  payload: "
            f"{json.dumps(params, default=str)[:2000]}"
        )
