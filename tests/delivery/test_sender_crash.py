"""A sender process killed with SIGKILL mid-fan-out, then restarted: nothing is posted
twice and nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time

import pytest

from tests.delivery.helpers import posted_keys, queue_pairs, rows, sender_process

KILL_AFTER = 12  # messages accepted by Slack before the kill
LEASE = "3"  # seconds; the restarted sender takes the dead one's claims over after it


def crash_test_sender(fake_slack, engine, worker_id: str) -> subprocess.Popen[str]:
    return sender_process(
        fake_slack,
        engine,
        worker_id,
        *("--lease", LEASE, "--http-timeout", "0.5", "--rate-scale", "50", "--in-flight", "10"),
    )


def accepted_posts(fake_slack) -> int:
    return sum(1 for call in fake_slack.calls_to("chat.postMessage") if call.ok)


def kill_when_slack_accepts_the_nth_post(fake_slack, worker: list[subprocess.Popen[str]]) -> None:
    """Kill the sender after Slack stored a message and before its answer leaves."""
    lock = threading.Lock()

    def kill(call) -> None:
        with lock:
            if not call.ok or not worker or accepted_posts(fake_slack) < KILL_AFTER:
                return
            process = worker.pop()
            os.kill(process.pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
            while process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)

    fake_slack.on_call("chat.postMessage", kill)


@pytest.mark.parametrize("moment", ["before_the_answer", "any_time"])
def test_a_killed_and_restarted_sender_posts_each_message_exactly_once(
    deps, fake_slack, engine, moment
):
    fake_slack.ts_clock = time.time  # the sender processes run on the real clock
    keys = queue_pairs(deps, fake_slack, 40)
    to_kill: list[subprocess.Popen[str]] = []
    if moment == "before_the_answer":
        kill_when_slack_accepts_the_nth_post(fake_slack, to_kill)
    first = crash_test_sender(fake_slack, engine, "first")
    to_kill.append(first)
    if moment == "any_time":
        fake_slack.wait_for(
            "chat.postMessage", count=KILL_AFTER, timeout=60, where=lambda call: call.ok
        )
        first.send_signal(signal.SIGKILL)
    assert first.wait(timeout=60) == -signal.SIGKILL

    before_restart = posted_keys(fake_slack)
    assert KILL_AFTER <= sum(before_restart.values()) < len(keys)
    status = {row.idempotency_key: row.status for row in rows(deps)}
    unrecorded = [key for key in before_restart if status[key] != "sent"]
    if moment == "before_the_answer":
        assert unrecorded, "the kill should land between Slack's acceptance and the record"

    heir = crash_test_sender(fake_slack, engine, "heir")
    assert heir.wait(timeout=120) == 0

    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    by_key = {row.idempotency_key: row for row in rows(deps)}
    assert {row.status for row in by_key.values()} == {"sent"}
    ts_by_key = {
        message["metadata"]["event_payload"]["outbox_key"]: message["ts"]
        for message in fake_slack.messages()
    }
    assert {key: row.ts for key, row in by_key.items()} == ts_by_key
    for key in unrecorded:  # found in the history, recorded, not posted again
        assert by_key[key].claimed_by == "heir"
