"""Which round announcement an admin is warned about: the latest one, if Slack refused it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.db.models import OutboxMessage
from bot.db.models.outbox import OutboxStatus
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.delivery.outbox import enqueue
from bot.domain.admin_home import FailedAnnouncement
from bot.services.admin_home import failed_announcement

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def announce(session, key: str, status: OutboxStatus, error: str | None = None) -> None:
    enqueue(
        session,
        team_id="T1",
        key=key,
        kind="announcement",
        text="This week's round",
        not_before=NOW,
        channel="CANNOUNCE",
    )
    session.flush()
    row = session.query(OutboxMessage).filter_by(idempotency_key=key).one()
    row.status, row.last_error = status, error


def test_only_the_latest_delivered_or_refused_announcement_counts(sessions):
    with transaction(sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        assert failed_announcement(session, "T1") is None
        announce(session, "round=1:announcement", OutboxStatus.FAILED, "not_in_channel")
        assert failed_announcement(session, "T1") == FailedAnnouncement(
            "CANNOUNCE", "not_in_channel"
        )
        announce(session, "round=2:announcement", OutboxStatus.PENDING)
        assert failed_announcement(session, "T1") is not None, "still waiting: not news yet"
        announce(session, "round=3:announcement", OutboxStatus.SENT)
        assert failed_announcement(session, "T1") is None, "a later one went out"
        assert failed_announcement(session, "T2") is None
