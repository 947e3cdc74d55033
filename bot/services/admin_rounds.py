"""Preview the next round and run it now, for program admins.

The preview is `plan_round` — the very function the scheduled round runs — in a session
that is never committed, so it shows exactly what a run would do and leaves no trace.
It includes the admins' solved locks and drops (services/round_shaping.py), as the run
does; changes waiting for a Re-solve are listed, not applied.
Run now goes through `run_round`, with the same claim row per period as the schedule, so
a round runs once however many admins, clicks or replicas ask for it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from sqlalchemy import select

from bot.core.deps import Deps
from bot.db.models import Workspace
from bot.domain.round_preview import (
    AlreadyRan,
    Changed,
    Direction,
    PreviewCircle,
    PreviewPair,
    PreviewUnserved,
    Ran,
    RoundPreview,
    RunResult,
    Skipped,
)
from bot.domain.round_shaping import PendingChange
from bot.matching import Pair as EnginePair
from bot.services.round_drafts import draft_rows, shaping_of
from bot.services.rounds import OnRun, plan_round, run_round
from bot.services.schedules import ensure_schedule
from bot.services.settings import next_round
from bot.services.two_way import fold_two_way


class UnknownWorkspace(Exception):
    pass


def preview_round(deps: Deps, team_id: str, *, now: datetime | None = None) -> RoundPreview:
    """What the next round would do if it ran now; nothing is stored."""
    now = now or deps.clock()
    # Never committed: the first look may create the default schedule, which the real
    # run creates again in its own transaction.
    with deps.sessions() as session:
        if session.scalar(select(Workspace.id).where(Workspace.team_id == team_id)) is None:
            raise UnknownWorkspace(team_id)
        schedule = ensure_schedule(session, team_id, now)
        upcoming = next_round(session, schedule, now)
        rows = draft_rows(session, team_id=team_id, period=upcoming.period)
        shaping = shaping_of(rows, with_pending=False)
        plan = plan_round(session, schedule, now, shaping=shaping)
        labels = plan.input.labels
        pending = tuple(
            PendingChange(
                kind=row.kind,
                mentor=row.mentor,
                mentee=row.mentee,
                skill=labels.get(row.skill, row.skill) if row.skill else None,
            )
            for row in rows
            if row.pending
        )
        session.rollback()
    locked = {(lock.mentor, lock.mentee) for lock in plan.result.locked}

    def direction(pair: EnginePair) -> Direction:
        return Direction(
            mentor=pair.mentor,
            mentee=pair.mentee,
            skill=labels.get(pair.skill, pair.skill),
            reasons=tuple(pair.reasons),
        )

    pairs = tuple(
        PreviewPair(
            main=direction(folded.main),
            back=direction(folded.back) if folded.back is not None else None,
            score=folded.score,
            two_way=folded.two_way,
            reverse=folded.reverse,
            locked=(folded.main.mentor, folded.main.mentee) in locked,
        )
        for folded in fold_two_way(plan.result.pairs)
    )
    unserved = tuple(
        PreviewUnserved(
            person=item.participant, skill=labels.get(item.skill, item.skill), reason=item.reason
        )
        for item in plan.unserved
    )
    circles = tuple(
        PreviewCircle(circle.mentor, circle.learners, labels.get(circle.skill, circle.skill))
        for circle in plan.result.circles
    ) + tuple(
        PreviewCircle(None, peer.learners, labels.get(peer.skill, peer.skill))
        for peer in plan.peers
    )
    settings = plan.input.settings
    fingerprint = hashlib.sha256(
        json.dumps(
            [
                upcoming.period,
                plan.input.digest(),
                settings.cooldown_weeks,
                settings.max_tz_gap_hours,
                settings.two_way_bonus,
                shaping.digest_part(),
            ]
        ).encode()
    ).hexdigest()
    return RoundPreview(
        upcoming=upcoming,
        fingerprint=fingerprint,
        participants=len(plan.input.participants),
        open_requests=sum(len(p.requests) for p in plan.input.participants),
        pairs=pairs,
        unserved=unserved,
        optimal=plan.result.optimal,
        shaped=len(rows) - len(pending),
        pending=pending,
        circles=circles,
    )


def run_now(
    deps: Deps,
    team_id: str,
    *,
    period: str,
    fingerprint: str | None = None,
    on_run: OnRun | None = None,
) -> RunResult:
    """Run the round of `period` now, as the schedule would.

    With `fingerprint` (from a preview), the round runs only if its input is still what
    the preview showed; otherwise the fresh preview comes back and nothing runs.
    """
    now = deps.clock()
    fresh = preview_round(deps, team_id, now=now)
    if any(skipped.key == period for skipped in fresh.upcoming.skipped):
        return Skipped(period)
    if fresh.period != period:
        return AlreadyRan(period)
    if fingerprint is not None and fresh.fingerprint != fingerprint:
        return Changed(fresh)
    outcome = run_round(deps, team_id, period=period, now=now, trigger="manual", on_run=on_run)
    return Ran(outcome) if outcome is not None else AlreadyRan(period)
