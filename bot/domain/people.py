"""A Slack member's profile as the app reads it from Slack."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SlackProfile:
    """What we keep from `users.info` (the adapter in bot.slack.users builds it)."""

    user_id: str
    display_name: str
    tz: str | None
    tz_offset_seconds: int
    is_bot: bool = False
    deleted: bool = False
    is_admin: bool = False
    is_owner: bool = False
    # The status, read only to tell whether the person is away (bot.cycle.away).
    status_text: str = ""
    status_emoji: str = ""
    status_expiration: int = 0  # Unix seconds; 0 when the status doesn't expire
