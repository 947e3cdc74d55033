"""Replies in a thread (learning log entries under a pair's intro): posted in the thread,
and, after a lost answer, looked for in the thread, which channel history never shows."""

from __future__ import annotations

from bot.db.session import transaction
from bot.delivery.outbox import enqueue, sent_message
from bot.delivery.sender import send_due_messages
from tests.delivery.helpers import lose_answers, posted_keys, queue_pairs, rows


def _reply_to(deps, key: str, reply_key: str) -> None:
    with transaction(deps.sessions) as session:
        found = sent_message(session, "T1", key)
        assert found is not None
        channel, ts = found
        enqueue(session, team_id="T1", key=reply_key, kind="log_entry", text="We covered loops",
                not_before=deps.clock(), channel=channel, thread_ts=ts)  # fmt: skip


def test_a_reply_goes_into_the_thread_of_the_message_it_answers(deps, fake_slack, clock):
    [intro] = queue_pairs(deps, fake_slack, 1)
    send_due_messages(deps)
    _reply_to(deps, intro, "pair=0:log=1")
    assert send_due_messages(deps) == 1
    parent, reply = fake_slack.calls_to("chat.postMessage")
    assert "thread_ts" not in parent.params
    [row_intro, row_reply] = rows(deps)
    assert reply.params["thread_ts"] == row_intro.ts
    assert reply.params["channel"] == row_intro.channel
    assert row_reply.status == "sent" and row_reply.thread_ts == row_intro.ts


def test_a_reply_whose_answer_was_lost_is_found_in_its_thread_not_posted_again(
    deps, fake_slack, clock
):
    fake_slack.ts_clock = lambda: clock().timestamp()
    [intro] = queue_pairs(deps, fake_slack, 1)
    send_due_messages(deps)
    _reply_to(deps, intro, "pair=0:log=1")
    lose_answers(fake_slack, "chat.postMessage", times=1)
    send_due_messages(deps)
    clock.advance(minutes=1)
    send_due_messages(deps)
    assert posted_keys(fake_slack) == {intro: 1, "pair=0:log=1": 1}
    # The channel's history does not hold replies: the thread was read instead.
    assert fake_slack.calls_to("conversations.history") == []
    [check] = fake_slack.calls_to("conversations.replies")
    [_, row_reply] = rows(deps)
    assert check.params["ts"] == row_reply.thread_ts
    assert row_reply.status == "sent"
    assert len(fake_slack.calls_to("chat.postMessage")) == 2


def test_the_thread_of_a_message_not_sent_is_unknown(deps, fake_slack):
    [intro] = queue_pairs(deps, fake_slack, 1)
    with deps.sessions() as session:
        assert sent_message(session, "T1", intro) is None
