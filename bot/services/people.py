"""Workspaces and members: created on first use, refreshed from Slack's profile."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.inserts import insert_if_absent
from bot.db.models import Member, Workspace


@dataclass(frozen=True, slots=True)
class SlackProfile:
    """What we keep from `users.info` (the adapter in bot.slack.users builds it)."""

    user_id: str
    display_name: str
    tz: str | None
    tz_offset_seconds: int
    is_bot: bool = False
    deleted: bool = False
    is_admin: bool = False
    is_owner: bool = False


class NotAllowed(Exception):
    """The person can't use the app; the message is safe to show them."""


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


def find_member(session: Session, *, team_id: str, user_id: str) -> Member | None:
    return session.scalar(
        select(Member).where(Member.team_id == team_id, Member.slack_user_id == user_id)
    )


def create_member(
    session: Session, *, team_id: str, enterprise_id: str | None, profile: SlackProfile
) -> Member:
    """Add a member from their Slack profile; bots and deleted users are refused.

    Two first commands from one person may arrive together: both end up with the one row.
    """
    if profile.is_bot:
        raise NotAllowed("Bots can't take part in mentoring — only people can.")
    if profile.deleted:
        raise NotAllowed("This account is deactivated, so it can't take part in mentoring.")
    ensure_workspace(session, team_id=team_id, enterprise_id=enterprise_id)
    insert_if_absent(
        session,
        Member,
        {
            "team_id": team_id,
            "enterprise_id": enterprise_id,
            "slack_user_id": profile.user_id,
            "display_name": profile.display_name,
            "tz": profile.tz,
            "tz_offset_seconds": profile.tz_offset_seconds,
        },
        unique=["team_id", "slack_user_id"],
    )
    member = session.scalars(
        select(Member).where(Member.team_id == team_id, Member.slack_user_id == profile.user_id)
    ).one()
    return member


def require_active(member: Member) -> Member:
    if not member.active:
        raise NotAllowed("This account is deactivated, so it can't take part in mentoring.")
    return member


def refresh_member(session: Session, team_id: str, profile: SlackProfile) -> bool:
    """Keep a member's name and time zone as Slack has them now (from `user_change`).

    Returns False when we don't know the person: nothing is stored for people who never
    used the app.
    """
    member = find_member(session, team_id=team_id, user_id=profile.user_id)
    if member is None or not member.active:
        return False
    member.display_name = profile.display_name
    member.tz = profile.tz
    member.tz_offset_seconds = profile.tz_offset_seconds
    return True
