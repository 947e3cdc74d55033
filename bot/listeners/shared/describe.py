"""What a Slack request is, in a few safe words for the logs (pure).

Names come from the payload's structure (command, action id, callback id, event type),
never from what a person typed; anything unexpected is cut short and neutralised, since
a forged payload can put any text in those fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.parsing.commands import PARSERS

_UNSAFE = re.compile(r"[^\w.:/-]")
MAX_NAME = 64


def _safe(name: object) -> str:
    return _UNSAFE.sub("?", str(name))[:MAX_NAME] or "?"


def _first(items: object) -> Mapping[str, Any]:
    if isinstance(items, list) and items and isinstance(items[0], Mapping):
        return items[0]
    return {}


def describe_action(body: Mapping[str, Any]) -> str:
    """`/mentor offer`, `action:show_my_list`, `view:offer_modal`, `event:app_home_opened`…"""
    if "command" in body:
        text = str(body.get("text") or "")
        verb = text.split(maxsplit=1)[0].casefold() if text.strip() else ""
        # Only verbs we know: the rest of the text is the person's, not ours to log.
        shown = verb if verb in PARSERS else ("" if not verb else "?")
        return f"{_safe(body['command'])} {shown}".strip()
    kind = body.get("type")
    if kind == "event_callback":
        event = body.get("event") or {}
        return f"event:{_safe(event.get('type'))}"
    if kind == "block_actions":
        return f"action:{_safe(_first(body.get('actions')).get('action_id'))}"
    if kind == "block_suggestion":
        return f"options:{_safe(body.get('action_id'))}"
    if kind in ("view_submission", "view_closed"):
        prefix = "view" if kind == "view_submission" else "view_closed"
        return f"{prefix}:{_safe((body.get('view') or {}).get('callback_id'))}"
    if kind in ("shortcut", "message_action"):
        return f"shortcut:{_safe(body.get('callback_id'))}"
    return _safe(kind) if kind else "unknown"


def describe_user(body: Mapping[str, Any]) -> str | None:
    """The Slack user id behind the request, where the payload names one."""
    user = body.get("user_id") or body.get("user")
    if isinstance(user, Mapping):
        user = user.get("id")
    event = body.get("event")
    if user is None and isinstance(event, Mapping):
        user = event.get("user")
        if isinstance(user, Mapping):
            user = user.get("id")
    return _safe(user) if user else None
