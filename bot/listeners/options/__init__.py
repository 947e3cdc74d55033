"""Options listeners: suggestions for external selects while someone types."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.listeners.options import skills


def register(app: App, deps: Deps) -> None:
    skills.register(app, deps)
