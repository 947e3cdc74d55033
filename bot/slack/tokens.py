"""Which bot token to use for a workspace, outside a Slack request (jobs, the sender)."""

from __future__ import annotations

from bot.deps import Deps


def bot_token_for(deps: Deps, team_id: str, enterprise_id: str | None = None) -> str | None:
    """The workspace's bot token, or None when we hold none (uninstalled, revoked).

    Single-workspace mode has one token for everything.
    """
    token = deps.settings.slack_bot_token
    return token.get_secret_value() if token is not None else None
