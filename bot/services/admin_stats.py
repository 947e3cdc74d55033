"""Program health for admins, computed with aggregate SQL (counts only, never any text).

Every figure is one grouped query scoped to the workspace, so the admin dashboard stays
fast at tens of thousands of members. Nothing here reads a note, a feedback answer or a
"not a fit" reason: admins see how many, never what was said.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, select, union
from sqlalchemy.orm import Session

from bot.cycle.checkins import Answer
from bot.cycle.schedule import zone
from bot.db.models import (
    CheckIn,
    CheckInAnswer,
    Circle,
    CircleMember,
    CircleRole,
    CircleStatus,
    Member,
    MentoringRequest,
    Offer,
    Pair,
    PairStatus,
    RequestStatus,
    Round,
    Skill,
)
from bot.domain.program_health import (
    TREND_PERIODS,
    GapSkill,
    PairCounts,
    PeriodHealth,
    ProgramHealth,
    Waiting,
)
from bot.services.demand import demand_per_skill
from bot.services.goal_stats import goals_overview
from bot.services.pausing import paused_now_clause
from bot.services.programs import PROGRAM_ROUND
from bot.services.settings import SKIPPED

GAP_SKILLS = 5


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _away_now(now: datetime) -> ColumnElement[bool]:
    # Away from the Slack status (bot.cycle.away), and not paused: a pause says more.
    return and_(Member.away_until > now, ~paused_now_clause(now))


def _participants(session: Session, team_id: str, now: datetime) -> tuple[int, int, int]:
    # One set of member ids, not an EXISTS per member: requests have no index on member_id
    # alone, and a correlated lookup per member would scan them once for each person.
    taking_part = union(
        select(Offer.member_id).where(Offer.team_id == team_id),
        select(MentoringRequest.member_id).where(
            MentoringRequest.team_id == team_id,
            MentoringRequest.status.in_([RequestStatus.OPEN, RequestStatus.MATCHED]),
        ),
    )
    total, paused, away = session.execute(
        select(func.count(), _count_if(paused_now_clause(now)), _count_if(_away_now(now))).where(
            Member.team_id == team_id, Member.active.is_(True), Member.id.in_(taking_part)
        )
    ).one()
    return int(total), int(paused), int(away)


def _waiting(session: Session, team_id: str, now: datetime) -> Waiting:
    created = MentoringRequest.created_at
    week_ago, four_weeks_ago = now - timedelta(weeks=1), now - timedelta(weeks=4)
    row = session.execute(
        select(
            func.count(),
            _count_if(created > week_ago),
            _count_if(and_(created <= week_ago, created > four_weeks_ago)),
            _count_if(created <= four_weeks_ago),
            func.min(created),
        )
        .join(Member, Member.id == MentoringRequest.member_id)
        .where(
            MentoringRequest.team_id == team_id,
            MentoringRequest.status == RequestStatus.OPEN,
            Member.active.is_(True),
        )
    ).one()
    oldest = row[4]
    if isinstance(oldest, str):  # SQLite hands back text from an aggregate over timestamps
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    return Waiting(
        total=int(row[0]),
        under_a_week=int(row[1]),
        one_to_four_weeks=int(row[2]),
        over_four_weeks=int(row[3]),
        longest_days=max(0, (now - oldest).days) if oldest is not None else None,
    )


def _pair_counts(session: Session, team_id: str, *conditions: ColumnElement[bool]) -> PairCounts:
    total, two_way, reverse = session.execute(
        select(func.count(), _count_if(Pair.two_way.is_(True)), _count_if(Pair.reverse.is_(True)))
        .where(Pair.team_id == team_id, *conditions)
    ).one()  # fmt: skip
    return PairCounts(total=int(total), two_way=int(two_way), reverse=int(reverse))


def quarter_start(now: datetime, timezone: str) -> datetime:
    """The first moment of the calendar quarter `now` is in, in the program's time zone."""
    local = now.astimezone(zone(timezone))
    month = 3 * ((local.month - 1) // 3) + 1
    return local.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0).astimezone(
        UTC
    )


def _met_pairs(session: Session, team_id: str) -> tuple[int, int]:
    checked_in = session.scalar(
        select(func.count(func.distinct(CheckIn.pair_id))).where(CheckIn.team_id == team_id)
    )
    met = session.scalar(
        select(func.count(func.distinct(CheckIn.pair_id)))
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .where(CheckIn.team_id == team_id, CheckInAnswer.answer == Answer.MET)
    )
    return int(checked_in or 0), int(met or 0)


def _gaps(session: Session, team_id: str, now: datetime, limit: int) -> tuple[GapSkill, ...]:
    wanted = demand_per_skill(team_id, now).subquery()
    offered = (
        select(Offer.skill_id, func.count().label("n"))
        .join(Member, Member.id == Offer.member_id)
        .where(Offer.team_id == team_id, Member.active.is_(True))
        .group_by(Offer.skill_id)
        .subquery()
    )
    offers = func.coalesce(offered.c.n, 0)
    rows = session.execute(
        select(Skill.label, wanted.c.n, offers)
        .join(wanted, wanted.c.skill_id == Skill.id)
        .outerjoin(offered, offered.c.skill_id == Skill.id)
        .where(wanted.c.n > offers)
        .order_by((wanted.c.n - offers).desc(), wanted.c.n.desc(), Skill.label)
        .limit(limit)
    ).all()
    return tuple(GapSkill(label=label, requests=int(n), offers=int(o)) for label, n, o in rows)


def _period_label(ran_at: datetime, timezone: str) -> str:
    local = ran_at.astimezone(zone(timezone))
    return f"{local:%b} {local.day}"


def trend(
    session: Session, team_id: str, timezone: str, periods: int = TREND_PERIODS
) -> tuple[PeriodHealth, ...]:
    """The last `periods` everyday rounds that ran (not programs' own), oldest first: new
    pairs, how many of those met, and the requests the round left open."""
    rounds = session.execute(
        select(Round.id, Round.ran_at, Round.summary)
        .where(Round.team_id == team_id, Round.trigger.not_in([SKIPPED, PROGRAM_ROUND]))
        .order_by(Round.ran_at.desc(), Round.id.desc())
        .limit(periods)
    ).all()
    round_ids = [row[0] for row in rounds]
    if not round_ids:
        return ()
    made = dict(
        session.execute(
            select(Pair.round_id, func.count())
            .where(Pair.team_id == team_id, Pair.round_id.in_(round_ids))
            .group_by(Pair.round_id)
        ).all()
    )
    met = dict(
        session.execute(
            select(Pair.round_id, func.count(func.distinct(Pair.id)))
            .join(CheckIn, CheckIn.pair_id == Pair.id)
            .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
            .where(
                Pair.team_id == team_id,
                Pair.round_id.in_(round_ids),
                CheckInAnswer.answer == Answer.MET,
            )
            .group_by(Pair.round_id)
        ).all()
    )
    result = []
    for round_id, ran_at, summary in reversed(rounds):
        summary = summary or {}
        left_open = int(summary.get("open_requests", 0) - summary.get("served", 0))
        result.append(
            PeriodHealth(
                label=_period_label(ran_at, timezone),
                new_pairs=int(made.get(round_id, 0)),
                pairs_met=int(met.get(round_id, 0)),
                open_requests=max(0, left_open),
            )
        )
    return tuple(result)


def circle_counts(session: Session, team_id: str) -> dict[str, int]:
    """Active circles and the learners in them (counts only, like everything here)."""
    active = (Circle.team_id == team_id, Circle.status == CircleStatus.ACTIVE)
    circles = session.scalar(select(func.count()).select_from(Circle).where(*active)) or 0
    learners = session.scalar(
        select(func.count())
        .select_from(CircleMember)
        .join(Circle, Circle.id == CircleMember.circle_id)
        .where(*active, CircleMember.role == CircleRole.LEARNER)
    )
    return {"active_circles": circles, "circle_learners": learners or 0}


def program_health(
    session: Session, team_id: str, *, now: datetime, timezone: str
) -> ProgramHealth:
    participants, paused, away = _participants(session, team_id, now)
    checked_in, met = _met_pairs(session, team_id)
    return ProgramHealth(
        participants=participants,
        paused=paused,
        away=away,
        waiting=_waiting(session, team_id, now),
        active_pairs=_pair_counts(session, team_id, Pair.status == PairStatus.ACTIVE),
        quarter_pairs=_pair_counts(
            session, team_id, Pair.started_at >= quarter_start(now, timezone)
        ),
        pairs_checked_in=checked_in,
        pairs_met=met,
        gaps=_gaps(session, team_id, now, GAP_SKILLS),
        trend=trend(session, team_id, timezone),
        goals=goals_overview(session, team_id),
        **circle_counts(session, team_id),
    )
