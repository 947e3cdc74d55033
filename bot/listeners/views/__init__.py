"""Modal submission listeners: offer, request and profile modals, and the weekly cycle's."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners.views import (
    admin,
    checkins,
    meeting_times,
    offer_modal,
    pairs,
    profile_modal,
    request_modal,
)


def register(app: App) -> None:
    offer_modal.register(app)
    request_modal.register(app)
    profile_modal.register(app)
    pairs.register(app)
    checkins.register(app)
    admin.register(app)
    meeting_times.register(app)
