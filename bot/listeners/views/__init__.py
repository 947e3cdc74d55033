"""Modal submission listeners: offer, request and profile modals, and the weekly cycle's."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.views import (
    admin,
    checkins,
    learning_log,
    meeting_times,
    offer_modal,
    pairs,
    profile_modal,
    programs,
    request_modal,
    round_shaping,
    thanks_modal,
)


def register(app: App) -> None:
    offer_modal.register(app)
    request_modal.register(app)
    profile_modal.register(app)
    pairs.register(app)
    checkins.register(app)
    admin.register(app)
    round_shaping.register(app)
    learning_log.register(app)
    programs.register(app)
    thanks_modal.register(app)
    meeting_times.register(app)
