"""The thread pool listeners run on after the ack: it knows when all their work is done.

Stopping the bot waits for that (a person's submission half stored is worse than a
second's delay), and tests wait for it before asserting that a request changed nothing.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class ListenerPool(ThreadPoolExecutor):
    """A ThreadPoolExecutor that counts the work submitted and not yet finished."""

    def __init__(self, max_workers: int, thread_name_prefix: str = "listener") -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix=thread_name_prefix)
        self._pending = 0
        self._idle = threading.Condition()
        _LIVE.add(self)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._idle:
            self._pending += 1
        try:
            future = super().submit(fn, *args, **kwargs)
        except BaseException:
            self._finished(None)
            raise
        future.add_done_callback(self._finished)
        return future

    def _finished(self, _future: Future[Any] | None) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()

    @property
    def pending(self) -> int:
        """Work submitted and not finished (queued or running)."""
        with self._idle:
            return self._pending

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no work is queued or running; False if `timeout` seconds passed first.

        Work a listener submits while it runs counts before the listener itself finishes,
        so idle means everything that followed from the requests so far is done.
        """
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True


# Every pool in this process, so that whoever checks what the listeners did (a test's
# teardown comparing the Slack calls made) can first wait for all of them to finish.
_LIVE: weakref.WeakSet[ListenerPool] = weakref.WeakSet()


def wait_all_idle(timeout: float) -> bool:
    """Wait until every listener pool in this process is idle; False if `timeout` passed."""
    deadline = time.monotonic() + timeout
    return all(pool.wait_idle(max(0.0, deadline - time.monotonic())) for pool in list(_LIVE))
