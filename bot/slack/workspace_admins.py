"""Who a workspace's admins are, from Slack's own owner/admin flags."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from slack_sdk import WebClient

PAGE_SIZE = 200


def admins_among(users: Iterable[Mapping[str, Any]]) -> list[str]:
    """Ids of the people (not bots, not deactivated) who own or administer the workspace."""
    return sorted(
        user["id"]
        for user in users
        if (user.get("is_admin") or user.get("is_owner"))
        and not user.get("is_bot")
        and not user.get("deleted")
        and user.get("id") != "USLACKBOT"
    )


def workspace_admins(client: WebClient) -> list[str]:
    """Every owner and admin, reading `users.list` page by page."""
    found: list[str] = []
    cursor: str | None = None
    while True:
        page = client.users_list(limit=PAGE_SIZE, cursor=cursor)
        found += admins_among(page.get("members") or [])
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return sorted(set(found))
