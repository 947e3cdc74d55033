"""Pacing of Slack calls: one token bucket per (workspace, method[, channel]).

Pure bookkeeping on an injected monotonic clock, shared by all the sender's threads. A
429 answer blocks only its own (workspace, method) for `Retry-After` seconds, so other
workspaces and other methods carry on.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.delivery.limits import POST_MESSAGE, Rate, SendLimits

# (team_id, method, channel or "" for the workspace-wide limit)
PaceKey = tuple[str, str, str]

# Rounding of float arithmetic: a bucket this close to a whole token has it.
_EPSILON = 1e-9
# Idle per-channel buckets are forgotten once there are this many, to bound memory.
_MAX_IDLE_BUCKETS = 10_000


def workspace_key(team_id: str, method: str) -> PaceKey:
    return (team_id, method, "")


def channel_key(team_id: str, method: str, channel: str) -> PaceKey:
    return (team_id, method, channel)


@dataclass
class _Bucket:
    capacity: float
    per_second: float
    tokens: float
    updated: float
    blocked_until: float = 0.0

    def refill(self, now: float) -> None:
        start = max(self.updated, self.blocked_until)
        if now > start:
            self.tokens = min(self.capacity, self.tokens + (now - start) * self.per_second)
            self.updated = now

    def wait(self, now: float) -> float:
        missing = 0.0 if self.tokens >= 1.0 - _EPSILON else 1.0 - self.tokens
        if now < self.blocked_until:
            return self.blocked_until - now + missing / self.per_second
        return missing / self.per_second

    def idle(self, now: float) -> bool:
        return self.tokens >= self.capacity and now >= self.blocked_until


class Pacer:
    """Grants calls within `limits`; thread-safe."""

    def __init__(
        self, limits: SendLimits, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._buckets: dict[PaceKey, _Bucket] = {}

    def keys_for(self, team_id: str, method: str, channel: str | None = None) -> list[PaceKey]:
        """The buckets a call draws from: the workspace's, and a channel's for posts."""
        keys = [workspace_key(team_id, method)]
        if method == POST_MESSAGE and channel:
            keys.append(channel_key(team_id, method, channel))
        return keys

    def try_acquire(self, keys: Sequence[PaceKey]) -> tuple[float, PaceKey | None]:
        """Take one call from every bucket at once, or none.

        Returns (0.0, None) when granted, else (seconds to wait, the bucket that waits longest).
        """
        with self._lock:
            now = self._monotonic()
            buckets = [(key, self._bucket(key, now)) for key in keys]
            longest, blocking = 0.0, None
            for key, bucket in buckets:
                if bucket is None:
                    continue
                bucket.refill(now)
                wait = bucket.wait(now)
                if wait > longest:
                    longest, blocking = wait, key
            if blocking is not None:
                return longest, blocking
            for _key, bucket in buckets:
                if bucket is not None:
                    bucket.tokens -= 1.0
            return 0.0, None

    def penalize(self, key: PaceKey, retry_after: float) -> None:
        """Slack said 429: nothing more on `key` for `retry_after` seconds, then one call."""
        with self._lock:
            now = self._monotonic()
            bucket = self._bucket(key, now)
            if bucket is None:
                return
            bucket.blocked_until = max(bucket.blocked_until, now + retry_after)
            bucket.tokens = min(bucket.tokens, 1.0)
            bucket.updated = bucket.blocked_until

    def _rate(self, key: PaceKey) -> Rate | None:
        _team, method, channel = key
        if channel:
            return self.limits.post_per_channel if method == POST_MESSAGE else None
        return self.limits.for_method(method)

    def _bucket(self, key: PaceKey, now: float) -> _Bucket | None:
        bucket = self._buckets.get(key)
        if bucket is not None:
            return bucket
        rate = self._rate(key)
        if rate is None:
            return None
        if len(self._buckets) >= _MAX_IDLE_BUCKETS:
            self._forget_idle(now)
        bucket = _Bucket(
            capacity=float(rate.burst),
            per_second=rate.sustained_per_second(self.limits.headroom),
            tokens=float(rate.burst),
            updated=now,
        )
        self._buckets[key] = bucket
        return bucket

    def _forget_idle(self, now: float) -> None:
        for key, bucket in list(self._buckets.items()):
            if not key[2]:
                continue
            bucket.refill(now)  # a bucket is idle once it has refilled to the brim
            if bucket.idle(now):
                del self._buckets[key]
