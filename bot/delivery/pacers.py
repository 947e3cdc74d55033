"""One in-memory pacer per `Deps` and limits, shared by every sender of a process."""

from __future__ import annotations

import threading
import weakref

from bot.core.deps import Deps
from bot.core.send_limits import SendLimits
from bot.delivery.pacing import Pacer

# One pacer per Deps (so per process, in production), shared by every sender built on it:
# threads that each run a sender still stay, together, within the limits.
_pacers: weakref.WeakKeyDictionary[Deps, dict[SendLimits, Pacer]] = weakref.WeakKeyDictionary()
_pacers_lock = threading.Lock()


def shared_pacer(deps: Deps, limits: SendLimits) -> Pacer:
    """The process's pacer for `limits`, built on first use."""
    with _pacers_lock:
        by_limits = _pacers.setdefault(deps, {})
        return by_limits.setdefault(limits, Pacer(limits))
