"""Modal submission listeners: offer, request and profile modals, and the weekly cycle's."""

from __future__ import annotations

from slack_bolt import App

from bot.core.deps import Deps
from bot.listeners.views import admin, checkins, offer_modal, pairs, profile_modal, request_modal


def register(app: App, deps: Deps) -> None:
    offer_modal.register(app, deps)
    request_modal.register(app, deps)
    profile_modal.register(app, deps)
    pairs.register(app, deps)
    checkins.register(app, deps)
    admin.register(app, deps)
