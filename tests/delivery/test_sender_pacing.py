"""Pacing seen from Slack's side: the times at which the fake received each call."""

from __future__ import annotations

import time

from bot.core.send_limits import OPEN_CONVERSATION, POST_MESSAGE, READ_HISTORY, Rate, SendLimits
from bot.delivery.pacing import Pacer
from bot.delivery.sender import send_due_messages
from tests.delivery.helpers import posted_keys, queue_pairs, queue_to_channel

LIMITS = SendLimits(
    per_workspace=(
        (POST_MESSAGE, Rate(10, 1.0, burst=2)),
        (OPEN_CONVERSATION, Rate(4, 1.0)),
        (READ_HISTORY, Rate(4, 1.0)),
    ),
    post_per_channel=Rate(1, 0.5),
)
# Calls are paced on our side and timed on the fake's: the network may bring two calls a
# little closer together than they left. Compare against 80 % of each window.
JITTER_ALLOWANCE = 0.8


def assert_never_more_than(times: list[float], calls: int, seconds: float) -> None:
    """No `calls + 1` of `times` fall within (80 % of) `seconds`."""
    times = sorted(times)
    closest = min((b - a for a, b in zip(times, times[calls:], strict=False)), default=float("inf"))
    assert closest >= seconds * JITTER_ALLOWANCE, (calls, seconds, closest)


def test_calls_stay_within_each_methods_limit_per_workspace_and_channel(deps, fake_slack):
    client_channel = fake_slack.add_channel("CPAIRS")["id"]
    same_channel = queue_to_channel(deps, client_channel, [f"checkin:{n}" for n in range(5)])
    intros = queue_pairs(deps, fake_slack, 10)
    started = time.monotonic()
    assert send_due_messages(deps, limits=LIMITS, pacer=Pacer(LIMITS)) == 15
    took = time.monotonic() - started

    assert posted_keys(fake_slack) == {key: 1 for key in same_channel + intros}
    opens = [call.at for call in fake_slack.calls_to("conversations.open")]
    posts = fake_slack.calls_to("chat.postMessage")
    assert_never_more_than(opens, 4, 1.0)
    assert_never_more_than([call.at for call in posts], 10, 1.0)
    assert_never_more_than(
        [call.at for call in posts if call.params["channel"] == client_channel], 1, 0.5
    )
    assert fake_slack.rate_limited_count("chat.postMessage") == 0
    # Ten opens at four a second take about 2.5 s: paced, not stalled.
    assert took < 20


def test_retry_after_holds_back_only_that_workspace(deps, fake_slack):
    fake_slack.add_workspace("T2", bot_token="xoxb-t2")
    tokens = {"T1": "xoxb-test", "T2": "xoxb-t2"}
    first = queue_pairs(deps, fake_slack, 3, team_id="T1")
    second = queue_pairs(deps, fake_slack, 3, team_id="T2")
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=2, team_id="T1")

    send_due_messages(deps, limits=LIMITS, pacer=Pacer(LIMITS), token_for=tokens.get)

    assert posted_keys(fake_slack, team_id="T1") == {key: 1 for key in first}
    assert posted_keys(fake_slack, team_id="T2") == {key: 1 for key in second}
    posts = fake_slack.calls_to("chat.postMessage")
    [refused] = [call for call in posts if call.status == 429]
    t1_posted = [call.at for call in posts if call.ok and call.token == "xoxb-test"]
    t2_posted = [call.at for call in posts if call.ok and call.token == "xoxb-t2"]
    # T1 waited out its Retry-After; T2 went on meanwhile.
    assert min(t1_posted) >= refused.at + 2 * JITTER_ALLOWANCE
    assert max(t2_posted) < refused.at + 2 * JITTER_ALLOWANCE
    # Opening conversations in T1 was not held back by the posts' 429 either.
    t1_opens = [c.at for c in fake_slack.calls_to("conversations.open") if c.token == "xoxb-test"]
    assert max(t1_opens) < refused.at + 2 * JITTER_ALLOWANCE
