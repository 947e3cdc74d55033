"""The sender loop as a worker process runs it: stops cleanly, shares pacing between threads."""

from __future__ import annotations

import threading

from bot.core.send_limits import OPEN_CONVERSATION, SLACK_LIMITS
from bot.delivery.pacers import shared_pacer
from bot.delivery.sender import Sender, run_sender
from tests.delivery.helpers import FAST_LIMITS, posted_keys, queue_pairs, rows


def test_on_stop_claimed_rows_not_yet_sent_are_handed_back(deps, fake_slack):
    keys = queue_pairs(deps, fake_slack, 8)
    stop = threading.Event()
    # Slack's real pace (not the tests' faster one): after a burst of two, one
    # conversations.open every 1.3 s, so the stop lands long before the eighth intro.
    worker = threading.Thread(
        target=run_sender, args=(deps, stop), kwargs={"idle_wait": 0.05, "limits": SLACK_LIMITS}
    )
    worker.start()
    fake_slack.wait_for("chat.postMessage", count=2, timeout=10)
    stop.set()
    worker.join(timeout=10)
    assert not worker.is_alive()

    by_status = {row.idempotency_key: row for row in rows(deps)}
    sent = {key for key, row in by_status.items() if row.status == "sent"}
    assert set(posted_keys(fake_slack)) == sent and 2 <= len(sent) < len(keys)
    handed_back = [row for row in by_status.values() if row.status != "sent"]
    assert all(row.status == "pending" and row.claim_token is None for row in handed_back)

    # Nothing was lost: another run delivers the rest, once each.
    run_sender(deps, threading.Event(), until_idle=True, idle_wait=0.05, limits=FAST_LIMITS)
    assert posted_keys(fake_slack) == {key: 1 for key in keys}


def test_senders_built_on_the_same_deps_share_one_pacer(deps):
    first, second = Sender(deps), Sender(deps, worker_id="other")
    assert first.pacer is second.pacer is shared_pacer(deps, deps.send_limits)
    assert Sender(deps, limits=SLACK_LIMITS).pacer is not first.pacer  # other limits, own pacer


def test_threads_running_senders_together_stay_within_one_workspace_limit(deps, fake_slack):
    keys = queue_pairs(deps, fake_slack, 12)
    limits = SLACK_LIMITS.scaled(10)  # conversations.open: 50 per 6 s, burst 2
    stop = threading.Event()
    workers = [
        threading.Thread(
            target=run_sender,
            args=(deps, stop),
            kwargs={"worker_id": f"w{n}", "until_idle": True, "idle_wait": 0.05, "limits": limits},
        )
        for n in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    opens = sorted(call.at for call in fake_slack.calls_to("conversations.open"))
    rate = limits.for_method(OPEN_CONVERSATION)
    assert rate is not None
    # Twelve opens at one pace, not three paces side by side: after the burst of two, ten
    # more at 1/(sustained rate) apart each.
    interval = 1 / rate.sustained_per_second(limits.headroom)
    assert opens[-1] - opens[0] >= 10 * interval * 0.8
