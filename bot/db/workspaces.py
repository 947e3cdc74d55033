"""A workspace's row, created the first time anything about it is stored."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.inserts import insert_if_absent
from bot.db.models import Workspace


def ensure_workspace(session: Session, *, team_id: str, enterprise_id: str | None) -> Workspace:
    """The workspace's row, created on first use (concurrent first uses share one row)."""
    workspace = session.scalar(select(Workspace).where(Workspace.team_id == team_id))
    if workspace is None:
        insert_if_absent(
            session,
            Workspace,
            {"team_id": team_id, "enterprise_id": enterprise_id},
            unique=["team_id"],
        )
        workspace = session.scalars(select(Workspace).where(Workspace.team_id == team_id)).one()
    if enterprise_id and workspace.enterprise_id != enterprise_id:
        workspace.enterprise_id = enterprise_id
    return workspace
