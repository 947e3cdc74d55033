"""Which bot token to use for a workspace, outside a Slack request (jobs, the sender)."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store.models.bot import Bot
from sqlalchemy import select

from bot.core.deps import Deps
from bot.db.models import Workspace
from bot.slack.client import api_base_url
from bot.slack.oauth import (
    TOKEN_ROTATION_MINUTES_BEFORE_EXPIRY,
    installation_store,
    token_rotator,
)

log = logging.getLogger(__name__)


def bot_token_for(deps: Deps, *, team_id: str, enterprise_id: str | None = None) -> str | None:
    """The workspace's bot token, or None when we hold none (uninstalled, revoked).

    Single-workspace mode has one token for everything. With OAuth, the token comes from
    the installation store, refreshed first when token rotation says it is about to
    expire (the refreshed token is stored, as a request would have done).
    """
    settings = deps.settings
    if not settings.oauth_enabled:
        token = settings.slack_bot_token
        return token.get_secret_value() if token is not None else None
    bot = _find_bot(deps, team_id, enterprise_id)
    if bot is None:
        return None
    if bot.bot_refresh_token:
        return _fresh_token(deps, bot)
    return bot.bot_token


def _find_bot(deps: Deps, team_id: str, enterprise_id: str | None) -> Bot | None:
    store = installation_store(deps)
    if enterprise_id is None:
        # Jobs know the team; an Enterprise Grid workspace is stored under its org too.
        with deps.sessions() as session:
            enterprise_id = session.scalar(
                select(Workspace.enterprise_id).where(Workspace.team_id == team_id)
            )
    bot = store.find_bot(enterprise_id=enterprise_id, team_id=team_id)
    if bot is None and enterprise_id is not None:
        # Installed for the whole org: one bot, stored without a team.
        bot = store.find_bot(enterprise_id=enterprise_id, team_id=None, is_enterprise_install=True)
    return bot


def _fresh_token(deps: Deps, bot: Bot) -> str | None:
    client = WebClient(base_url=api_base_url(deps.settings), timeout=10)
    try:
        refreshed = token_rotator(deps, client).perform_bot_token_rotation(
            bot=bot, minutes_before_expiration=TOKEN_ROTATION_MINUTES_BEFORE_EXPIRY
        )
    except SlackTokenRotationError as failure:
        # Keep the current token: a call with it fails and is retried later, whereas
        # "no token" would make the caller give up on the workspace.
        log.warning(
            "token refresh failed",
            extra={"team_id": bot.team_id, "reason": failure.api_error.response.get("error")},
        )
        return bot.bot_token
    if refreshed is None:
        return bot.bot_token
    installation_store(deps).save_bot(refreshed)
    log.info("bot token refreshed", extra={"team_id": bot.team_id})
    return refreshed.bot_token
