"""Small periodic clean-ups that keep tables from growing without bound."""

from __future__ import annotations

from bot.db.session import transaction
from bot.deps import Deps
from bot.services.lifecycle import forget_old_events


def forget_handled_events(deps: Deps) -> int:
    """Forget Events API deliveries old enough that Slack will never retry them."""
    with transaction(deps.sessions) as session:
        return forget_old_events(session, deps.clock())
