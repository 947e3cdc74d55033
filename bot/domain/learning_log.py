"""A pair's learning log as services hand it to the ui builders (plain data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ActionItem:
    """An open action item from a logged session, as a check-in brings it up."""

    entry_id: int
    text: str
    owner: str | None  # the owner's Slack id


@dataclass(frozen=True, slots=True)
class LearnedLine:
    """What one person wrote they learned: their name (for files) and Slack id."""

    name: str
    user_id: str
    learned: str


@dataclass(frozen=True, slots=True)
class LoggedSession:
    """One entry of a person's own log, across their pairings."""

    entry_id: int
    logged_at: datetime
    skills: str
    partner_name: str
    partner_id: str
    covered: str
    learned: tuple[LearnedLine, ...]
    action_item: str | None
    action_owner_name: str | None
    action_owner_id: str | None
    action_done: bool
