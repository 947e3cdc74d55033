"""Small periodic jobs: clean-ups that keep tables from growing without bound, and the
learner's nudge to find a first meeting time."""

from __future__ import annotations

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.services.meeting_nudges import send_schedule_nudges
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


def nudge_unscheduled_pairs(deps: Deps) -> int:
    """One nudge to each learner whose pair has found no time after five working days."""
    with transaction(deps.sessions) as session:
        return send_schedule_nudges(session, deps.clock())
