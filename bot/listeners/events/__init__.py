"""Events API listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.core.deps import Deps
from bot.listeners.events import home, lifecycle


def register(app: App, deps: Deps) -> None:
    home.register(app, deps)
    lifecycle.register(app, deps)
