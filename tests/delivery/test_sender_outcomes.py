"""What the sender records for each answer Slack gives: sent, given up, retried, confirmed."""

from __future__ import annotations

from slack_sdk import WebClient
from sqlalchemy import select

from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import transaction
from bot.delivery import claims
from bot.delivery.confirmation import outbox_metadata
from bot.delivery.sender import DEFAULT_LEASE, send_due_messages
from bot.delivery.steps import MAX_ATTEMPTS
from tests.delivery.helpers import (
    FAST_LIMITS,
    lose_answers,
    posted_keys,
    queue_pairs,
    queue_to_channel,
    rows,
)


def test_every_due_message_is_posted_once_with_its_key_in_metadata(deps, fake_slack):
    keys = queue_pairs(deps, fake_slack, 5)
    assert send_due_messages(deps, limits=FAST_LIMITS) == 5
    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    assert {row.status for row in rows(deps)} == {OutboxStatus.SENT}
    assert all(row.ts and row.channel.startswith("G") for row in rows(deps))


def test_a_sent_row_is_never_sent_again(deps, fake_slack, clock):
    queue_pairs(deps, fake_slack, 2)
    send_due_messages(deps)
    calls = len(fake_slack.calls)
    clock.advance(hours=1)
    assert send_due_messages(deps) == 0
    with transaction(deps.sessions) as session:
        again = claims.claim_due(
            session, now=clock(), worker_id="other", lease=DEFAULT_LEASE, limit=10
        )
    assert again == []
    assert len(fake_slack.calls) == calls


def test_permanent_errors_are_recorded_with_the_reason_and_not_retried(deps, fake_slack, clock):
    queue_pairs(deps, fake_slack, 1, prefix="gone")
    fake_slack.add_channel("CARCHIVED", is_archived=True)
    queue_to_channel(deps, "CARCHIVED", ["notice:archived"])
    queue_to_channel(deps, "CUNKNOWN", ["notice:unknown"])
    queue_pairs(deps, fake_slack, 1, prefix="fine")
    fake_slack.error_next("conversations.open", "user_disabled")
    fake_slack.error_next("chat.postMessage", "is_archived")
    fake_slack.error_next("chat.postMessage", "channel_not_found")
    send_due_messages(deps, concurrency=1)  # one call at a time: the errors come in order
    clock.advance(days=1)
    assert send_due_messages(deps) == 0
    outcome = {row.idempotency_key: (row.status, row.last_error) for row in rows(deps)}
    assert outcome == {
        "gone:pair=0": (OutboxStatus.FAILED, "user_disabled"),
        "notice:archived": (OutboxStatus.FAILED, "is_archived"),
        "notice:unknown": (OutboxStatus.FAILED, "channel_not_found"),
        "fine:pair=0": (OutboxStatus.SENT, None),
    }
    assert len(fake_slack.calls_to("chat.postMessage")) == 3


def test_a_server_error_is_retried_after_a_backoff_and_checked_first(deps, fake_slack, clock):
    fake_slack.ts_clock = lambda: clock().timestamp()
    [key] = queue_pairs(deps, fake_slack, 1)
    fake_slack.fail_next("chat.postMessage", status=503)
    send_due_messages(deps)
    [row] = rows(deps)
    assert (row.status, row.last_error, row.attempts) == ("pending", "503 service_unavailable", 1)
    assert row.unconfirmed_since is not None and row.not_before > clock()
    assert send_due_messages(deps) == 0  # not due yet
    clock.advance(seconds=3)
    assert send_due_messages(deps) == 1
    assert posted_keys(fake_slack) == {key: 1}
    # 5xx may hide a post that happened: the history was read before posting again.
    assert len(fake_slack.calls_to("conversations.history")) == 1
    [row] = rows(deps)
    assert (row.status, row.unconfirmed_since, row.attempts) == ("sent", None, 2)


def test_a_post_whose_answer_was_lost_is_found_in_history_not_posted_again(deps, fake_slack, clock):
    fake_slack.ts_clock = lambda: clock().timestamp()
    [key] = queue_pairs(deps, fake_slack, 1)
    lose_answers(fake_slack, "chat.postMessage", times=1)
    send_due_messages(deps)
    [row] = rows(deps)
    assert row.status == "pending" and row.last_error.startswith("network")
    clock.advance(minutes=1)
    send_due_messages(deps)
    assert posted_keys(fake_slack) == {key: 1}
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    [message] = fake_slack.messages()
    [row] = rows(deps)
    assert (row.status, row.ts, row.channel) == ("sent", message["ts"], message["channel"])


def test_after_too_many_passing_failures_the_message_is_given_up(deps, fake_slack, clock):
    queue_pairs(deps, fake_slack, 1)
    fake_slack.fail_next("conversations.open", status=500, times=MAX_ATTEMPTS)
    for _ in range(MAX_ATTEMPTS):
        send_due_messages(deps, limits=FAST_LIMITS)
        clock.advance(hours=1)
    [row] = rows(deps)
    assert (row.status, row.last_error) == ("failed", "gave up: 500 internal_error")
    assert row.attempts == MAX_ATTEMPTS
    assert send_due_messages(deps) == 0


def test_messages_of_a_workspace_without_a_token_are_dropped(deps, fake_slack):
    queue_pairs(deps, fake_slack, 1)
    send_due_messages(deps, token_for=lambda team_id: None)
    [row] = rows(deps)
    assert (row.status, row.last_error) == ("dropped", "no token for the workspace")
    assert fake_slack.calls == []


def _claim_as_dead_worker(deps, clock):
    with transaction(deps.sessions) as session:
        return claims.claim_due(
            session, now=clock(), worker_id="dead", lease=DEFAULT_LEASE, limit=10
        )


def test_a_live_claim_is_left_alone(deps, fake_slack, clock):
    queue_pairs(deps, fake_slack, 2)
    _claim_as_dead_worker(deps, clock)
    clock.advance(seconds=DEFAULT_LEASE.total_seconds() - 1)
    assert send_due_messages(deps) == 0
    assert fake_slack.calls == []


def test_claims_of_a_dead_worker_are_taken_over_without_posting_twice(deps, fake_slack, clock):
    """The dead worker had posted the first message (unrecorded), opened the second's DM
    (recorded) and done nothing for the third."""
    fake_slack.ts_clock = lambda: clock().timestamp()
    keys = queue_pairs(deps, fake_slack, 3)
    posted, opened, untouched = _claim_as_dead_worker(deps, clock)
    assert untouched.channel is None
    client = WebClient(token="xoxb-test", base_url=fake_slack.base_url)
    for message in (posted, opened):
        channel = client.conversations_open(users=message.users)["channel"]["id"]
        with transaction(deps.sessions) as session:
            assert claims.record_channel(session, message, channel)
    with deps.sessions() as session:
        posted_channel = session.get(OutboxMessage, posted.id).channel
    dead_post = client.chat_postMessage(
        channel=posted_channel, text=posted.text, metadata=outbox_metadata(posted.key)
    )
    before = len(fake_slack.calls)

    clock.advance(seconds=DEFAULT_LEASE.total_seconds() + 1)
    assert send_due_messages(deps, worker_id="heir") == 3

    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    by_key = {row.idempotency_key: row for row in rows(deps)}
    assert by_key[posted.key].ts == dead_post["ts"]
    assert {row.status for row in by_key.values()} == {"sent"}
    assert {row.claimed_by for row in by_key.values()} == {"heir"}
    # History is read only where a post may have happened: rows whose DM was open.
    heir_calls = fake_slack.calls[before:]
    checked = {c.params["channel"] for c in heir_calls if c.method == "conversations.history"}
    assert checked == {by_key[posted.key].channel, by_key[opened.key].channel}
    assert [c.method for c in heir_calls].count("chat.postMessage") == 2


def test_a_stale_claim_taken_over_keeps_the_earliest_moment_to_check_from(deps, fake_slack, clock):
    queue_pairs(deps, fake_slack, 1)
    [first] = _claim_as_dead_worker(deps, clock)
    clock.advance(minutes=5)
    with transaction(deps.sessions) as session:
        [second] = claims.claim_due(
            session, now=clock(), worker_id="also-dead", lease=DEFAULT_LEASE, limit=10
        )
    clock.advance(minutes=5)
    with transaction(deps.sessions) as session:
        [third] = claims.claim_due(
            session, now=clock(), worker_id="heir", lease=DEFAULT_LEASE, limit=10
        )
        row = session.scalar(select(OutboxMessage))
    assert second.unconfirmed_since == first.claimed_at
    assert third.unconfirmed_since == first.claimed_at
    assert row.claim_token == third.claim_token != second.claim_token
    # The earlier claims can no longer write anything on the row.
    with transaction(deps.sessions) as session:
        assert not claims.record_failed(session, second, reason="late")


def test_an_announcement_that_cannot_be_checked_for_lack_of_scope_waits_and_is_not_lost(
    deps, fake_slack, clock, caplog
):
    fake_slack.ts_clock = lambda: clock().timestamp()
    fake_slack.add_channel("CANNOUNCE")
    [key] = queue_to_channel(deps, "CANNOUNCE", ["round=1:announcement"])
    lose_answers(fake_slack, "chat.postMessage", times=1)
    send_due_messages(deps)
    # The app was installed before it asked for the history scopes: Slack refuses the check.
    fake_slack.error_next("conversations.history", "missing_scope")
    clock.advance(minutes=1)
    with caplog.at_level("WARNING", logger="bot.delivery.steps"):
        send_due_messages(deps)
    [row] = rows(deps)
    assert row.status == OutboxStatus.PENDING, row.last_error
    assert row.unconfirmed_since is not None and "missing_scope" in row.last_error
    [warning] = [r for r in caplog.records if "lacks a scope" in r.getMessage()]
    assert warning.levelname == "WARNING" and warning.channel == "CANNOUNCE"
    assert len(fake_slack.calls_to("chat.postMessage")) == 1  # not posted blindly again

    # Once the check can be made (the app reinstalled), the earlier post is found.
    clock.advance(hours=1)
    send_due_messages(deps)
    assert posted_keys(fake_slack) == {key: 1}
    [row] = rows(deps)
    assert row.status == OutboxStatus.SENT and row.channel == "CANNOUNCE"
