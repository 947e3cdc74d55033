"""The Bolt app, built by a factory from settings and dependencies (nothing at import)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pydantic import SecretStr
from slack_bolt import App

from bot.deps import Deps
from bot.listeners import register_listeners
from bot.slack.client import interactive_client


def _reveal(secret: SecretStr | None) -> str | None:
    return secret.get_secret_value() if secret is not None else None


def create_app(deps: Deps) -> App:
    """A Bolt app with every listener registered.

    Listeners run after the ack on our own executor: Bolt's default of five threads
    would queue people behind each other under load.
    """
    settings = deps.settings
    token = _reveal(settings.slack_bot_token)
    app = App(
        # The token travels inside the client, which also carries our base URL and retries.
        signing_secret=_reveal(settings.slack_signing_secret),
        client=interactive_client(settings, token),
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(
            max_workers=settings.listener_threads, thread_name_prefix="listener"
        ),
    )
    register_listeners(app, deps)
    return app
