"""Transactions that lose a race to a concurrent one are run again, and only those."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.db.models import Member, Workspace
from bot.db.session import retry_on_conflict, transaction
from bot.db.workspaces import ensure_workspace
from bot.domain.people import SlackProfile
from bot.services.people import create_member


def test_a_duplicate_key_runs_the_transaction_again(sessions):
    attempts = []

    def work() -> int:
        attempts.append(1)
        with transaction(sessions) as session:
            if len(attempts) == 1:
                # What a request that lost the race sees: the row appeared under its feet.
                session.add(Workspace(team_id="T1"))
                session.flush()
                session.add(Workspace(team_id="T1"))
                session.flush()
            return ensure_workspace(session, team_id="T1", enterprise_id=None).id

    assert retry_on_conflict(work) > 0
    assert len(attempts) == 2
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Workspace)) == 1


def test_other_failures_are_not_retried(sessions):
    attempts = []

    def work() -> None:
        attempts.append(1)
        with transaction(sessions) as session:
            session.add(Member(team_id="T-missing", slack_user_id="U1"))  # no such workspace
            session.flush()

    with pytest.raises(IntegrityError):
        retry_on_conflict(work)
    assert len(attempts) == 1


def test_creating_a_member_twice_returns_the_one_row(sessions):
    profile = SlackProfile("U1", "Ada", "Europe/London", 0)
    with transaction(sessions) as session:
        first = create_member(session, team_id="T1", enterprise_id="E1", profile=profile)
    with transaction(sessions) as session:
        second = create_member(session, team_id="T1", enterprise_id="E1", profile=profile)
        assert session.scalars(select(Workspace.enterprise_id)).all() == ["E1"]
    assert first.id == second.id
