"""Uninstalls, revoked tokens and deleted users: our data goes with them."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot.db.session import transaction
from bot.deps import Deps
from bot.services.lifecycle import deactivate_member, purge_workspace

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def purge(context: BoltContext, reason: str) -> None:
        team_id = context.team_id or ""
        with transaction(deps.sessions) as session:
            rows = purge_workspace(session, team_id)
        log.info(
            "workspace data deleted", extra={"team_id": team_id, "reason": reason, "rows": rows}
        )

    @app.event("app_uninstalled")
    def on_uninstalled(context: BoltContext) -> None:
        purge(context, "app_uninstalled")

    @app.event("tokens_revoked")
    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        # We only ever hold bot tokens; revoking user tokens alone changes nothing for us.
        if (event.get("tokens") or {}).get("bot"):
            purge(context, "tokens_revoked")

    @app.event("user_change")
    def on_user_change(event: dict[str, Any], context: BoltContext) -> None:
        user = event.get("user") or {}
        if user.get("deleted"):
            with transaction(deps.sessions) as session:
                deactivate_member(session, context.team_id or "", user.get("id", ""))
