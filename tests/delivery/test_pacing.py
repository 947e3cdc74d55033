"""The pacer's arithmetic, on a clock the test moves by hand."""

from __future__ import annotations

import pytest

from bot.core.send_limits import OPEN_CONVERSATION, POST_MESSAGE, SLACK_LIMITS, Rate, SendLimits
from bot.delivery.pacing import Pacer, channel_key, workspace_key

LIMITS = SendLimits(
    per_workspace=((POST_MESSAGE, Rate(10, 1.0, burst=2)), (OPEN_CONVERSATION, Rate(4, 1.0))),
    post_per_channel=Rate(1, 0.5),
    headroom=0.0,
)


class ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def pacer(clock: ManualClock) -> Pacer:
    return Pacer(LIMITS, monotonic=clock)


def granted(pacer: Pacer, keys) -> bool:
    return pacer.try_acquire(keys)[1] is None


def test_a_burst_then_the_sustained_pace(pacer, clock):
    opens = [workspace_key("T1", OPEN_CONVERSATION)]
    assert granted(pacer, opens)
    wait, key = pacer.try_acquire(opens)
    assert key == opens[0] and wait == pytest.approx(0.25)
    clock.now += 0.25
    assert granted(pacer, opens)


def test_no_window_of_the_limit_ever_holds_more_calls_than_allowed(pacer, clock):
    keys = pacer.keys_for("T1", POST_MESSAGE)
    times = []
    for _ in range(200):
        wait, _key = pacer.try_acquire(keys)
        if wait:
            clock.now += wait
            assert granted(pacer, keys)
        times.append(clock.now)
    # 10 calls per second: call i and call i+10 are never less than a second apart.
    assert min(b - a for a, b in zip(times, times[10:], strict=False)) >= 1.0 - 1e-9
    assert (len(times) - 1) / (times[-1] - times[0]) == pytest.approx(9.0, rel=0.01)


def test_a_post_draws_from_its_channel_and_its_workspace(pacer, clock):
    to_a = pacer.keys_for("T1", POST_MESSAGE, "GA")
    assert to_a == [workspace_key("T1", POST_MESSAGE), channel_key("T1", POST_MESSAGE, "GA")]
    assert granted(pacer, to_a)
    wait, key = pacer.try_acquire(to_a)
    assert key == channel_key("T1", POST_MESSAGE, "GA") and wait == pytest.approx(0.5)
    # Another channel is free, and the refused call took nothing from the workspace.
    assert granted(pacer, pacer.keys_for("T1", POST_MESSAGE, "GB"))
    wait, key = pacer.try_acquire(pacer.keys_for("T1", POST_MESSAGE, "GC"))
    assert key == workspace_key("T1", POST_MESSAGE)


def test_retry_after_blocks_that_method_in_that_workspace_only(pacer, clock):
    posts_t1 = pacer.keys_for("T1", POST_MESSAGE)
    pacer.penalize(posts_t1[0], 30)
    wait, key = pacer.try_acquire(posts_t1)
    assert key == posts_t1[0] and wait == pytest.approx(30.0)
    assert granted(pacer, pacer.keys_for("T2", POST_MESSAGE))
    assert granted(pacer, pacer.keys_for("T1", OPEN_CONVERSATION))
    clock.now += 30
    assert granted(pacer, posts_t1)
    assert not granted(pacer, posts_t1)  # one call, then the sustained pace again


def test_methods_without_a_limit_are_not_paced(pacer):
    keys = pacer.keys_for("T1", "users.info")
    assert all(granted(pacer, keys) for _ in range(1000))


def test_rates_and_their_scaling():
    post = SLACK_LIMITS.for_method(POST_MESSAGE)
    assert post is not None and post.allowed_per_second() == 5.0
    assert post.sustained_per_second(0.0) == pytest.approx(298 / 60)
    fast = SLACK_LIMITS.scaled(60)
    assert fast.for_method(OPEN_CONVERSATION) == Rate(50, 1.0, burst=2)
    assert fast.post_per_channel == Rate(1, 1 / 60)
    with pytest.raises(ValueError):
        Rate(5, 1.0, burst=6)
