"""A scheduled round waiting for an admin's Send, and what a Send came to (pure data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.round_preview import RoundOutcome


@dataclass(frozen=True, slots=True)
class ApprovalDraft:
    """What the admins are asked to approve: counts only, never who asked for what."""

    period: str
    at: datetime  # when the round fell due (UTC)
    timezone: str
    pairs: int
    served: int  # requests served, by pairs and in circles
    unserved: int
    circles: int = 0  # circles and peer circles
    # The earlier round still waiting when this one came, which this one replaces.
    replaces: datetime | None = None
    # The program whose round it is (its name); None for the workspace's everyday round.
    program: str | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    outcome: RoundOutcome
    by: str  # Slack user id of the admin who sent it
    at: datetime


@dataclass(frozen=True, slots=True)
class AlreadySent:
    """Another admin (or a double click) sent it first; None `by` when it ran by Run now."""

    by: str | None
    at: datetime | None


@dataclass(frozen=True, slots=True)
class NoLongerWaiting:
    """The draft was replaced by the next round, or there is no round waiting at all, or
    (for a program's round) the program has ended."""

    period: str
    program: str | None = None  # the program's name, when it was a program's round


SendResult = Sent | AlreadySent | NoLongerWaiting
