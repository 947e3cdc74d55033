"""Finding the member behind a request, creating them from Slack's profile on first use."""

from __future__ import annotations

from slack_bolt import BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.db.models import Member
from bot.listeners.shared.app_scope import deps_of
from bot.services.away import note_status
from bot.services.people import create_member, find_member, require_active
from bot.slack.users import fetch_profile


def current_member(session: Session, context: BoltContext, client: WebClient) -> Member:
    """The member who sent this request; raises NotAllowed for bots and deactivated users.

    `users.info` is called only the first time we see someone: it is the one Slack call a
    listener makes before answering, and it is a fast Tier 4 method.
    """
    team_id = context.team_id or ""
    user_id = context.user_id or ""
    member = find_member(session, team_id=team_id, user_id=user_id)
    if member is None:
        profile = fetch_profile(client, user_id)
        member = create_member(
            session, team_id=team_id, enterprise_id=context.enterprise_id, profile=profile
        )
        note_status(session, member, profile, deps_of(context).clock())
    return require_active(member)
