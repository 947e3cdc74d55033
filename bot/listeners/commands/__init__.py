"""Slash command listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.core.deps import Deps
from bot.listeners.commands import mentor


def register(app: App, deps: Deps) -> None:
    mentor.register(app, deps)
