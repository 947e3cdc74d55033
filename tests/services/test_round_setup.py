"""When scheduled rounds may run: never before setup, from the first occurrence after it;
what App Home and the settings say meanwhile; a round waiting for approval."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import RoundApproval
from bot.db.workspaces import ensure_workspace
from bot.services.schedules import due_round, ensure_schedule
from bot.services.settings import current_settings, next_round, save_settings, start_rounds

MONDAY_8 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # the 09:00 London round is an hour away


def _schedule(session: Session):
    ensure_workspace(session, team_id="T1", enterprise_id=None)
    return ensure_schedule(session, "T1", MONDAY_8)


def test_no_round_is_due_before_setup(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        schedule = _schedule(session)
        later = MONDAY_8 + timedelta(hours=1, minutes=5)
        assert due_round(session, schedule, later) is None
        upcoming = next_round(session, schedule, later)
        assert upcoming.waiting_for_setup and not upcoming.due_now
        assert upcoming.period == "2026-W49"  # the first round after now, not today's


def test_start_rounds_counts_from_then_and_only_once(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        schedule = _schedule(session)
        ten = MONDAY_8 + timedelta(hours=2)
        assert start_rounds(session, schedule, ten)
        assert not start_rounds(session, schedule, ten + timedelta(minutes=1))
        assert schedule.setup_done_at == ten
        # Today's 09:00 passed before setup: it never runs; next week's does.
        assert due_round(session, schedule, ten + timedelta(minutes=1)) is None
        next_week = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
        assert due_round(session, schedule, next_week).key == "2026-W49"  # type: ignore[union-attr]
        assert not next_round(session, schedule, ten).waiting_for_setup


def test_saving_settings_finishes_setup_and_records_who_turned_approval_on(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        schedule = _schedule(session)
        wanted = current_settings(schedule)
        save_settings(session, schedule, wanted, MONDAY_8, by="UADMIN")
        assert schedule.setup_done_at == MONDAY_8 and not schedule.approve_rounds
        save_settings(session, schedule, replace(wanted, approve_rounds=True), MONDAY_8, by="UB")
        save_settings(session, schedule, replace(wanted, approve_rounds=True), MONDAY_8, by="UC")
        assert schedule.approve_rounds and schedule.approve_rounds_by == "UB"
        assert schedule.setup_done_at == MONDAY_8


def test_a_round_waiting_for_approval_is_the_next_round(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        schedule = _schedule(session)
        start_rounds(session, schedule, MONDAY_8)
        nine = MONDAY_8 + timedelta(hours=1)
        session.add(RoundApproval(team_id="T1", period="2026-W48", status="waiting",
                                  prepared_at=nine, admins="UADMIN", pairs=1, served=1,
                                  unserved=0))  # fmt: skip
        session.flush()
        upcoming = next_round(session, schedule, nine + timedelta(hours=5))
        assert (upcoming.period, upcoming.due_now, upcoming.awaiting_approval) == (
            "2026-W48",
            True,
            True,
        )
