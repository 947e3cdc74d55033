"""Finding people by the name an admin typed after `@`, among everyone in the workspace.

Slack escapes a mention picked while typing into `<@U123|name>`, which carries the id.
A plain `@name` arrives when the command's text is not escaped (an install made from an
older manifest) or when the person typed the name without picking it: then the only way
is to compare it with everyone's names in `users.list` (Tier 2, about 20 pages a minute;
admin commands are rare). People who never used the app are found too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from slack_sdk import WebClient

from bot.slack.workspace_admins import PAGE_SIZE

# The names Slack shows for a person, any of which someone may type after `@`.
_NAME_FIELDS = ("display_name", "display_name_normalized", "real_name", "real_name_normalized")


def _folded(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def names_of(user: Mapping[str, Any]) -> set[str]:
    profile = user.get("profile") or {}
    names = {user.get("name") or "", user.get("real_name") or ""}
    names |= {profile.get(field) or "" for field in _NAME_FIELDS}
    return {_folded(name) for name in names if name.strip()}


def people_named(
    users: Iterable[Mapping[str, Any]], name: str, *, deactivated: bool = False
) -> list[str]:
    """Ids of the people (not bots; deactivated accounts only if asked) whose handle,
    display name or full name is `name`, ignoring case and spacing."""
    wanted = _folded(name)
    return sorted(
        user["id"]
        for user in users
        if not user.get("is_bot")
        and (deactivated or not user.get("deleted"))
        and user.get("id") != "USLACKBOT"
        and wanted in names_of(user)
    )


def find_people_named(client: WebClient, name: str, *, deactivated: bool = False) -> list[str]:
    """Everyone in the workspace called `name`: none, one, or several to choose from.
    `deactivated`: count deactivated accounts too (to take a role back from someone gone)."""
    found: list[str] = []
    cursor: str | None = None
    while True:
        page = client.users_list(limit=PAGE_SIZE, cursor=cursor)
        found += people_named(page.get("members") or [], name, deactivated=deactivated)
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return sorted(set(found))
