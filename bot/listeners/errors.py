"""The one place unexpected errors end up: log them, tell the person something went wrong."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_bolt.context.respond import Respond

from bot.deps import Deps
from bot.ui.replies import error_reply

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    @app.error
    def report_unexpected_error(
        error: Exception, body: dict[str, Any], respond: Respond | None
    ) -> None:
        log.error(
            "listener failed",
            exc_info=error,
            extra={
                "team_id": (body.get("team") or {}).get("id") or body.get("team_id"),
                "request_type": body.get("type") or ("command" if "command" in body else None),
            },
        )
        if respond is not None and body.get("response_url"):
            respond(response_type="ephemeral", replace_original=False, **error_reply().to_kwargs())
