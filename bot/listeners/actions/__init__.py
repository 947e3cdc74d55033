"""Button and select listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions import (
    admin,
    checkins,
    circle_checkins,
    forget,
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
    circle_checkins.register(app)
    modal_buttons.register(app)
    pause_buttons.register(app)
    admin.register(app)
    help_requests.register(app)
    forget.register(app)
