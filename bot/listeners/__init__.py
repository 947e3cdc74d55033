"""Slack listeners: ack, turn the payload into arguments, call a service, reply."""

from __future__ import annotations

from slack_bolt import App

from bot.core.deps import Deps
from bot.listeners import actions, commands, errors, events, options, views


def register_listeners(app: App, deps: Deps) -> None:
    errors.register(app, deps)
    commands.register(app, deps)
    actions.register(app, deps)
    events.register(app, deps)
    views.register(app, deps)
    options.register(app, deps)
