"""The remembered admin check: one Slack read per person per TTL, even when asked at once."""

from __future__ import annotations

import threading
import time

from bot.core.admin_checks import AdminCheckCache


def test_answers_are_remembered_until_the_ttl_passes_and_can_be_forgotten():
    now = [0.0]
    cache = AdminCheckCache(ttl_seconds=300, clock=lambda: now[0])
    calls = []

    def check() -> bool:
        calls.append(1)
        return True

    assert cache.get(team_id="T1", user_id="U1", check=check) and cache.get(
        team_id="T1", user_id="U1", check=check
    )
    assert len(calls) == 1
    assert cache.get(team_id="T2", user_id="U1", check=check) and len(calls) == 2  # per workspace
    now[0] = 301
    cache.get(team_id="T1", user_id="U1", check=check)
    assert len(calls) == 3
    cache.forget(team_id="T1", user_id="U1")
    cache.get(team_id="T1", user_id="U1", check=check)
    assert len(calls) == 4


def test_requests_arriving_together_share_one_check():
    cache = AdminCheckCache()
    calls = []

    def slow_check() -> bool:
        calls.append(1)
        time.sleep(0.05)
        return False

    request = {"team_id": "T1", "user_id": "U1", "check": slow_check}
    threads = [threading.Thread(target=cache.get, kwargs=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
