"""What the admin part of App Home shows: program health, the next round, programs' rounds
waiting for approval, a failed announcement."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.program_health import ProgramHealth
from bot.domain.program_settings import NextRound
from bot.domain.round_approval import ApprovalDraft


@dataclass(frozen=True, slots=True)
class FailedAnnouncement:
    """The latest round announcement Slack refused: where it was to go, and Slack's error."""

    channel: str
    error: str


@dataclass(frozen=True, slots=True)
class AdminDashboard:
    health: ProgramHealth
    upcoming: NextRound
    failed_announcement: FailedAnnouncement | None = None
    # Programs' rounds prepared and waiting for an admin's Send, oldest first.
    program_rounds: tuple[ApprovalDraft, ...] = ()
