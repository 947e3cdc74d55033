"""What a person's App Home shows: their profile, pause, offers and requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.db.models import Expectations, Member, Pair, PairStatus
from bot.domain.home import (
    AwayState,
    HomeDashboard,
    OfferItem,
    PairingItem,
    ProfileSummary,
    RequestItem,
)
from bot.services.away import member_is_away
from bot.services.checkins import checkin_interval, next_checkin, pair_skills
from bot.services.circles import circle_items
from bot.services.pausing import pause_state
from bot.services.records import member_offers, unclosed_requests


def home_dashboard(session: Session, member: Member, now: datetime) -> HomeDashboard:
    offers = member_offers(session, member)
    requests = unclosed_requests(session, member)
    teachers = _teachers_by_request(session, member)
    return HomeDashboard(
        profile=ProfileSummary(
            completed=member.profile_completed_at is not None,
            career_stage=member.career_stage,
            open_to_reverse=member.open_to_reverse,
            listed_in_directory=member.listed_in_directory,
            mentor_capacity=member.mentor_capacity,
            wants_in_return=member.wants_in_return,
            tz=member.tz,
        ),
        pause=pause_state(member, now),
        offers=[OfferItem(o.id, o.skill.label, o.level, o.circle_size) for o in offers],
        pairings=_pairings(session, member, now),
        circles=circle_items(session, member),
        requests=[
            RequestItem(
                r.id, r.skill.label, r.status, r.created_at, r.goal or "", teachers.get(r.id)
            )
            for r in requests
        ],
        away=_away(member, now),
    )


def _away(member: Member, now: datetime) -> AwayState | None:
    if not member_is_away(member, now) or member.away_until is None:
        return None
    return AwayState(until=member.away_until, until_known=member.away_until_known, as_of=now)


def _pairings(session: Session, member: Member, now: datetime) -> list[PairingItem]:
    active = session.scalars(
        select(Pair)
        .where(
            Pair.team_id == member.team_id,
            Pair.status == PairStatus.ACTIVE,
            or_(Pair.mentee_id == member.id, Pair.mentor_id == member.id),
        )
        .order_by(Pair.started_at, Pair.id)
    ).all()
    if not active:
        return []
    agreed = dict(
        session.execute(
            select(Expectations.pair_id, Expectations.objective).where(
                Expectations.pair_id.in_([p.id for p in active])
            )
        ).all()
    )
    return [
        PairingItem(
            pair_id=pair.id,
            partner=(pair.mentee if pair.mentor_id == member.id else pair.mentor).slack_user_id,
            skills=pair_skills(pair),
            you_teach=pair.mentor_id == member.id,
            objective=agreed.get(pair.id),
            checkin_weeks=checkin_interval(session, pair),
            next_checkin=next_checkin(session, pair, now),
            first_meeting_at=pair.first_meeting_at,
        )
        for pair in active
    ]


def _teachers_by_request(session: Session, member: Member) -> dict[int, str]:
    """Request id -> who teaches it in an active pair: the mentor for the mentee's request,
    or, in a two-way pair, the mentee for the mentor's own request."""
    teachers: dict[int, str] = {}
    active = session.scalars(
        select(Pair).where(
            Pair.team_id == member.team_id,
            Pair.status == PairStatus.ACTIVE,
            or_(Pair.mentee_id == member.id, Pair.mentor_id == member.id),
        )
    ).all()
    for pair in active:
        if pair.mentee_id == member.id and pair.request_id is not None:
            teachers[pair.request_id] = pair.mentor.slack_user_id
        if pair.mentor_id == member.id and pair.return_request_id is not None:
            teachers[pair.return_request_id] = pair.mentee.slack_user_id
    return teachers
