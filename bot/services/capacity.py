"""How many people each member is teaching right now: what capacity is measured against."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Pair, PairStatus


def active_mentoring_counts(
    session: Session, team_id: str, *, leave_out: Collection[int] = ()
) -> Counter[int]:
    """Member id -> active pairs in which they teach (either direction of a two-way pair),
    not counting the pairs in `leave_out`."""
    counts: Counter[int] = Counter()
    rows = session.execute(
        select(Pair.id, Pair.mentor_id, Pair.mentee_id, Pair.return_skill_id).where(
            Pair.team_id == team_id, Pair.status == PairStatus.ACTIVE
        )
    ).all()
    for pair_id, mentor_id, mentee_id, return_skill_id in rows:
        if pair_id in leave_out:
            continue
        counts[mentor_id] += 1
        if return_skill_id is not None:
            counts[mentee_id] += 1
    return counts
