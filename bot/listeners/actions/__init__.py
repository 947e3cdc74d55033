"""Button and select listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions import (
    admin,
    checkins,
    forget,
    goals,
    help_buttons,
    help_requests,
    modal_buttons,
    pairs,
    pause_buttons,
)


def register(app: App) -> None:
    help_buttons.register(app)
    pairs.register(app)
    checkins.register(app)
    modal_buttons.register(app)
    pause_buttons.register(app)
    admin.register(app)
    help_requests.register(app)
    forget.register(app)
    goals.register(app)
