"""Workspaces installed before rounds waited for setup count as set up once migrated: their
rounds go on as before. Going down and up again keeps it so."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import column, insert, select, table
from sqlalchemy.orm import sessionmaker

from bot.db import migrate
from bot.db.models import Schedule, Workspace
from bot.db.session import make_engine, transaction

BEFORE = "0022"
MADE = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)

# The schedules table as it is at BEFORE (later columns don't exist yet).
OLD_SCHEDULES = table(
    "schedules",
    column("team_id"),
    column("weekday"),
    column("hour"),
    column("minute"),
    column("timezone"),
    column("cadence"),
    column("anchor_on"),
    column("cooldown_weeks"),
    column("nudge_after"),
    column("close_after"),
    column("created_at"),
    column("updated_at"),
)


def test_existing_schedules_are_set_up_from_when_they_were_made(new_database_url):
    engine = make_engine(new_database_url())
    sessions = sessionmaker(engine, expire_on_commit=False)
    try:
        migrate.upgrade(engine, BEFORE)
        with transaction(sessions) as session:
            session.add(Workspace(team_id="T1"))
            session.flush()
            session.execute(
                insert(OLD_SCHEDULES).values(
                    team_id="T1", weekday=0, hour=9, minute=0, timezone="UTC", cadence="weekly",
                    anchor_on=MADE.date(), cooldown_weeks=26, nudge_after=2, close_after=4,
                    created_at=MADE, updated_at=MADE,
                )
            )  # fmt: skip
        migrate.upgrade(engine)
        with sessions() as session:
            schedule = session.scalars(select(Schedule)).one()
            assert schedule.setup_done_at == MADE
            assert (schedule.approve_rounds, schedule.approve_rounds_by) == (False, None)
        migrate.downgrade(engine, BEFORE)
        migrate.upgrade(engine)
    finally:
        engine.dispose()
