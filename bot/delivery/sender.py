"""Deliver due outbox messages to Slack and record where each one landed."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import transaction
from bot.delivery.outbox import remember_channel
from bot.deps import Deps
from bot.slack.client import api_base_url
from bot.slack.tokens import bot_token_for

log = logging.getLogger(__name__)

# Errors that no retry can fix: the person or channel is gone, or we may not post there.
PERMANENT_ERRORS = frozenset(
    {
        "account_inactive",
        "channel_not_found",
        "invalid_auth",
        "is_archived",
        "msg_too_long",
        "no_text",
        "not_allowed_token_type",
        "not_authed",
        "not_in_channel",
        "restricted_action",
        "token_revoked",
        "user_disabled",
        "user_not_found",
        "users_not_found",
        "cannot_dm_bot",
        "invalid_blocks",
    }
)
MAX_ATTEMPTS = 8


def _claim_due(session: Session, *, now: datetime, worker_id: str, limit: int) -> list[int]:
    rows = session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before <= now)
        .order_by(OutboxMessage.not_before, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for row in rows:
        row.status = OutboxStatus.SENDING
        row.claimed_at = now
        row.claimed_by = worker_id
    return [row.id for row in rows]


def _client(deps: Deps, token: str) -> WebClient:
    # No retry handlers: a failed call goes back to the outbox with a due time instead of
    # sleeping in this thread.
    return WebClient(token=token, base_url=api_base_url(deps.settings), timeout=10)


def _deliver(deps: Deps, message_id: int, *, now: datetime) -> None:
    with transaction(deps.sessions) as session:
        message = session.get(OutboxMessage, message_id)
        if message is None or message.status != OutboxStatus.SENDING:
            return
        token = bot_token_for(deps, message.team_id)
        if token is None:
            message.status = OutboxStatus.DROPPED
            message.last_error = "no token for the workspace"
            return
        client = _client(deps, token)
        message.attempts += 1
        try:
            if message.channel is None:
                opened = client.conversations_open(users=message.users or "")
                message.channel = opened["channel"]["id"]
                remember_channel(session, message.team_id, message.users or "", message.channel)
            posted = client.chat_postMessage(
                channel=message.channel, text=message.text, blocks=message.blocks or None
            )
        except SlackApiError as failure:
            _record_failure(message, failure, now=now)
            return
        message.status = OutboxStatus.SENT
        message.ts = posted.get("ts")
        message.sent_at = now
        message.last_error = None


def _record_failure(message: OutboxMessage, failure: SlackApiError, *, now: datetime) -> None:
    response = failure.response
    error = str(response.get("error") or response.status_code)
    message.last_error = error
    if error in PERMANENT_ERRORS or message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.FAILED
        log.warning("message not delivered", extra={"team_id": message.team_id, "reason": error})
        return
    retry_after = response.headers.get("Retry-After") or response.headers.get("retry-after")
    delay = float(retry_after) if retry_after else min(2.0**message.attempts, 300.0)
    message.status = OutboxStatus.PENDING
    message.not_before = now + timedelta(seconds=delay)


def send_due_messages(deps: Deps, *, worker_id: str = "sender", limit: int = 100) -> int:
    """Send what is due now; returns how many messages were attempted."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        claimed = _claim_due(session, now=now, worker_id=worker_id, limit=limit)
    for message_id in claimed:
        _deliver(deps, message_id, now=now)
    return len(claimed)
