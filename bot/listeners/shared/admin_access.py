"""Who may use the admin features, checked afresh on every admin request.

Every admin entry point — command, button, modal submission, options request — comes
through `is_admin`: the person's Slack profile is read with `users.info` each time, so a
forged click from someone else, or an admin demoted in Slack a minute ago, gets nothing.
"""

from __future__ import annotations

from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.services.admins import is_program_admin, is_workspace_admin
from bot.services.round_approvals import keep_slack_admin_current
from bot.slack.users import fetch_profile


def is_admin(
    deps: Deps, client: WebClient, *, team_id: str, user_id: str, enterprise_id: str | None = None
) -> bool:
    if not team_id or not user_id:
        return False
    profile = fetch_profile(client, user_id)
    with transaction(deps.sessions) as session:
        allowed = is_program_admin(session, team_id, profile)
        keep_slack_admin_current(
            session,
            team_id=team_id,
            user_id=profile.user_id,
            slack_admin=is_workspace_admin(profile),
        )
        if allowed:
            # An admin may arrive before anyone used the app: the program starts here.
            ensure_workspace(session, team_id=team_id, enterprise_id=enterprise_id)
        return allowed
