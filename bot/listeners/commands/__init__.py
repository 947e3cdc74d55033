"""Slash command listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.commands import mentor


def register(app: App) -> None:
    mentor.register(app)
