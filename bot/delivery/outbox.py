"""Queue a message for the sender, inside the caller's transaction.

Queuing is idempotent: the same (workspace, key) is stored once, whatever the number of
replicas, retries or restarts that try again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from slack_sdk.models.blocks import Block
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.db.models import DmChannel, OutboxMessage, OutboxStatus
from bot.db.session import rowcount

# The kind of a person's request for help, sent to the program admins.
HELP_REQUEST = "help"
# Messages about a pair that are addressed to the admins, not to the pair: the end of the
# pair does not make them moot (a help request matters most when the pairing ends).
FOR_ADMINS = frozenset({HELP_REQUEST})


def users_key(user_ids: Iterable[str]) -> str:
    """The canonical form of a DM's members: sorted, unique, comma-separated."""
    return ",".join(sorted(set(user_ids)))


def enqueue(
    session: Session,
    *,
    team_id: str,
    key: str,
    kind: str,
    text: str,
    blocks: Sequence[Block | dict[str, Any]] = (),
    not_before: datetime,
    channel: str | None = None,
    users: Iterable[str] = (),
    thread_ts: str | None = None,
) -> OutboxMessage:
    """Queue one message to `channel`, or to the (group) DM of `users`; returns its row.

    With `thread_ts` (and `channel`) it is a reply in that message's thread. A message
    already queued under `key` is returned unchanged, sent or not.
    """
    member_key = users_key(users)
    if channel is None and not member_key:
        raise ValueError("a message needs a channel or at least one user")
    existing = session.scalar(
        select(OutboxMessage).where(
            OutboxMessage.team_id == team_id, OutboxMessage.idempotency_key == key
        )
    )
    if existing is not None:
        return existing
    if thread_ts is not None and channel is None:
        raise ValueError("a reply in a thread needs the thread's channel")
    if channel is None:
        channel = known_channel(session, team_id, member_key)
    message = OutboxMessage(
        team_id=team_id,
        idempotency_key=key,
        kind=kind,
        channel=channel,
        users=member_key or None,
        thread_ts=thread_ts,
        text=text,
        blocks=[block.to_dict() if isinstance(block, Block) else block for block in blocks],
        not_before=not_before,
        status=OutboxStatus.PENDING,
    )
    # A savepoint, so that losing a race against another replica costs only this row.
    with session.begin_nested():
        session.add(message)
    return message


class Message(Protocol):
    """What a ui builder returns (`bot.ui.replies.Reply`): fallback text and the layout."""

    @property
    def text(self) -> str: ...

    @property
    def blocks(self) -> Sequence[Block]: ...


def enqueue_reply(
    session: Session,
    reply: Message,
    *,
    team_id: str,
    key: str,
    kind: str,
    not_before: datetime,
    channel: str | None = None,
    users: Iterable[str] = (),
    thread_ts: str | None = None,
) -> OutboxMessage:
    """Queue a built message (its text and blocks) like `enqueue`; the one way services
    queue what a ui builder made."""
    return enqueue(
        session,
        team_id=team_id,
        key=key,
        kind=kind,
        text=reply.text,
        blocks=reply.blocks,
        not_before=not_before,
        channel=channel,
        users=users,
        thread_ts=thread_ts,
    )


def sent_message(session: Session, team_id: str, key: str) -> tuple[str, str] | None:
    """Where the message queued under `key` landed (channel, ts), once it was sent."""
    row = session.execute(
        select(OutboxMessage.channel, OutboxMessage.ts).where(
            OutboxMessage.team_id == team_id,
            OutboxMessage.idempotency_key == key,
            OutboxMessage.status == OutboxStatus.SENT,
        )
    ).first()
    if row is None or row.channel is None or row.ts is None:
        return None
    return row.channel, row.ts


def known_channel(session: Session, team_id: str, member_key: str) -> str | None:
    """The DM channel already opened for these people, if any."""
    return session.scalar(
        select(DmChannel.channel).where(DmChannel.team_id == team_id, DmChannel.users == member_key)
    )


def remember_channel(session: Session, team_id: str, member_key: str, channel: str) -> None:
    if known_channel(session, team_id, member_key) is None:
        session.add(DmChannel(team_id=team_id, users=member_key, channel=channel))


def drop_pending(session: Session, team_id: str, *, key_prefix: str | None = None) -> int:
    """Mark queued, unsent messages as no longer wanted; returns how many.

    Messages for the admins (`FOR_ADMINS`) are kept: they are not the pair's to lose.
    """
    query = update(OutboxMessage).where(
        OutboxMessage.team_id == team_id,
        OutboxMessage.status == OutboxStatus.PENDING,
        OutboxMessage.kind.not_in(FOR_ADMINS),
    )
    if key_prefix is not None:
        query = query.where(OutboxMessage.idempotency_key.startswith(key_prefix, autoescape=True))
    return rowcount(session.execute(query.values(status=OutboxStatus.DROPPED))) or 0


def enqueue_edit(
    session: Session,
    reply: Message,
    *,
    team_id: str,
    key: str,
    edits_key: str,
    kind: str,
    not_before: datetime,
) -> OutboxMessage:
    """Queue an in-place edit (chat.update) of the message queued under `edits_key`.

    If that message has not gone out yet, it is rewritten instead and nothing is queued
    (returned as it is). Older edits still waiting are dropped: the newest content wins.
    """
    target = session.scalar(
        select(OutboxMessage).where(
            OutboxMessage.team_id == team_id, OutboxMessage.idempotency_key == edits_key
        )
    )
    if target is None:
        raise ValueError(f"no message queued under {edits_key!r} to edit")
    blocks = [block.to_dict() for block in reply.blocks]
    if target.status == OutboxStatus.PENDING:
        target.text, target.blocks = reply.text, blocks
        return target
    drop_pending(session, team_id, key_prefix=f"{edits_key}:edit:")
    message = OutboxMessage(
        team_id=team_id,
        idempotency_key=key,
        kind=kind,
        channel=target.channel,
        users=None,
        text=reply.text,
        blocks=blocks,
        not_before=not_before,
        status=OutboxStatus.PENDING,
        edits_key=edits_key,
    )
    with session.begin_nested():
        session.add(message)
    return message
