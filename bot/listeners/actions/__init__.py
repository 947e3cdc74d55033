"""Button and select listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.actions import (
    admin,
    checkins,
    circle_checkins,
    fit,
    forget,
    goals,
    help_buttons,
    help_requests,
    learning_log,
    meeting_times,
    modal_buttons,
    pairs,
    pause_buttons,
    programs,
    round_shaping,
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
    round_shaping.register(app)
    learning_log.register(app)
    programs.register(app)
    fit.register(app)
    meeting_times.register(app)
    goals.register(app)
