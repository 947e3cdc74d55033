"""What an admin's App Home shows about the program: its health and the next round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.services.admin_stats import ProgramHealth, program_health
from bot.services.schedules import ensure_schedule
from bot.services.settings import NextRound, next_round


@dataclass(frozen=True, slots=True)
class AdminDashboard:
    health: ProgramHealth
    upcoming: NextRound


def admin_dashboard(session: Session, team_id: str, now: datetime) -> AdminDashboard:
    schedule = ensure_schedule(session, team_id, now)
    return AdminDashboard(
        health=program_health(session, team_id, now=now, timezone=schedule.timezone),
        upcoming=next_round(session, schedule, now),
    )
