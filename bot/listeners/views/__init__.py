"""Modal submission listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.listeners.views import admin, checkins, pairs


def register(app: App, deps: Deps) -> None:
    pairs.register(app, deps)
    checkins.register(app, deps)
    admin.register(app, deps)
