"""Demand for a skill: the open requests of people taking part this week, counted one way.

A request counts while it is open and its member is still here (active) and not paused:
a paused person is left out of matching, so their request is not demand this week. The
round's "N people are waiting" line, `/mentor skills` and the admin home's gaps all count
it this way.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, func, not_, select
from sqlalchemy.orm import Session

from bot.db.models import Member, MentoringRequest, RequestStatus
from bot.services.pausing import member_is_paused, paused_now_clause


def counts_as_demand(member: Member, now: datetime) -> bool:
    """Whether an open request of `member` is demand at `now` (the rule in Python)."""
    return member.active and not member_is_paused(member, now)


def demand_clause(now: datetime) -> ColumnElement[bool]:
    """The same rule in SQL, for queries joining MentoringRequest to Member."""
    return and_(
        MentoringRequest.status == RequestStatus.OPEN,
        Member.active.is_(True),
        not_(paused_now_clause(now)),
    )


def demand_per_skill(team_id: str, now: datetime) -> Select[int, int]:
    """(skill id, open requests that count as demand) for every skill asked for."""
    return (
        select(MentoringRequest.skill_id, func.count().label("n"))
        .join(Member, Member.id == MentoringRequest.member_id)
        .where(MentoringRequest.team_id == team_id, demand_clause(now))
        .group_by(MentoringRequest.skill_id)
    )


def demand_counts(session: Session, team_id: str, now: datetime) -> Counter[int]:
    """`demand_per_skill`, by skill id."""
    rows = session.execute(demand_per_skill(team_id, now))
    return Counter({skill_id: count for skill_id, count in rows})
