"""Admins shape the next round: lock, drop, swap and add pairs, then re-solve exactly.

Every change is stored on the round's draft (services/round_drafts.py) as pending and
recorded in `admin_changes` (who, what, when). Re-solve applies the pending changes: the
engine keeps the locks, forbids the drops and solves the rest exactly, with its proof;
the admin sees what changed against the round as it was before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.db.models import AdminChange, RoundApproval, RoundDraftChange, Schedule
from bot.db.session import transaction
from bot.domain.round_shaping import DiffPair, ShapeDiff, ShapeRefused, SwapChoice, SwapOption
from bot.matching import Lock, Participant, diff_rounds, lock_problems
from bot.matching import Pair as EnginePair
from bot.matching.locks import lock_score
from bot.matching.reasons import Labels, pair_reasons
from bot.matching.scoring import two_way_skills
from bot.services.round_drafts import DROP, LOCK, Shaping, draft_rows, keepable, shaping_of
from bot.services.rounds import RoundInput, RoundPlan, load_round_input, plan_with_input
from bot.services.schedules import ensure_schedule
from bot.services.settings import next_round
from bot.skills.normalise import InvalidSkill, normalize_skill

SWAP_OPTIONS = 5  # alternatives shown for one learner


@dataclass
class _Round:
    """The next round as it stands: its period, the engine's input and the stored draft."""

    period: str
    data: RoundInput
    rows: list[RoundDraftChange]

    def shaping(self, *, with_pending: bool) -> Shaping:
        return shaping_of(self.rows, with_pending=with_pending)

    def plan(self, *, with_pending: bool = False) -> RoundPlan:
        return plan_with_input(self.data, self.shaping(with_pending=with_pending))

    def participant(self, user_id: str) -> Participant | None:
        return next((p for p in self.data.participants if p.id == user_id), None)


def _next_round(session: Session, team_id: str, now: datetime) -> _Round:
    schedule = ensure_schedule(session, team_id, now)
    period = next_round(session, schedule, now).period
    return _Round(
        period=period,
        data=load_round_input(session, schedule, now),
        rows=draft_rows(session, team_id=team_id, period=period),
    )


def _record(
    session: Session,
    *,
    team_id: str,
    actor: str,
    action: str,
    period: str,
    mentor: str = "",
    mentee: str = "",
    skill: str = "",
    now: datetime,
) -> None:
    session.add(
        AdminChange(
            team_id=team_id,
            actor=actor,
            action=action,
            period=period,
            mentor=mentor,
            mentee=mentee,
            skill=skill,
            at=now,
        )
    )


def _put(
    session: Session,
    current: _Round,
    *,
    team_id: str,
    actor: str,
    kind: str,
    mentor: str,
    mentee: str,
    skill: str | None,
) -> None:
    """Store one change of a pair, replacing what the draft said about that pair before."""
    for row in [r for r in current.rows if (r.mentor, r.mentee) == (mentor, mentee)]:
        session.delete(row)
        current.rows.remove(row)
    session.flush()
    row = RoundDraftChange(
        team_id=team_id,
        period=current.period,
        kind=kind,
        mentor=mentor,
        mentee=mentee,
        skill=skill,
        pending=True,
        created_by=actor,
    )
    session.add(row)
    current.rows.append(row)


def _pair_in_preview(current: _Round, *, mentor: str, mentee: str) -> list[EnginePair]:
    """The directions of the preview's pair of these two (two for a two-way pair)."""
    pairs = current.plan().result.pairs
    main = [p for p in pairs if (p.mentor, p.mentee) == (mentor, mentee)]
    back = [p for p in pairs if (p.mentor, p.mentee) == (mentee, mentor)]
    return main + back if main else []


GONE = ShapeRefused(("That pair is no longer in the preview. Open the preview again.",))


def _problems(
    current: _Round, lock: Lock, locks: list[Lock], *, replaces_drop: bool = True
) -> list[str]:
    """Why the lock can't be kept; with `replaces_drop`, a drop of the same pair doesn't
    count (locking a dropped pair takes the drop back)."""
    shaping = current.shaping(with_pending=True)
    drops = [
        d
        for d in shaping.drops
        if not (replaces_drop and (d.mentor, d.mentee) == (lock.mentor, lock.mentee))
    ]
    data = current.data
    return [
        problem.text
        for problem in lock_problems(
            lock,
            data.participants,
            history=data.history,
            blocks=data.blocks,
            dropped=drops,
            other_locks=locks,
            settings=data.settings,
            skill_labels=data.labels,
        )
    ]


def _other_locks(current: _Round, mentee: str) -> list[Lock]:
    """The draft's locks, without the learner's own (a new lock replaces it)."""
    return [lock for lock in current.shaping(with_pending=True).locks if lock.mentee != mentee]


def _lock(
    session: Session, current: _Round, lock: Lock, *, team_id: str, actor: str
) -> ShapeRefused | None:
    locks = _other_locks(current, lock.mentee)
    problems = _problems(current, lock, [*locks, lock])
    if problems:
        return ShapeRefused(tuple(problems))
    for row in [r for r in current.rows if r.kind == LOCK and r.mentee == lock.mentee]:
        session.delete(row)
        current.rows.remove(row)
    _put(
        session,
        current,
        team_id=team_id,
        actor=actor,
        kind=LOCK,
        mentor=lock.mentor,
        mentee=lock.mentee,
        skill=lock.skill,
    )
    return None


def lock_pair(
    deps: Deps, team_id: str, *, actor: str, mentor: str, mentee: str
) -> ShapeRefused | None:
    """Lock the preview's pair of these two (both ways, for a two-way pair)."""

    def lock(session: Session, current: _Round, pair: EnginePair) -> ShapeRefused | None:
        wanted = Lock(pair.mentor, pair.mentee, pair.skill)
        return _lock(session, current, wanted, team_id=team_id, actor=actor)

    return _change_pair(deps, team_id, actor=actor, mentor=mentor, mentee=mentee, action="lock",
                        change=lock)  # fmt: skip


def drop_pair(
    deps: Deps, team_id: str, *, actor: str, mentor: str, mentee: str
) -> ShapeRefused | None:
    """Drop the preview's pair of these two (both ways, for a two-way pair)."""

    def drop(session: Session, current: _Round, pair: EnginePair) -> ShapeRefused | None:
        _put(
            session, current, team_id=team_id, actor=actor, kind=DROP,
            mentor=pair.mentor, mentee=pair.mentee, skill=None,
        )  # fmt: skip
        return None

    return _change_pair(deps, team_id, actor=actor, mentor=mentor, mentee=mentee, action="drop",
                        change=drop)  # fmt: skip


def _change_pair(
    deps: Deps,
    team_id: str,
    *,
    actor: str,
    mentor: str,
    mentee: str,
    action: str,
    change: Callable[[Session, _Round, EnginePair], ShapeRefused | None],
) -> ShapeRefused | None:
    """Apply `change` to each direction of the preview's pair and record it, or nothing."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        current = _next_round(session, team_id, now)
        directions = _pair_in_preview(current, mentor=mentor, mentee=mentee)
        if not directions:
            return GONE
        for pair in directions:
            refused = change(session, current, pair)
            if refused is not None:
                session.rollback()
                return refused
            _record(
                session, team_id=team_id, actor=actor, action=action, period=current.period,
                mentor=pair.mentor, mentee=pair.mentee, skill=pair.skill, now=now,
            )  # fmt: skip
    return None


def swap_choice(deps: Deps, team_id: str, *, mentor: str, mentee: str) -> SwapChoice | None:
    """The best other mentors for this learner, with scores and reasons (None: pair gone)."""
    now = deps.clock()
    with deps.sessions() as session:
        current = _next_round(session, team_id, now)
        if not _pair_in_preview(current, mentor=mentor, mentee=mentee):
            return None
        options = _swap_options(current, mentor=mentor, mentee=mentee)
        session.rollback()
    return SwapChoice(period=current.period, mentor=mentor, mentee=mentee, options=options)


def _swap_options(current: _Round, *, mentor: str, mentee: str) -> tuple[SwapOption, ...]:
    learner = current.participant(mentee)
    assert learner is not None  # they are in a pair of the preview
    data, label = current.data, Labels(current.data.labels)
    locks = _other_locks(current, mentee)
    options: list[SwapOption] = []
    for other in data.participants:
        if other.id in (mentor, mentee):
            continue
        best: SwapOption | None = None
        for skill in sorted(set(other.offers) & set(learner.requests)):
            lock = Lock(other.id, mentee, skill)
            if _problems(current, lock, [*locks, lock], replaces_drop=False):
                continue
            score = lock_score(other, learner, skill, data.settings)
            if best is None or score > best.score:
                reasons = pair_reasons(
                    other, learner, skill, two_way_skills(other, learner), data.settings, label
                )
                best = SwapOption(
                    mentor=other.id,
                    skill=skill,
                    skill_label=label(skill),
                    score=score,
                    reasons=reasons,
                )
        if best is not None:
            options.append(best)
    options.sort(key=lambda o: (-o.score, o.mentor))
    return tuple(options[:SWAP_OPTIONS])


def pick_swap(
    deps: Deps, team_id: str, *, actor: str, period: str, mentor: str, mentee: str, skill: str
) -> ShapeRefused | None:
    """Lock the learner with the mentor the admin picked instead."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        current = _next_round(session, team_id, now)
        if current.period != period:
            return ShapeRefused(("This round is no longer the next one; nothing changed.",))
        refused = _lock(session, current, Lock(mentor, mentee, skill), team_id=team_id, actor=actor)
        if refused is not None:
            return refused
        _record(
            session, team_id=team_id, actor=actor, action="swap", period=period,
            mentor=mentor, mentee=mentee, skill=skill, now=now,
        )  # fmt: skip
    return None


def add_pair(
    deps: Deps, team_id: str, *, actor: str, mentor: str, mentee: str, skill_text: str
) -> ShapeRefused | None:
    """Lock a pair the admin chose, when every check a pair passes allows it."""
    try:
        skill = normalize_skill(skill_text)
    except InvalidSkill as invalid:
        return ShapeRefused((f"That skill can't be read: {invalid}.",))
    now = deps.clock()
    with transaction(deps.sessions) as session:
        current = _next_round(session, team_id, now)
        refused = _lock(
            session, current, Lock(mentor, mentee, skill.slug), team_id=team_id, actor=actor
        )
        if refused is not None:
            return refused
        _record(
            session, team_id=team_id, actor=actor, action="add", period=current.period,
            mentor=mentor, mentee=mentee, skill=skill.slug, now=now,
        )  # fmt: skip
    return None


def _diff_pair(pair: EnginePair, labels: dict[str, str]) -> DiffPair:
    return DiffPair(
        mentor=pair.mentor,
        mentee=pair.mentee,
        skill=labels.get(pair.skill, pair.skill),
        score=pair.score,
    )


def resolve(deps: Deps, team_id: str, *, actor: str) -> ShapeDiff:
    """Apply the pending changes: re-solve exactly and say what changed."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        current = _next_round(session, team_id, now)
        before = current.plan(with_pending=False)
        after = current.plan(with_pending=True)
        for row in current.rows:
            row.pending = False
        _record(
            session, team_id=team_id, actor=actor, action="resolve", period=current.period, now=now
        )
    shaping = current.shaping(with_pending=True)
    data = current.data
    kept = keepable(
        shaping, data.participants, history=data.history, blocks=data.blocks, settings=data.settings
    )
    diff = diff_rounds(before.result, after.result)
    labels = data.labels
    return ShapeDiff(
        added=tuple(_diff_pair(p, labels) for p in diff.added),
        removed=tuple(_diff_pair(p, labels) for p in diff.removed),
        changed=tuple((_diff_pair(a, labels), _diff_pair(b, labels)) for a, b in diff.changed),
        served_before=diff.served_before,
        served_after=diff.served_after,
        score_before=diff.score_before,
        score_after=diff.score_after,
        locks=len(kept.locks),
        drops=len(shaping.drops),
        locks_left_out=len(shaping.locks) - len(kept.locks),
    )


def change_counts(session: Session, team_id: str) -> dict[str, int]:
    """How many changes admins made to rounds, by kind (counts only)."""
    counts: dict[str, int] = {}
    for action in session.scalars(select(AdminChange.action).where(AdminChange.team_id == team_id)):
        counts[action] = counts.get(action, 0) + 1
    return counts


def forget_in_drafts(session: Session, *, team_id: str, user_id: str) -> None:
    """forget-me: drafts and change records that name the person go, and round approvals
    no longer name them."""
    for approval in session.scalars(select(RoundApproval).where(RoundApproval.team_id == team_id)):
        admins = [a for a in approval.admins.split(",") if a and a != user_id]
        approval.admins = ",".join(admins)
        if approval.decided_by == user_id:
            approval.decided_by = None
    session.execute(
        update(Schedule)
        .where(Schedule.team_id == team_id, Schedule.approve_rounds_by == user_id)
        .values(approve_rounds_by=None)
    )
    session.execute(
        delete(RoundDraftChange).where(
            RoundDraftChange.team_id == team_id,
            (RoundDraftChange.mentor == user_id)
            | (RoundDraftChange.mentee == user_id)
            | (RoundDraftChange.created_by == user_id),
        )
    )
    session.execute(
        delete(AdminChange).where(
            AdminChange.team_id == team_id,
            (AdminChange.actor == user_id)
            | (AdminChange.mentor == user_id)
            | (AdminChange.mentee == user_id),
        )
    )
