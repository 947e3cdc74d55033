"""Options requests: suggestions an external select loads while the person types."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.options import admin_options, skills


def register(app: App) -> None:
    skills.register(app)
    admin_options.register(app)
