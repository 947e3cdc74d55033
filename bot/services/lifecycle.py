"""Data lifecycle: a workspace leaving, a person leaving Slack."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bot.db.models import Base, Member


def purge_workspace(session: Session, team_id: str) -> int:
    """Delete every row of ours that belongs to the workspace; returns rows deleted.

    Walks all tables with a `team_id` column, children first, so a table added later is
    covered without touching this function.
    """
    deleted = 0
    for table in reversed(Base.metadata.sorted_tables):
        if "team_id" in table.c:
            result = session.execute(delete(table).where(table.c.team_id == team_id))
            deleted += result.rowcount or 0
    return deleted


def deactivate_member(session: Session, team_id: str, user_id: str) -> bool:
    """Take a deleted Slack user out of matching; True if we knew them."""
    result = session.execute(
        update(Member)
        .where(Member.team_id == team_id, Member.slack_user_id == user_id)
        .values(active=False)
    )
    return bool(result.rowcount)
