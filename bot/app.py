"""The Bolt app, built by a factory from settings and dependencies (nothing at import)."""

from __future__ import annotations

from pydantic import SecretStr
from slack_bolt import App

from bot.core.deps import Deps
from bot.core.listener_pool import ListenerPool
from bot.listeners import register_listeners
from bot.listeners.middleware import register_middleware
from bot.slack.client import interactive_client
from bot.slack.oauth import oauth_flow

NOT_INSTALLED_MESSAGE = (
    ":wave: mentorbot isn't installed in this workspace any more. "
    "Ask a workspace admin to add it again if you'd like to keep mentoring."
)


def _reveal(secret: SecretStr | None) -> str | None:
    return secret.get_secret_value() if secret is not None else None


def create_app(deps: Deps) -> App:
    """A Bolt app with every listener registered.

    With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set, the app serves many workspaces:
    each request is answered with the token its workspace installed (OAuth); otherwise
    SLACK_BOT_TOKEN serves the one workspace. Request signatures are verified either way.

    Listeners run after the ack on our own executor: Bolt's default of five threads
    would queue people behind each other under load.
    """
    settings = deps.settings
    multi_workspace = settings.oauth_enabled
    token = None if multi_workspace else _reveal(settings.slack_bot_token)
    # The token travels inside the client, which also carries our base URL and retries.
    client = interactive_client(settings, token)
    app = App(
        signing_secret=_reveal(settings.slack_signing_secret),
        client=client,
        oauth_flow=oauth_flow(deps, client) if multi_workspace else None,
        # Said to someone whose workspace has no installation (removed, or never finished).
        user_facing_authorize_error_message=NOT_INSTALLED_MESSAGE,
        process_before_response=False,
        listener_executor=ListenerPool(max_workers=settings.listener_threads),
    )
    register_middleware(app, deps)
    register_listeners(app, deps)
    return app
