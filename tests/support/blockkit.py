"""Checks that every Block Kit payload the app sent is valid and within Slack's limits.

`slack_sdk.models` validates most limits when a model is serialised (`to_dict()` runs the
`@JsonValidator`s); the extra checks here cover what SLACK.md adds on top.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_TEXT = 4000
MAX_PRIVATE_METADATA = 3000
BROADCAST = re.compile(r"<!(channel|here|everyone)\b")

_MESSAGE_METHODS = {"chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"}
_VIEW_METHODS = {"views.open", "views.push", "views.update", "views.publish"}


def check_blocks(blocks: Iterable[Mapping[str, Any]], *, limit: int) -> None:
    blocks = list(blocks)
    assert len(blocks) <= limit, f"{len(blocks)} blocks, the limit is {limit}"
    for raw in blocks:
        block = Block.parse(dict(raw))
        assert block is not None, f"not a block Slack knows: {raw}"
        block.to_dict()  # raises SlackObjectFormationError on a broken limit


def check_message(params: Mapping[str, Any]) -> None:
    text = params.get("text") or ""
    assert len(text) <= MAX_MESSAGE_TEXT, f"message text of {len(text)} characters"
    blocks = params.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if blocks:
        check_blocks(blocks, limit=MAX_MESSAGE_BLOCKS)


def check_view(view: Mapping[str, Any]) -> None:
    if isinstance(view, str):
        view = json.loads(view)
    model = View(**{k: v for k, v in view.items() if k in _VIEW_FIELDS})
    model.to_dict()  # title/submit/close lengths, callback_id, private_metadata
    assert len(view.get("private_metadata") or "") <= MAX_PRIVATE_METADATA
    check_blocks(view.get("blocks") or [], limit=MAX_VIEW_BLOCKS)


_VIEW_FIELDS = {
    "type",
    "id",
    "callback_id",
    "external_id",
    "team_id",
    "bot_id",
    "app_id",
    "root_view_id",
    "previous_view_id",
    "title",
    "submit",
    "close",
    "blocks",
    "private_metadata",
    "state",
    "hash",
    "clear_on_close",
    "notify_on_close",
}


# Shown literally by Slack, never parsed for mentions: a form prefilled with what someone
# typed (`initial_value`), plain_text objects, and values Slack only sends back to us.
_LITERAL_KEYS = frozenset({"initial_value", "value", "private_metadata"})


def _parsed_strings(node: Any) -> Iterable[str]:
    """Every string Slack may parse for mentions: all but the literal ones above."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            literal = key in _LITERAL_KEYS or (key == "text" and node.get("type") == "plain_text")
            if not (literal and isinstance(value, str)):
                yield from _parsed_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _parsed_strings(value)
    elif isinstance(node, str):
        if node[:1] in ("[", "{"):
            try:
                yield from _parsed_strings(json.loads(node))
                return
            except ValueError:
                pass
        yield node


def check_no_broadcast(method: str, params: Mapping[str, Any]) -> None:
    for text in _parsed_strings(params):
        found = BROADCAST.search(text)
        assert found is None, f"{method} would broadcast {found.group(0)}: {text[:500]}"


def check_call(method: str, params: Mapping[str, Any]) -> None:
    """Validate one recorded Web API call (messages and views; other methods pass)."""
    if method in _MESSAGE_METHODS:
        check_message(params)
    if method in _VIEW_METHODS and params.get("view"):
        check_view(params["view"])
    if method in _MESSAGE_METHODS | _VIEW_METHODS:
        check_no_broadcast(method, params)
