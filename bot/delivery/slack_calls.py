"""The three Slack calls the sender makes, each answered as a plain Outcome.

No slack_sdk retry handler is installed: a handler that re-sends a chat.postMessage after a
dropped connection could post twice. Every retry goes through the sender instead, which
knows whether an earlier attempt may already have been posted.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import HTTPException
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

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
        "missing_scope",
    }
)
# `ok: false` answers that mean "Slack had a problem, try again later".
TRANSIENT_ERRORS = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"}
)
# When a 429 carries no Retry-After, wait this long.
DEFAULT_RETRY_AFTER = 5.0


class Verdict(enum.Enum):
    OK = "ok"
    RATE_LIMITED = "rate_limited"  # 429: certainly not done; wait Retry-After
    TRANSIENT = "transient"  # 5xx or network: may or may not have been done
    PERMANENT = "permanent"  # certainly not done, and never will be


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    retry_after: float = 0.0


def sender_client(*, token: str, base_url: str, timeout: float) -> WebClient:
    # slack_sdk annotates `timeout` as int, but hands it to urllib, which takes seconds as float.
    return WebClient(token=token, base_url=base_url, timeout=timeout, retry_handlers=[])  # type: ignore[arg-type]


def _classify(failure: SlackApiError) -> Outcome:
    response = failure.response
    status = response.status_code
    error = str(response.get("error") or status)
    if status == 429 or error == "ratelimited":
        header = response.headers.get("Retry-After") or response.headers.get("retry-after")
        try:
            retry_after = float(header) if header is not None else DEFAULT_RETRY_AFTER
        except ValueError:
            retry_after = DEFAULT_RETRY_AFTER
        return Outcome(Verdict.RATE_LIMITED, error="ratelimited", retry_after=retry_after)
    if error in PERMANENT_ERRORS:
        # Slack's answer says more (`needed` names the scope missing): keep it for the logs.
        data = dict(response.data) if isinstance(response.data, dict) else {}
        return Outcome(Verdict.PERMANENT, data=data, error=error)
    if status >= 500 or error in TRANSIENT_ERRORS:
        return Outcome(Verdict.TRANSIENT, error=f"{status} {error}" if status >= 500 else error)
    # Anything else Slack refused (bad arguments, gone, forbidden) will be refused again.
    return Outcome(Verdict.PERMANENT, error=error)


def _attempt(call: Callable[[], SlackResponse]) -> Outcome:
    try:
        response = call()
    except SlackApiError as failure:
        return _classify(failure)
    except (OSError, HTTPException) as failure:  # refused, reset, timed out: unknown outcome
        return Outcome(Verdict.TRANSIENT, error=f"network: {type(failure).__name__}")
    return Outcome(Verdict.OK, data=dict(response.data) if isinstance(response.data, dict) else {})


def open_conversation(client: WebClient, users: str) -> Outcome:
    return _attempt(lambda: client.conversations_open(users=users))


def post_message(
    client: WebClient,
    *,
    channel: str,
    text: str,
    blocks: list[dict[str, Any]] | None,
    metadata: dict[str, Any],
    thread_ts: str | None = None,
) -> Outcome:
    if thread_ts is None:
        return _attempt(
            lambda: client.chat_postMessage(
                channel=channel, text=text, blocks=blocks, metadata=metadata
            )
        )
    return _attempt(
        lambda: client.chat_postMessage(
            channel=channel, text=text, blocks=blocks, metadata=metadata, thread_ts=thread_ts
        )
    )


def read_history(client: WebClient, *, channel: str, oldest: str, cursor: str | None) -> Outcome:
    """One page (newest first) of the channel's messages since `oldest`, with metadata."""
    return _attempt(
        lambda: client.conversations_history(
            channel=channel,
            oldest=oldest,
            inclusive=True,
            limit=100,
            include_all_metadata=True,
            cursor=cursor,
        )
    )


def read_replies(
    client: WebClient, *, channel: str, thread_ts: str, oldest: str, cursor: str | None
) -> Outcome:
    """One page of a thread's messages since `oldest`, with metadata: replies never show
    in conversations.history, so a reply we may have posted is looked for here."""
    return _attempt(
        lambda: client.conversations_replies(
            channel=channel,
            ts=thread_ts,
            oldest=oldest,
            inclusive=True,
            limit=100,
            include_all_metadata=True,
            cursor=cursor,
        )
    )


def update_message(
    client: WebClient, *, channel: str, ts: str, text: str, blocks: list[dict[str, Any]] | None
) -> Outcome:
    return _attempt(lambda: client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks))
