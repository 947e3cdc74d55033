"""Python's cycle collector, held off while a round runs.

A round allocates a few hundred thousand small objects (the cohort's arrays are built from
participants, the result holds a pair and a reason per person), and it makes no reference
cycles that need collecting while it runs. The collector still wakes up every few hundred
allocations, and every so often walks all the objects alive, which in a big round are
mostly the round's own. At 50,000 people those walks were 5-10% of the round, and nearly
nothing at 10,000, so they were part of why a round's time grew faster than the cohort.

The collector is held off for the duration of the round and switched back on after it, as
it was found: rounds may run side by side in threads, so the first one in switches it off
and the last one out restores it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off automatic cycle collection inside the block (reference counting still frees
    memory as usual); on leaving it, the last block out puts back the collector's state."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
