"""Reading people's Slack profiles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_sdk import WebClient

from bot.domain.people import SlackProfile


def profile_from_user(user: Mapping[str, Any]) -> SlackProfile:
    """Build a SlackProfile from a `users.info` / `user_change` user object."""
    profile = user.get("profile") or {}
    display_name = (
        profile.get("display_name")
        or profile.get("real_name")
        or user.get("real_name")
        or user.get("name")
        or user["id"]
    )
    return SlackProfile(
        user_id=user["id"],
        display_name=display_name,
        tz=user.get("tz"),
        tz_offset_seconds=int(user.get("tz_offset") or 0),
        is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
        deleted=bool(user.get("deleted")),
        is_admin=bool(user.get("is_admin")),
        is_owner=bool(user.get("is_owner")),
        status_text=str(profile.get("status_text") or ""),
        status_emoji=str(profile.get("status_emoji") or ""),
        status_expiration=_seconds(profile.get("status_expiration")),
    )


def _seconds(value: Any) -> int:
    """Slack's `status_expiration`: an int, sometimes a numeric string; anything else is none."""
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def fetch_profile(client: WebClient, user_id: str) -> SlackProfile:
    return profile_from_user(client.users_info(user=user_id)["user"])
