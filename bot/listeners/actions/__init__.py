"""Button and select listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.core.deps import Deps
from bot.listeners.actions import (
    admin,
    checkins,
    forget,
    help_buttons,
    help_requests,
    modal_buttons,
    pairs,
    pause_buttons,
)


def register(app: App, deps: Deps) -> None:
    help_buttons.register(app, deps)
    pairs.register(app, deps)
    checkins.register(app, deps)
    modal_buttons.register(app, deps)
    pause_buttons.register(app, deps)
    admin.register(app, deps)
    help_requests.register(app, deps)
    forget.register(app, deps)
