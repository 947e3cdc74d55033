"""The one place unexpected errors end up: log them, tell the person what went wrong.

Slack's own refusals get an answer that says what to do: a form that could not open in
time can be opened again, and a permission the app lacks is named, so an admin can grant
it. The person hears it where they acted: in the conversation (response_url) or, for a
click in App Home or a modal, in a direct message from the app.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.listeners.shared.surfaces import TRIGGER_ERRORS
from bot.ui.replies import Reply, error_reply, missing_permission_reply, modal_failed_reply

log = logging.getLogger(__name__)


def _slack_refusal(error: Exception) -> tuple[str, str] | None:
    """(error code, scope needed) when Slack refused a call, else None."""
    if not isinstance(error, SlackApiError):
        return None
    response = error.response
    return str(response.get("error") or ""), str(response.get("needed") or "")


def _reply_for(error: Exception, extra: dict[str, Any]) -> Reply:
    refusal = _slack_refusal(error)
    if refusal is not None and refusal[0] in TRIGGER_ERRORS:
        log.warning("modal not opened", extra={**extra, "error": refusal[0]})
        return modal_failed_reply()
    if refusal is not None and refusal[0] == "missing_scope":
        log.error(
            "Slack refused a call: the app lacks a permission; add it to the app and reinstall",
            extra={**extra, "needed_scope": refusal[1]},
        )
        return missing_permission_reply(refusal[1])
    log.error("listener failed", exc_info=error, extra=extra)
    return error_reply()


def report_unexpected_error(
    error: Exception, body: dict[str, Any], respond: Respond | None, client: WebClient
) -> None:
    extra = {
        "team_id": (body.get("team") or {}).get("id") or body.get("team_id"),
        "request_type": body.get("type") or ("command" if "command" in body else None),
    }
    reply = _reply_for(error, extra)
    if respond is not None and body.get("response_url"):
        respond(response_type="ephemeral", replace_original=False, **reply.to_kwargs())
        return
    user_id = (body.get("user") or {}).get("id")
    if body.get("type") == "block_actions" and user_id:
        # A click in App Home or a modal has nowhere to answer but a DM from the app.
        try:
            client.chat_postMessage(channel=user_id, **reply.to_kwargs())
        except SlackApiError as failure:
            log.warning(
                "could not tell the person about the failure",
                extra={**extra, "error": failure.response.get("error")},
            )


def register(app: App) -> None:
    app.error(report_unexpected_error)
