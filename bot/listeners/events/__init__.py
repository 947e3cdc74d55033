"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.events import home, lifecycle


def register(app: App) -> None:
    home.register(app)
    lifecycle.register(app)
