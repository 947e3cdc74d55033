"""Claim a period's work once: a row unique per (workspace, period), added in a savepoint.

Rounds, the weekly check-in pass and a skipped round each own their period by storing one
row; whoever stores it first does the work, and everyone else (another replica, a double
click, a retry) finds it taken and does nothing.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.models import Base


def claim_period(session: Session, claim: Base) -> bool:
    """Store `claim`; False when its period was already claimed (nothing else rolls back)."""
    try:
        with session.begin_nested():
            session.add(claim)
            session.flush()
    except IntegrityError:
        return False
    return True
