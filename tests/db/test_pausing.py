"""Pauses in the database: the eligibility clause the round reads, and the bulk job."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.db.models import Member, Workspace
from bot.db.session import transaction
from bot.jobs.tick import tick
from bot.services.pausing import is_paused, paused_now_clause, resume_expired_pauses

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

STATES = {
    "UACTIVE": (False, None),
    "UFOREVER": (True, None),
    "USOON": (True, NOW + timedelta(days=1)),
    "UENDED": (True, NOW - timedelta(days=1)),
    "UJUSTNOW": (True, NOW),
}


def seed(sessions, team_id="T1"):
    with transaction(sessions) as session:
        session.add(Workspace(team_id=team_id))
        session.flush()
        for user_id, (paused, until) in STATES.items():
            session.add(
                Member(team_id=team_id, slack_user_id=user_id, paused=paused, paused_until=until)
            )


def paused_ids(sessions, now):
    with sessions() as session:
        return set(session.scalars(select(Member.slack_user_id).where(paused_now_clause(now))))


def test_the_sql_clause_agrees_with_the_pure_rule(sessions):
    seed(sessions)
    for now in (NOW - timedelta(days=2), NOW, NOW + timedelta(days=2)):
        expected = {u for u, (p, until) in STATES.items() if is_paused(p, until, now)}
        assert paused_ids(sessions, now) == expected


def test_resume_expired_pauses_ends_only_pauses_that_ran_out(sessions):
    seed(sessions)
    seed(sessions, team_id="T2")
    with transaction(sessions) as session:
        assert resume_expired_pauses(session, NOW) == 4  # UENDED and UJUSTNOW, in both teams
    with sessions() as session:
        rows = {
            (m.team_id, m.slack_user_id): (m.paused, m.paused_until)
            for m in session.scalars(select(Member))
        }
    for team_id in ("T1", "T2"):
        assert rows[(team_id, "UENDED")] == (False, None)
        assert rows[(team_id, "UJUSTNOW")] == (False, None)
        assert rows[(team_id, "UFOREVER")] == (True, None)
        assert rows[(team_id, "USOON")] == (True, NOW + timedelta(days=1))
    with transaction(sessions) as session:
        assert resume_expired_pauses(session, NOW) == 0, "running it again changes nothing"


def test_the_minute_tick_ends_pauses_whose_time_is_up(deps):
    with transaction(deps.sessions) as session:
        session.add(Workspace(team_id="T1"))
        session.flush()
        later = NOW + timedelta(weeks=1)
        for user_id, until in (("ULAPSED", NOW - timedelta(minutes=1)), ("ULATER", later)):
            session.add(
                Member(team_id="T1", slack_user_id=user_id, paused=True, paused_until=until)
            )
    deps.clock.now = NOW
    tick(deps)
    with deps.sessions() as session:
        paused = dict(session.execute(select(Member.slack_user_id, Member.paused)).all())
    assert paused == {"ULAPSED": False, "ULATER": True}
