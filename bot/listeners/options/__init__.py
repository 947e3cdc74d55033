"""Options requests: suggestions an external select loads while the person types."""

from __future__ import annotations

from slack_bolt import App

from bot.core.deps import Deps
from bot.listeners.options import admin_options, skills


def register(app: App, deps: Deps) -> None:
    skills.register(app, deps)
    admin_options.register(app, deps)
