"""An admin's program settings, their allowed ranges, and when the next round runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from bot.cycle.schedule import Cadence, Occurrence

# The ranges admins may choose from (the settings modal says so next to each field).
COOLDOWN_WEEKS = (0, 104)
TZ_GAP_HOURS = (0.0, 24.0)
NUDGE_AFTER = (1, 12)
CLOSE_AFTER = (1, 26)
TWO_WAY_WEIGHT = (0, 10)


@dataclass(frozen=True, slots=True)
class ProgramSettings:
    weekday: int  # 0 = Monday
    at: time
    timezone: str
    cadence: Cadence
    cooldown_weeks: int
    max_tz_gap_hours: float | None  # None: no limit
    nudge_after: int
    close_after: int
    two_way_weight: int  # 0: two-way pairs get no extra weight
    announce_channel: str | None
    announce_pairs: bool  # name who is paired with whom in the announcement
    approve_rounds: bool = False  # admins send each scheduled round themselves

    def timing(self) -> tuple[int, time, str, Cadence]:
        return (self.weekday, self.at, self.timezone, self.cadence)


@dataclass(frozen=True, slots=True)
class NextRound:
    period: str
    at: datetime  # UTC
    timezone: str
    cadence: Cadence
    due_now: bool  # its time has come; the next minute's tick runs it
    skipped: tuple[Occurrence, ...]  # earlier occurrences an admin skipped
    # No scheduled round runs until an admin finishes setup (saves settings, Start rounds).
    waiting_for_setup: bool = False
    # The round's draft is ready and waits for an admin's Send (approve before send).
    awaiting_approval: bool = False
