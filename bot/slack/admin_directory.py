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
