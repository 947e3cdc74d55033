"""Workspace owners and admins per workspace, remembered for a few minutes.

Finding them means paging through `users.list` (Tier 2, about 20 calls a minute), far too
slow and costly to repeat on every "Need help" click in a large workspace. Admin lists
change rarely, so each process keeps the last answer per workspace for `ttl_seconds`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient

from bot.slack.workspace_admins import workspace_admins

DEFAULT_TTL_SECONDS = 600.0


class WorkspaceAdminDirectory:
    def __init__(
        self,
        *,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._team_locks: dict[str, threading.Lock] = {}
        self._known: dict[str, tuple[float, list[str]]] = {}

    def _fresh(self, team_id: str) -> list[str] | None:
        with self._lock:
            cached = self._known.get(team_id)
        if cached is not None and self._clock() - cached[0] < self._ttl:
            return list(cached[1])
        return None

    def admins(self, client: WebClient, team_id: str) -> list[str]:
        """The workspace's owners and admins, read from Slack at most once per TTL.

        Clicks arriving together wait for one read instead of each paging `users.list`.
        """
        found = self._fresh(team_id)
        if found is not None:
            return found
        with self._lock:
            team_lock = self._team_locks.setdefault(team_id, threading.Lock())
        with team_lock:
            found = self._fresh(team_id)
            if found is None:
                found = workspace_admins(client)
                with self._lock:
                    self._known[team_id] = (self._clock(), found)
            return list(found)


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
