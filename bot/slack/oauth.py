"""Many workspaces: Bolt's OAuth flow on slack_sdk's SQLAlchemy stores in our database.

The stores' tables are created by our migrations (bot/db/models/slack_stores.py), never
by `create_tables()`. Stored tokens are encrypted when MENTORBOT_TOKEN_KEY is set.
"""

from __future__ import annotations

import copy
import functools
import logging
from collections.abc import Mapping
from typing import Any

from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.core.deps import Deps
from bot.core.token_crypto import TokenCipher
from bot.db.models.slack_stores import TOKEN_COLUMNS
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.slack import oauth_pages

log = logging.getLogger(__name__)

# The bot scopes of manifest.yml (a test keeps the two equal): an install asks for exactly
# what a manifest-created app has, no more.
BOT_SCOPES = (
    "commands",
    "users:read",
    "usergroups:read",
    "chat:write",
    "im:write",
    "mpim:write",
    "files:write",
    "im:history",
    "mpim:history",
    "channels:history",
    "groups:history",
)
# An install link is good for ten minutes.
STATE_EXPIRATION_SECONDS = 600
# Tokens are refreshed when they have less than this left (Slack issues 12-hour tokens).
TOKEN_ROTATION_MINUTES_BEFORE_EXPIRY = 120


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's SQLAlchemy store, with tokens encrypted on save and decrypted on read."""

    def __init__(self, *, client_id: str, engine: Engine, cipher: TokenCipher) -> None:
        super().__init__(client_id=client_id, engine=engine)
        self.cipher = cipher

    def _sealed(self, record: Any) -> Any:
        sealed = copy.copy(record)
        for name in TOKEN_COLUMNS:
            if hasattr(sealed, name):
                setattr(sealed, name, self.cipher.encrypt(getattr(sealed, name)))
        return sealed

    def _opened(self, row: Mapping[str, Any]) -> dict[str, Any]:
        opened = dict(row)
        for name in TOKEN_COLUMNS:
            if name in opened:
                opened[name] = self.cipher.decrypt(opened[name])
        return opened

    def save(self, installation: Installation) -> None:
        # The parent saves the bot part through self.save_bot, which encrypts it again:
        # hand it the plaintext bot by saving the sealed installation row ourselves.
        sealed = self._sealed(installation)
        sealed.to_bot = installation.to_bot
        super().save(sealed)

    def save_bot(self, bot: Bot) -> None:
        super().save_bot(self._sealed(bot))

    # slack_sdk declares these two as classmethods, but only this store's instance has the
    # cipher that opens the row; the store calls them on `self`, so the override works.
    def build_installation_entity(self, row: Mapping[str, Any]) -> Installation:  # type: ignore[override]
        return super().build_installation_entity(self._opened(row))

    def build_bot_entity(self, row: Mapping[str, Any]) -> Bot:  # type: ignore[override]
        return super().build_bot_entity(self._opened(row))


@functools.cache
def _store(client_id: str, engine: Engine, keys: str | None) -> EncryptedInstallationStore:
    return EncryptedInstallationStore(client_id=client_id, engine=engine, cipher=TokenCipher(keys))


def installation_store(deps: Deps) -> EncryptedInstallationStore:
    """The installation store of this deployment (one per client id, engine and key)."""
    settings = deps.settings
    if settings.slack_client_id is None:
        raise RuntimeError("OAuth is not configured (SLACK_CLIENT_ID is not set)")
    key = settings.mentorbot_token_key
    return _store(
        settings.slack_client_id, deps.engine, key.get_secret_value() if key is not None else None
    )


def _client_secret(deps: Deps) -> str:
    secret = deps.settings.slack_client_secret
    if secret is None:
        raise RuntimeError("OAuth is not configured (SLACK_CLIENT_SECRET is not set)")
    return secret.get_secret_value()


def token_rotator(deps: Deps, client: WebClient) -> TokenRotator:
    """Refreshes expiring tokens through `client`, so the refresh goes to our API URL."""
    return TokenRotator(
        client_id=deps.settings.slack_client_id or "",
        client_secret=_client_secret(deps),
        client=client,
    )


class MentorbotOAuthFlow(OAuthFlow):
    """Bolt's flow, with our own install page."""

    def build_install_page_html(self, url: str, request: BoltRequest) -> str:
        return oauth_pages.install_page(url)


def _callbacks(deps: Deps, settings: OAuthSettings) -> CallbackOptions:
    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        if installation.team_id is not None:
            with transaction(deps.sessions) as session:
                workspace = ensure_workspace(
                    session, team_id=installation.team_id, enterprise_id=installation.enterprise_id
                )
                workspace.name = installation.team_name or workspace.name
        log.info(
            "installed",
            extra={"team_id": installation.team_id, "enterprise_id": installation.enterprise_id},
        )
        return BoltResponse(
            status=200,
            body=oauth_pages.success_page(app_id=installation.app_id, team_id=installation.team_id),
            headers={
                "Content-Type": "text/html; charset=utf-8",
                "Set-Cookie": settings.state_utils.build_set_cookie_for_deletion(),
            },
        )

    def failure(args: FailureArgs) -> BoltResponse:
        log.warning("installation failed", extra={"reason": args.reason})
        return BoltResponse(
            status=args.suggested_status_code,
            body=oauth_pages.failure_page(settings.install_path),
            headers={
                "Content-Type": "text/html; charset=utf-8",
                "Set-Cookie": settings.state_utils.build_set_cookie_for_deletion(),
            },
        )

    return CallbackOptions(success=success, failure=failure)


def oauth_flow(deps: Deps, client: WebClient) -> MentorbotOAuthFlow:
    """Install and redirect handling, state checks, and per-workspace token lookup."""
    settings = deps.settings
    store = installation_store(deps)
    oauth_settings = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=_client_secret(deps),
        scopes=list(BOT_SCOPES),
        user_scopes=[],
        redirect_uri=settings.slack_redirect_uri,
        installation_store=store,
        # We ask for no user scopes, so the bot row is all there is to find.
        installation_store_bot_only=True,
        token_rotation_expiration_minutes=TOKEN_ROTATION_MINUTES_BEFORE_EXPIRY,
        state_store=SQLAlchemyOAuthStateStore(
            expiration_seconds=STATE_EXPIRATION_SECONDS, engine=deps.engine
        ),
        state_expiration_seconds=STATE_EXPIRATION_SECONDS,
    )
    # Bolt's default authorize refreshes tokens with a client pointed at Slack's public
    # URL; ours carries SLACK_API_URL (GovSlack, tests) like every other call.
    oauth_settings.authorize = InstallationStoreAuthorize(
        logger=logging.getLogger("slack_bolt.authorize"),
        installation_store=store,
        client_id=settings.slack_client_id,
        client_secret=_client_secret(deps),
        token_rotation_expiration_minutes=TOKEN_ROTATION_MINUTES_BEFORE_EXPIRY,
        bot_only=True,
        client=client,
    )
    oauth_settings.callback_options = _callbacks(deps, oauth_settings)
    return MentorbotOAuthFlow(client=client, settings=oauth_settings)
