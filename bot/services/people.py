"""Workspaces and members: created on first use, refreshed from Slack's profile."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.inserts import insert_if_absent
from bot.db.models import Member
from bot.db.workspaces import ensure_workspace
from bot.domain.people import SlackProfile


class NotAllowed(Exception):
    """The person can't use the app; the message is safe to show them."""


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
