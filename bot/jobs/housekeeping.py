"""Small periodic clean-ups that keep tables from growing without bound."""

from __future__ import annotations

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.services.pausing import resume_expired_pauses
from bot.services.seen_events import forget_old_events


def forget_handled_events(deps: Deps) -> int:
    """Forget Events API deliveries old enough that Slack will never retry them."""
    with transaction(deps.sessions) as session:
        return forget_old_events(session, deps.clock())


def end_lapsed_pauses(deps: Deps) -> int:
    """End pauses whose time is up, so stored state matches what rounds and stats see."""
    with transaction(deps.sessions) as session:
        return resume_expired_pauses(session, deps.clock())
