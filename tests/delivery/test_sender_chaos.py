"""A Slack that answers 429 with Retry-After, random 5xx and lost answers still gets every
message exactly once."""

from __future__ import annotations

import dataclasses
import random
import threading
import time

from bot.core.deps import utc_now
from bot.delivery.sender import run_sender
from tests.delivery.helpers import FAST_LIMITS, posted_keys, queue_pairs, queue_to_channel, rows


def lose_some_answers(fake, method: str, *, probability: float, seed: int) -> None:
    """Slack handles these calls, but the answer never reaches the caller."""
    rng = random.Random(seed)
    lock = threading.Lock()

    def maybe_drop(_call: object) -> None:
        with lock:
            lose = rng.random() < probability
        if lose:
            raise ConnectionAbortedError("the answer is lost on the way back")

    fake.on_call(method, maybe_drop)


def test_every_message_is_delivered_exactly_once_through_failures(deps, fake_slack):
    # Real time: backoffs and leases have to pass for the retries to come due.
    deps = dataclasses.replace(deps, clock=utc_now)
    fake_slack.ts_clock = time.time
    keys = queue_pairs(deps, fake_slack, 30)
    fake_slack.add_channel("CTEAM")
    keys += queue_to_channel(deps, "CTEAM", [f"notice:{n}" for n in range(5)])
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1, times=3)
    fake_slack.random_failures(
        0.25,
        seed=5,
        statuses=(429, 500, 502, 503, 504),
        methods=("conversations.open", "chat.postMessage", "conversations.history"),
    )
    lose_some_answers(fake_slack, "chat.postMessage", probability=0.2, seed=11)

    stop = threading.Event()
    worker = threading.Thread(
        target=run_sender,
        args=(deps, stop),
        kwargs={
            "until_idle": True,
            "idle_wait": 0.05,
            "limits": FAST_LIMITS,
            "backoff_base": 0.05,
            "backoff_cap": 0.5,
        },
    )
    worker.start()
    worker.join(timeout=120)
    stop.set()
    worker.join(timeout=10)
    assert not worker.is_alive()

    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    assert {row.status for row in rows(deps)} == {"sent"}
    posts = fake_slack.calls_to("chat.postMessage")
    assert any(call.status == 429 for call in posts)
    assert any(call.status >= 500 for call in posts)
    # Lost answers were found in the history instead of being posted again.
    assert len([call for call in posts if call.ok]) == len(keys)
    assert fake_slack.calls_to("conversations.history")
