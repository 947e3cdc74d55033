"""What an admin's App Home shows about the program: its health and the next round."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import OutboxMessage
from bot.db.models.outbox import OutboxStatus
from bot.domain.admin_home import AdminDashboard, FailedAnnouncement
from bot.services.admin_stats import program_health
from bot.services.round_approvals import waiting_program_rounds
from bot.services.schedules import ensure_schedule
from bot.services.settings import next_round


def failed_announcement(session: Session, team_id: str) -> FailedAnnouncement | None:
    """The latest announcement, if Slack refused it (bot not in the channel, channel gone…);
    a later one that went out clears it."""
    latest = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.team_id == team_id, OutboxMessage.kind == "announcement")
        .where(OutboxMessage.status.in_([OutboxStatus.SENT, OutboxStatus.FAILED]))
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    ).first()
    if latest is None or latest.status != OutboxStatus.FAILED or latest.channel is None:
        return None
    return FailedAnnouncement(channel=latest.channel, error=latest.last_error or "unknown")


def admin_dashboard(session: Session, team_id: str, now: datetime) -> AdminDashboard:
    schedule = ensure_schedule(session, team_id, now)
    return AdminDashboard(
        health=program_health(session, team_id, now=now, timezone=schedule.timezone),
        upcoming=next_round(session, schedule, now),
        failed_announcement=failed_announcement(session, team_id),
        program_rounds=waiting_program_rounds(session, schedule),
    )
