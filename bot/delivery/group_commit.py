"""One transaction for many small writes: the sender's threads share each commit.

Recording a Slack answer is one small UPDATE, but a commit waits for the disk (several
milliseconds on SQLite, which also has a single writer). Threads hand their writes to one
committing thread, which applies everything queued meanwhile in a single transaction, so
the number of commits stays low whatever the sending rate.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.db.session import transaction

log = logging.getLogger(__name__)

Write = Callable[..., object]
_Item = tuple[Write, tuple[Any, ...], dict[str, Any], "Future[bool]"]


class GroupCommitter:
    """Applies `write(session, *args, **kwargs)` calls in shared transactions."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        exclusive: Callable[[], AbstractContextManager[object]],
        max_batch: int = 200,
    ) -> None:
        self._sessions = sessions
        self._exclusive = exclusive
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._commit_forever, name="outbox-commit")
        self._thread.daemon = True
        self._thread.start()

    def write(self, write: Write, *args: Any, **kwargs: Any) -> bool:
        """Apply one write and wait until it is committed; returns its truth value."""
        done: Future[bool] = Future()
        self._queue.put((write, args, kwargs, done))
        return done.result()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _commit_forever(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            while len(batch) < self._max_batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._commit(batch)
                    return
                batch.append(more)
            self._commit(batch)

    def _commit(self, batch: list[_Item]) -> None:
        try:
            with self._exclusive(), transaction(self._sessions) as session:
                results = [
                    bool(write(session, *args, **kwargs)) for write, args, kwargs, _ in batch
                ]
        except Exception:
            # One bad write must not sink the others: apply each on its own.
            if len(batch) > 1:
                for item in batch:
                    self._commit([item])
                return
            _write, _args, _kwargs, done = batch[0]
            log.exception("recording a delivery outcome failed")
            done.set_exception(RuntimeError("recording a delivery outcome failed"))
            return
        for (_write, _args, _kwargs, done), result in zip(batch, results, strict=True):
            done.set_result(result)
