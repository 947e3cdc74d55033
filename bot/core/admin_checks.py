"""Whether a person is a program admin, remembered per process for a few minutes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class AdminCheckCache:
    """Whether a person is a program admin, remembered briefly — for display only.

    App Home is published after every change a person makes; asking `users.info` each
    time would double the Slack calls of every command. The admin section shown from a
    remembered answer is harmless: every admin action checks afresh before doing anything.
    """

    def __init__(
        self, *, ttl_seconds: float = 300.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._person_locks: dict[tuple[str, str], threading.Lock] = {}
        self._known: dict[tuple[str, str], tuple[float, bool]] = {}

    def _fresh(self, key: tuple[str, str]) -> bool | None:
        with self._lock:
            cached = self._known.get(key)
        if cached is not None and self._clock() - cached[0] < self._ttl:
            return cached[1]
        return None

    def get(self, *, team_id: str, user_id: str, check: Callable[[], bool]) -> bool:
        """The remembered answer, or `check()`'s; refreshes arriving together share one."""
        key = (team_id, user_id)
        allowed = self._fresh(key)
        if allowed is not None:
            return allowed
        with self._lock:
            person_lock = self._person_locks.setdefault(key, threading.Lock())
        with person_lock:
            allowed = self._fresh(key)
            if allowed is None:
                allowed = check()
                with self._lock:
                    self._known[key] = (self._clock(), allowed)
            return allowed

    def forget(self, *, team_id: str, user_id: str) -> None:
        """Drop what we remember (after `admin add` / `admin remove`)."""
        with self._lock:
            self._known.pop((team_id, user_id), None)
