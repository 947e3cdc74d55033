"""Modal submission listeners: the offer, request and profile modals."""

from __future__ import annotations

from slack_bolt import App

from bot.deps import Deps
from bot.listeners.views import offer_modal, profile_modal, request_modal


def register(app: App, deps: Deps) -> None:
    offer_modal.register(app, deps)
    request_modal.register(app, deps)
    profile_modal.register(app, deps)
