"""Bolt middleware run on every verified request: who and what for the request log, and
dropping Events API deliveries we already handled (Slack retries them)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext
from slack_bolt.response import BoltResponse

from bot.db.session import transaction
from bot.deps import Deps
from bot.listeners.describe import describe_action, describe_user
from bot.logging_setup import current_request_fields, elapsed_ms
from bot.services.lifecycle import record_event

log = logging.getLogger("mentorbot.requests")


def register_middleware(app: App, deps: Deps) -> None:
    @app.middleware
    def describe_request(
        body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        fields = current_request_fields()
        team_id, user_id = context.team_id, context.user_id or describe_user(body)
        action = describe_action(body)
        if fields is not None:
            # Served over HTTP: the WSGI layer writes the line once the answer is sent.
            fields.team_id, fields.enterprise_id = team_id, context.enterprise_id
            fields.user_id, fields.action = user_id, action
            return next()
        # Socket Mode has no HTTP layer: log the line here, timed to the ack.
        started = time.perf_counter()
        response = next()
        log.info(
            "slack request",
            extra={
                "team_id": team_id,
                "enterprise_id": context.enterprise_id,
                "user_id": user_id,
                "action": action,
                "status": response.status,
                "duration_ms": elapsed_ms(started),
            },
        )
        return response

    @app.middleware
    def skip_repeated_events(
        body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        event_id = body.get("event_id")
        if body.get("type") != "event_callback" or not event_id:
            return next()
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
            return next()
        log.info(
            "repeated event ignored",
            extra={"team_id": context.team_id, "event_id": str(event_id)[:64]},
        )
        return BoltResponse(status=200, body="")
