"""Bolt middleware run on every verified request, over HTTP or Socket Mode: who and what
for the request log, and dropping Events API deliveries we already handled (Slack retries
them). The app's Deps reach listeners through the request context, put there first."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_bolt.response import BoltResponse

from bot.core.deps import Deps
from bot.core.logging_setup import current_request_fields
from bot.db.session import transaction
from bot.listeners.shared.app_scope import AppScope, carry, deps_of
from bot.listeners.shared.describe import describe_action, describe_user
from bot.services.seen_events import record_event

log = logging.getLogger("mentorbot.requests")


def describe_request(body: dict[str, Any], context: BoltContext, next: Callable[[], None]) -> None:
    fields = current_request_fields()
    if fields is not None:
        fields.team_id, fields.enterprise_id = context.team_id, context.enterprise_id
        fields.user_id = context.user_id or describe_user(body)
        fields.action = describe_action(body)
    next()


def skip_repeated_events(
    body: dict[str, Any], context: BoltContext, next: Callable[[], None]
) -> BoltResponse | None:
    event_id = body.get("event_id")
    if body.get("type") != "event_callback" or not event_id:
        next()
        return None
    deps = deps_of(context)
    event_type = str((body.get("event") or {}).get("type") or "")
    with transaction(deps.sessions) as session:
        first_time = record_event(
            session,
            team_id=context.team_id or context.enterprise_id or "",
            event_id=str(event_id),
            event_type=event_type,
            now=deps.clock(),
        )
    if first_time:
        next()
        return None
    log.info(
        "repeated event ignored",
        extra={"team_id": context.team_id, "event_id": str(event_id)[:64]},
    )
    return BoltResponse(status=200, body="")


def register_middleware(app: App, deps: Deps) -> None:
    # In sync Bolt, next() only marks the chain as continuing and returns None: the rest of
    # the chain and the listener run after this function returns. So a middleware here
    # never reads next()'s result; the line for each request is written by whoever
    # answers Slack (bot.entrypoints.web for HTTP, bot.entrypoints.socket_mode for Socket
    # Mode), once it has.
    scope = AppScope(deps)

    # A closure because it is the one place this app's Deps enter each request; it runs
    # first, so every middleware and listener after it can read them from the context.
    @app.middleware
    def carry_app_scope(context: BoltContext, next: Callable[[], None]) -> None:
        carry(context, scope)
        next()

    app.middleware(describe_request)
    app.middleware(skip_repeated_events)
