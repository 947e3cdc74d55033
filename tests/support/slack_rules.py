"""What Slack accepts from an app: each method's arguments and scope, and its size limits.

The strict fake Slack (`tests.support.fake_slack`) refuses what Slack would refuse, judged
by the tables here:

* `ARGUMENTS` -- the documented arguments of each Web API method the fake serves (the
  names slack_sdk's `WebClient` sends for it). Slack ignores unknown arguments; the fake
  refuses them, because an unknown name is almost always a typo that Slack would quietly
  drop (a `thread_tss=` that never threads).
* `required_scopes` -- the bot scope(s) a call needs, one of which must be granted; the
  granted scopes come from manifest.yml (`manifest_bot_scopes`).
* `message_errors` / `view_errors` -- Slack's limits on message text and Block Kit,
  judged with slack_sdk's own models where they cover a limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"

MAX_MESSAGE_TEXT = 40_000
MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_PRIVATE_METADATA = 3_000
MAX_ID_LENGTH = 255  # callback_id, external_id

_MESSAGE_ARGS = {
    "channel",
    "text",
    "as_user",
    "attachments",
    "blocks",
    "thread_ts",
    "icon_emoji",
    "icon_url",
    "link_names",
    "username",
    "parse",
    "markdown_text",
}

#: Web API method -> the arguments it takes (besides `token`). `None`: any (api.test echoes).
ARGUMENTS: dict[str, frozenset[str] | None] = {
    "api.test": None,
    "auth.test": frozenset(),
    "auth.revoke": frozenset({"test"}),
    "apps.uninstall": frozenset({"client_id", "client_secret"}),
    "apps.connections.open": frozenset(),
    "oauth.v2.access": frozenset(
        {"client_id", "client_secret", "code", "redirect_uri", "grant_type", "refresh_token"}
    ),
    "team.info": frozenset({"team", "domain", "include_slackbot_availability"}),
    "usergroups.list": frozenset({"include_count", "include_disabled", "include_users"}),
    "usergroups.users.list": frozenset({"usergroup", "include_disabled"}),
    "users.info": frozenset({"user", "include_locale"}),
    "users.list": frozenset({"cursor", "include_locale", "limit", "team_id"}),
    "chat.postMessage": frozenset(
        _MESSAGE_ARGS
        | {
            "reply_broadcast",
            "unfurl_links",
            "unfurl_media",
            "container_id",
            "mrkdwn",
            "metadata",
        }
    ),
    "chat.postEphemeral": frozenset(_MESSAGE_ARGS | {"user"}),
    "chat.update": frozenset(
        {
            "channel",
            "ts",
            "text",
            "attachments",
            "blocks",
            "as_user",
            "file_ids",
            "link_names",
            "parse",
            "reply_broadcast",
            "metadata",
            "markdown_text",
        }
    ),
    "chat.delete": frozenset({"channel", "ts", "as_user"}),
    "chat.scheduleMessage": frozenset(
        (_MESSAGE_ARGS - {"icon_emoji", "icon_url", "username"})
        | {"post_at", "reply_broadcast", "unfurl_links", "unfurl_media", "metadata"}
    ),
    "chat.deleteScheduledMessage": frozenset({"channel", "scheduled_message_id", "as_user"}),
    "chat.scheduledMessages.list": frozenset(
        {"channel", "cursor", "latest", "limit", "oldest", "team_id"}
    ),
    "conversations.open": frozenset({"channel", "return_im", "users", "prevent_creation"}),
    "conversations.history": frozenset(
        {"channel", "cursor", "inclusive", "include_all_metadata", "latest", "limit", "oldest"}
    ),
    "conversations.replies": frozenset(
        {
            "channel",
            "ts",
            "cursor",
            "inclusive",
            "include_all_metadata",
            "latest",
            "limit",
            "oldest",
        }
    ),
    "conversations.info": frozenset({"channel", "include_locale", "include_num_members"}),
    "conversations.members": frozenset({"channel", "cursor", "limit"}),
    "views.open": frozenset({"trigger_id", "interactivity_pointer", "view"}),
    "views.push": frozenset({"trigger_id", "interactivity_pointer", "view"}),
    "views.update": frozenset({"view", "external_id", "view_id", "hash"}),
    "views.publish": frozenset({"user_id", "view", "hash"}),
    "files.getUploadURLExternal": frozenset({"filename", "length", "alt_txt", "snippet_type"}),
    "files.completeUploadExternal": frozenset(
        {"files", "channel_id", "channels", "initial_comment", "thread_ts", "blocks"}
    ),
}

# Methods that need one fixed scope (Slack's method reference); methods missing here and
# from `required_scopes`' special cases need none (views.*, auth.*, oauth.v2.access, …).
_SCOPE: dict[str, str] = {
    "team.info": "team:read",
    "users.info": "users:read",
    "users.list": "users:read",
    "usergroups.list": "usergroups:read",
    "usergroups.users.list": "usergroups:read",
    "chat.postMessage": "chat:write",
    "chat.postEphemeral": "chat:write",
    "chat.update": "chat:write",
    "chat.delete": "chat:write",
    "chat.scheduleMessage": "chat:write",
    "chat.deleteScheduledMessage": "chat:write",
    "chat.scheduledMessages.list": "chat:write",
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
}
# Methods whose scope depends on the kind of conversation: public, private, DM, group DM.
_BY_KIND: dict[str, dict[str, str]] = {
    "conversations.history": {
        "public": "channels:history",
        "private": "groups:history",
        "im": "im:history",
        "mpim": "mpim:history",
    },
    "conversations.replies": {
        "public": "channels:history",
        "private": "groups:history",
        "im": "im:history",
        "mpim": "mpim:history",
    },
    "conversations.info": {
        "public": "channels:read",
        "private": "groups:read",
        "im": "im:read",
        "mpim": "mpim:read",
    },
    "conversations.members": {
        "public": "channels:read",
        "private": "groups:read",
        "im": "im:read",
        "mpim": "mpim:read",
    },
}
NO_SCOPE_METHODS = frozenset(ARGUMENTS) - _SCOPE.keys() - _BY_KIND.keys() - {"conversations.open"}


@cache
def manifest_bot_scopes(path: Path = MANIFEST) -> frozenset[str]:
    """The bot scopes manifest.yml asks for."""
    manifest = yaml.safe_load(path.read_text())
    return frozenset(manifest["oauth_config"]["scopes"]["bot"])


def conversation_kind(channel: Mapping[str, Any]) -> str:
    """`public`, `private`, `im` or `mpim`, from a conversation object."""
    if channel.get("is_im"):
        return "im"
    if channel.get("is_mpim"):
        return "mpim"
    return "private" if channel.get("is_private") else "public"


def required_scopes(method: str, *, kind: str | None = None, users: int = 0) -> frozenset[str]:
    """The scopes of which a call needs one (empty: none needed).

    `kind` is the conversation's kind for methods that read one; `users` the number of
    people a `conversations.open` names (0 when it names a channel).
    """
    if method in _SCOPE:
        return frozenset({_SCOPE[method]})
    if method in _BY_KIND:
        by_kind = _BY_KIND[method]
        return frozenset({by_kind[kind]} if kind else by_kind.values())
    if method == "conversations.open":
        if users == 1 or kind == "im":
            return frozenset({"im:write"})
        if users > 1 or kind == "mpim":
            return frozenset({"mpim:write"})
        return frozenset({"im:write", "mpim:write"})
    return frozenset()


# Bolt's per-request WebClient sends the request's `team_id` with every call (org-wide
# apps must name the workspace); Slack takes it on any method.
EVERY_METHOD_ARGS = frozenset({"team_id"})


def unknown_arguments(method: str, params: Iterable[str]) -> list[str]:
    """The argument names `method` does not take (all of them for an unknown method)."""
    known = ARGUMENTS.get(method, frozenset())
    if known is None:
        return []
    return sorted(name for name in params if name not in known | EVERY_METHOD_ARGS)


# ---------------------------------------------------------------------- Block Kit


def block_errors(blocks: Any, *, limit: int, pointer: str = "/blocks") -> list[str]:
    """What Slack would object to in a list of blocks, as readable messages (none: valid)."""
    if not isinstance(blocks, list):
        return [f"must be a JSON array of blocks [json-pointer:{pointer}]"]
    errors = []
    if len(blocks) > limit:
        errors.append(f"no more than {limit} blocks, got {len(blocks)} [json-pointer:{pointer}]")
    for index, raw in enumerate(blocks):
        where = f"[json-pointer:{pointer}/{index}]"
        if not isinstance(raw, dict):
            errors.append(f"a block must be an object {where}")
            continue
        try:
            block = Block.parse(dict(raw))
            if block is None:
                errors.append(f"unknown block type {raw.get('type')!r} {where}")
                continue
            block.to_dict()  # runs slack_sdk's validators: lengths, counts, required fields
        except Exception as error:  # SlackObjectFormationError, or a malformed element
            errors.append(f"{error} {where}")
    return errors


def message_errors(params: Mapping[str, Any]) -> tuple[str, list[str]] | None:
    """`(error, messages)` Slack would answer for this message's text and blocks, or None."""
    text = params.get("text")
    if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        return "msg_too_long", [f"text is {len(text)} characters, the limit is 40,000"]
    blocks = params.get("blocks")
    if blocks in (None, "", []):
        return None
    if isinstance(blocks, str):  # still a string: it was not valid JSON
        return "invalid_blocks_format", ["blocks must be a JSON array"]
    errors = block_errors(blocks, limit=MAX_MESSAGE_BLOCKS)
    return ("invalid_blocks", errors) if errors else None


_VIEW_FIELDS = frozenset(
    {
        "type",
        "callback_id",
        "external_id",
        "title",
        "submit",
        "close",
        "blocks",
        "private_metadata",
        "clear_on_close",
        "notify_on_close",
        "submit_disabled",
    }
)


def view_errors(view: Any) -> list[str]:
    """What Slack would object to in a view (`views.open/push/update/publish`); none: valid.

    Slack answers these with `invalid_arguments` and the messages in `response_metadata`.
    """
    if not isinstance(view, dict):
        return ["view must be a JSON object [json-pointer:/view]"]
    errors = [
        f"unknown field {name!r} [json-pointer:/view/{name}]"
        for name in sorted(view.keys() - _VIEW_FIELDS)
    ]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        errors.append(f"type must be modal or home, got {kind!r} [json-pointer:/view/type]")
        return errors
    if kind == "modal" and not view.get("title"):
        errors.append("a modal needs a title [json-pointer:/view/title]")
    metadata = view.get("private_metadata") or ""
    if len(metadata) > MAX_PRIVATE_METADATA:
        errors.append(
            f"private_metadata is {len(metadata)} characters, the limit is 3,000 "
            "[json-pointer:/view/private_metadata]"
        )
    for name in ("callback_id", "external_id"):
        if len(view.get(name) or "") > MAX_ID_LENGTH:
            errors.append(f"{name} over 255 characters [json-pointer:/view/{name}]")
    blocks = view.get("blocks")
    errors += block_errors(blocks, limit=MAX_VIEW_BLOCKS, pointer="/view/blocks")
    if not errors:
        try:  # title, submit and close lengths
            View(**{k: v for k, v in view.items() if k != "submit_disabled"}).to_dict()
        except Exception as error:
            errors.append(f"{error} [json-pointer:/view]")
    return errors
