"""Uninstalls, revoked tokens and deleted users: our data goes with them.

`app_uninstalled` and `tokens_revoked` can arrive in either order, both, or again (Slack
retries); each purge deletes whatever is left, so any sequence ends in the same state.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.db.session import transaction
from bot.listeners.events.home import publish_home
from bot.listeners.shared.app_scope import deps_of
from bot.services.away import note_status_of
from bot.services.leavers import handle_deleted_user
from bot.services.people import refresh_member
from bot.services.uninstall import forget_user_tokens, purge_workspace
from bot.slack.users import profile_from_user

log = logging.getLogger(__name__)


def _purge(context: BoltContext, reason: str) -> None:
    team_id = context.team_id or ""
    with transaction(deps_of(context).sessions) as session:
        rows = purge_workspace(
            session,
            team_id,
            enterprise_id=context.enterprise_id,
            enterprise_install=bool(context.is_enterprise_install),
        )
    log.info("workspace data deleted", extra={"team_id": team_id, "reason": reason, "rows": rows})


def on_uninstalled(context: BoltContext) -> None:
    _purge(context, "app_uninstalled")


def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
    tokens = event.get("tokens") or {}
    if tokens.get("bot"):
        # Without its bot token the app can do nothing in the workspace: all goes.
        _purge(context, "tokens_revoked")
        return
    revoked_users = [str(user) for user in tokens.get("oauth") or []]
    with transaction(deps_of(context).sessions) as session:
        forget_user_tokens(session, context.team_id or "", revoked_users)


def on_user_change(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    deps = deps_of(context)
    user = event.get("user") or {}
    user_id = str(user.get("id") or "")
    if not user_id:
        return
    team_id = context.team_id or ""
    if not user.get("deleted"):
        # A new name or time zone: messages and forms use the one people see now.
        if user.get("profile"):
            profile = profile_from_user(user)
            with transaction(deps.sessions) as session:
                refresh_member(session, team_id, profile)
                # A status saying "away" keeps the person out of rounds and check-ins.
                note_status_of(session, team_id=team_id, profile=profile, now=deps.clock())
        return
    with transaction(deps.sessions) as session:
        outcome = handle_deleted_user(session, team_id=team_id, user_id=user_id, now=deps.clock())
    if outcome.known:
        log.info("member deactivated", extra={"team_id": team_id, "user_id": user_id})
    # The people who stay see their request back in the queue on their Home tab.
    for partner in sorted({pairing.partner for pairing in outcome.ended}):
        publish_home(deps, client, team_id=team_id, user_id=partner)


def register(app: App) -> None:
    app.event("app_uninstalled")(on_uninstalled)
    app.event("tokens_revoked")(on_tokens_revoked)
    app.event("user_change")(on_user_change)
