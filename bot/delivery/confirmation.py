"""Recognising our own posts in a channel's history, to never post a message twice.

Every post carries Slack message metadata naming its outbox key. When the sender cannot
know whether an earlier attempt reached Slack, it reads the channel's history since that
attempt and looks for the key before posting again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

OUTBOX_EVENT_TYPE = "mentorbot_outbox_message"
# Our clock and Slack's may disagree a little: look this much further back.
CLOCK_SKEW_MARGIN = timedelta(minutes=10)


def outbox_metadata(key: str) -> dict[str, Any]:
    """The `metadata` argument of chat.postMessage for the message queued under `key`."""
    return {"event_type": OUTBOX_EVENT_TYPE, "event_payload": {"outbox_key": key}}


def posted_ts(messages: Iterable[Mapping[str, Any]], key: str) -> str | None:
    """The ts of the message in `messages` that we posted under `key`, if there is one."""
    for message in messages:
        metadata = message.get("metadata")
        if not isinstance(metadata, Mapping):
            continue
        payload = metadata.get("event_payload")
        if (
            metadata.get("event_type") == OUTBOX_EVENT_TYPE
            and isinstance(payload, Mapping)
            and payload.get("outbox_key") == key
        ):
            ts = message.get("ts")
            return str(ts) if ts else None
    return None


def history_oldest(since: datetime) -> str:
    """`oldest` for conversations.history: a Slack timestamp a margin before `since`."""
    return f"{(since - CLOCK_SKEW_MARGIN).timestamp():.6f}"
