"""Which pairs the everyday rounds see: a program's pairs count there only when the
program says so (its "also count in the everyday rounds" box)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Pair, Program


def pairs_outside_pool(session: Session, team_id: str) -> set[int]:
    """Ids of the workspace's pairs made by programs whose pairs don't count in the pool."""
    return set(
        session.scalars(
            select(Pair.id)
            .join(Program, Program.id == Pair.program_id)
            .where(Pair.team_id == team_id, Program.counts_in_pool.is_(False))
        )
    )
