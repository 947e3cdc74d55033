"""Who may run the program: workspace owners and admins, plus people named in the app."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import ProgramAdmin
from bot.db.session import rowcount
from bot.db.workspaces import ensure_workspace
from bot.domain.people import SlackProfile


def is_workspace_admin(profile: SlackProfile) -> bool:
    """Slack's own owners and admins always run the program; bots and the deleted never."""
    return (profile.is_admin or profile.is_owner) and not (profile.is_bot or profile.deleted)


def is_named_admin(session: Session, *, team_id: str, user_id: str) -> bool:
    return (
        session.scalar(
            select(ProgramAdmin.id).where(
                ProgramAdmin.team_id == team_id, ProgramAdmin.slack_user_id == user_id
            )
        )
        is not None
    )


def is_program_admin(session: Session, team_id: str, profile: SlackProfile) -> bool:
    """True for a workspace owner/admin or someone an admin named; checked on every use.

    The Slack profile is read fresh each time, so a demoted admin loses access at once.
    """
    if profile.is_bot or profile.deleted:
        return False
    return is_workspace_admin(profile) or is_named_admin(
        session, team_id=team_id, user_id=profile.user_id
    )


def add_admin(session: Session, *, team_id: str, user_id: str, added_by: str) -> bool:
    """Name `user_id` a program admin; False if they already were."""
    if is_named_admin(session, team_id=team_id, user_id=user_id):
        return False
    ensure_workspace(session, team_id=team_id, enterprise_id=None)
    session.add(ProgramAdmin(team_id=team_id, slack_user_id=user_id, added_by=added_by))
    session.flush()
    return True


def remove_admin(session: Session, *, team_id: str, user_id: str) -> bool:
    """Take back a name given in the app; False if there was none."""
    result = session.execute(
        delete(ProgramAdmin).where(
            ProgramAdmin.team_id == team_id, ProgramAdmin.slack_user_id == user_id
        )
    )
    return bool(rowcount(result))


def named_admins(session: Session, team_id: str) -> list[str]:
    return list(
        session.scalars(
            select(ProgramAdmin.slack_user_id)
            .where(ProgramAdmin.team_id == team_id)
            .order_by(ProgramAdmin.created_at, ProgramAdmin.id)
        )
    )
