"""The outbox contract: queue once per key, deliver to a (group) DM, remember the channel."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.db.models import DmChannel, OutboxMessage, OutboxStatus
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.delivery.outbox import enqueue
from bot.delivery.sender import send_due_messages


def queue(deps, key, users=("U2", "U1"), **extra):
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        enqueue(
            session,
            team_id="T1",
            key=key,
            kind="test",
            text="Hello you two",
            not_before=deps.clock(),
            users=users,
            **extra,
        )


def test_same_key_is_queued_once_and_sent_once(deps, fake_slack):
    fake_slack.add_user("U1")
    fake_slack.add_user("U2")
    queue(deps, "intro:pair=1")
    queue(deps, "intro:pair=1")
    assert send_due_messages(deps) == 1
    assert send_due_messages(deps) == 0
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    [opened] = fake_slack.calls_to("conversations.open")
    assert opened.params["users"] == "U1,U2"
    with deps.sessions() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert row.status == OutboxStatus.SENT and row.ts and row.channel
        assert session.scalar(select(DmChannel.channel)) == row.channel
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


def test_known_channel_is_reused_without_opening_again(deps, fake_slack):
    fake_slack.add_user("U1")
    fake_slack.add_user("U2")
    queue(deps, "first")
    send_due_messages(deps)
    queue(deps, "second")
    send_due_messages(deps)
    assert len(fake_slack.calls_to("conversations.open")) == 1
    channels = {call.params["channel"] for call in fake_slack.calls_to("chat.postMessage")}
    assert len(channels) == 1


def test_permanent_error_is_recorded_and_not_retried(deps, fake_slack):
    fake_slack.add_user("U1")
    fake_slack.add_user("U2")
    fake_slack.error_next("chat.postMessage", "is_archived")
    queue(deps, "doomed")
    send_due_messages(deps)
    send_due_messages(deps)
    with deps.sessions() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert (row.status, row.last_error, row.attempts) == (OutboxStatus.FAILED, "is_archived", 1)
