"""Waiting for an effect that a listener or a background thread brings about after the ack."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_until(check: Callable[[], object], *, timeout: float = 5.0, poll: float = 0.02) -> None:
    """Return once ``check()`` is true; fail if it still isn't after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout:g}s: {check}")
        time.sleep(poll)
