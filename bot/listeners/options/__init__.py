"""Options requests: lists an external select loads while the person types."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.listeners.options import admin_options


def register(app: App, deps: Deps) -> None:
    admin_options.register(app, deps)
