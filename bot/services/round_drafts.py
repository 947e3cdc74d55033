"""The stored draft of a round an admin is shaping: its locks and drops, as engine input.

Changes wait as `pending` until an admin re-solves; the preview and the run use only the
solved ones, so what the preview shows is what a run makes. A lock that can no longer be
kept (someone paused or left since) is left out, never allowed to stop the round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import RoundDraftChange
from bot.matching import Forbidden, Lock, MatchSettings, Participant, PastPair, lock_problems

LOCK = "lock"
DROP = "drop"


@dataclass(frozen=True, slots=True)
class Shaping:
    """Locks and drops to hand to the engine."""

    locks: tuple[Lock, ...] = ()
    drops: tuple[Forbidden, ...] = ()

    def digest_part(self) -> list[list[str]]:
        return sorted(
            [[LOCK, lock.mentor, lock.mentee, lock.skill] for lock in self.locks]
            + [[DROP, drop.mentor, drop.mentee, drop.skill or ""] for drop in self.drops]
        )


def draft_rows(session: Session, *, team_id: str, period: str) -> list[RoundDraftChange]:
    return list(
        session.scalars(
            select(RoundDraftChange)
            .where(RoundDraftChange.team_id == team_id, RoundDraftChange.period == period)
            .order_by(RoundDraftChange.id)
        )
    )


def shaping_of(rows: Sequence[RoundDraftChange], *, with_pending: bool) -> Shaping:
    chosen = [row for row in rows if with_pending or not row.pending]
    return Shaping(
        locks=tuple(
            Lock(row.mentor, row.mentee, row.skill or "") for row in chosen if row.kind == LOCK
        ),
        drops=tuple(
            Forbidden(row.mentor, row.mentee, row.skill) for row in chosen if row.kind == DROP
        ),
    )


def keepable(
    shaping: Shaping,
    participants: Sequence[Participant],
    *,
    history: Sequence[PastPair],
    blocks: Sequence[tuple[str, str]],
    settings: MatchSettings,
) -> Shaping:
    """The shaping without the locks that can no longer be kept, first come first kept."""
    kept: list[Lock] = []
    for lock in shaping.locks:
        problems = lock_problems(
            lock,
            participants,
            history=history,
            blocks=blocks,
            dropped=shaping.drops,
            other_locks=[*kept, lock],
            settings=settings,
        )
        if not problems:
            kept.append(lock)
    return Shaping(locks=tuple(kept), drops=shaping.drops)


def solved_shaping(session: Session, *, team_id: str, period: str) -> Shaping:
    return shaping_of(draft_rows(session, team_id=team_id, period=period), with_pending=False)


def clear_draft(session: Session, *, team_id: str, period: str) -> None:
    """The round ran: its draft has done its job."""
    session.execute(
        delete(RoundDraftChange).where(
            RoundDraftChange.team_id == team_id, RoundDraftChange.period == period
        )
    )
