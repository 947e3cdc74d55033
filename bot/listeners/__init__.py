"""Slack listeners: ack, turn the payload into arguments, call a service, reply.

Each listener is a module-level function that its module's `register(app)` hands to Bolt;
it reads the app's Deps from the request context (`shared.app_scope.deps_of`), which the
first middleware fills in.
"""

from __future__ import annotations

from slack_bolt import App

from bot.core.deps import Deps
from bot.listeners import actions, commands, errors, events, options, views


def register_listeners(app: App, deps: Deps) -> None:
    errors.register(app)
    commands.register(app)
    actions.register(app)
    events.register(app)
    views.register(app)
    options.register(app)
