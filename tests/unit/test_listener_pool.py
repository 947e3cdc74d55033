"""The listener pool knows when all work is done, including work started by work."""

from __future__ import annotations

import threading

from bot.core.listener_pool import ListenerPool


def test_idle_waits_for_work_and_for_what_that_work_started():
    pool = ListenerPool(max_workers=2)
    release = threading.Event()
    done: list[str] = []

    def second() -> None:
        release.wait(5)
        done.append("second")

    def first() -> None:
        pool.submit(second)
        done.append("first")

    pool.submit(first)
    assert pool.wait_idle(0.2) is False  # `second` is still waiting
    assert pool.pending == 1
    release.set()
    assert pool.wait_idle(5) is True
    assert done == ["first", "second"] and pool.pending == 0
    pool.shutdown()


def test_failed_work_counts_as_finished():
    pool = ListenerPool(max_workers=1)

    def boom() -> None:
        raise RuntimeError("a listener failed")

    future = pool.submit(boom)
    assert pool.wait_idle(5) and isinstance(future.exception(), RuntimeError)
    pool.shutdown()


def test_an_idle_pool_answers_at_once():
    pool = ListenerPool(max_workers=1)
    assert pool.wait_idle(0)  # no time to wait, and no need to
    pool.submit(lambda: None).result(5)
    assert pool.wait_idle(5) and pool.wait_idle(0)
    pool.shutdown()
