"""Circles in a round: what the engine is told about them, and the circles it forms.

A mentor's offer may say "happy to run a circle of up to N" (`Offer.circle_size`); a
learner may be open to one (`Member.open_to_circle`). The engine forms circles inside its
exact flow model (docs/matching.md, "Circles"); peer circles (skills several people want
and nobody offers) are grouped after it, from the learners it left unserved. Each circle
becomes a `Circle` row with its members, and its intro goes to one group DM with all of
them: a circle never exceeds `MAX_CIRCLE_PEOPLE` (7), within the 8 people a Slack group
DM holds with the bot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cycle.endings import ends_at
from bot.db.models import (
    Circle,
    CircleKind,
    CircleMember,
    CircleRole,
    CircleStatus,
    Member,
    MentoringRequest,
    RequestStatus,
    Round,
)
from bot.db.models import Skill as SkillRow
from bot.db.models.circle import MAX_CIRCLE_PEOPLE
from bot.delivery.outbox import enqueue_reply
from bot.domain.circles import CircleContent, CircleItem, CirclePerson
from bot.matching import Circle as EngineCircle
from bot.matching import Participant, Unserved
from bot.matching.peer_circles import PeerCircle, peer_circles
from bot.ui import circles as circles_ui
from bot.vocabulary import known_duration


def leading_circles(session: Session, team_id: str) -> set[tuple[int, int]]:
    """(member id, skill id) of every active circle someone leads: one at a time per skill."""
    return set(
        session.execute(
            select(CircleMember.member_id, Circle.skill_id)
            .join(Circle, Circle.id == CircleMember.circle_id)
            .where(
                Circle.team_id == team_id,
                Circle.status == CircleStatus.ACTIVE,
                CircleMember.role == CircleRole.MENTOR,
            )
        )
    )


def plan_peer_circles(
    participants: Sequence[Participant], *, served: set[str]
) -> tuple[PeerCircle, ...]:
    """Peer circles of the learners open to one who got no mentor or circle this round."""
    return peer_circles([p for p in participants if p.open_to_circle], skip=served)


def unserved_after_peers(
    unserved: Sequence[Unserved], peers: Sequence[PeerCircle]
) -> tuple[Unserved, ...]:
    """The unserved requests still unserved once peer circles are formed: like a pair, a
    peer circle serves its learner for this round, so none of their requests is listed."""
    in_peer = {learner for peer in peers for learner in peer.learners}
    return tuple(u for u in unserved if u.participant not in in_peer)


def _duration(requests: Sequence[MentoringRequest]) -> str | None:
    """The duration most learners asked for (ties: the shorter code first, alphabetically)."""
    asked = Counter(d for r in requests if (d := known_duration(r.duration)) is not None)
    if not asked:
        return None
    return min(asked, key=lambda code: (-asked[code], code))


def _person(member: Member, request: MentoringRequest | None = None) -> CirclePerson:
    return CirclePerson(
        slack_id=member.slack_user_id,
        name=member.display_name,
        goal=request.goal if request is not None else None,
    )


def _store(
    session: Session,
    *,
    round_row: Round,
    kind: CircleKind,
    skill: SkillRow,
    mentor: Member | None,
    learners: Sequence[tuple[Member, MentoringRequest]],
    now: datetime,
) -> Circle:
    if len(learners) + (mentor is not None) > MAX_CIRCLE_PEOPLE:
        raise ValueError("a circle must fit one group DM")
    requests = [request for _, request in learners]
    duration = _duration(requests)
    circle = Circle(
        team_id=round_row.team_id,
        round_id=round_row.id,
        skill_id=skill.id,
        kind=kind,
        status=CircleStatus.ACTIVE,
        started_at=now,
        duration=duration,
        ends_at=ends_at(now, duration),
    )
    session.add(circle)
    session.flush()
    if mentor is not None:
        session.add(
            CircleMember(
                team_id=circle.team_id,
                circle_id=circle.id,
                member_id=mentor.id,
                role=CircleRole.MENTOR,
            )
        )
    for member, request in learners:
        request.status = RequestStatus.MATCHED
        session.add(
            CircleMember(
                team_id=circle.team_id,
                circle_id=circle.id,
                member_id=member.id,
                role=CircleRole.LEARNER,
                request_id=request.id,
            )
        )
    session.flush()
    content = CircleContent(
        circle_id=circle.id,
        skill=skill.label,
        mentor=_person(mentor) if mentor is not None else None,
        learners=[_person(member, request) for member, request in learners],
        duration=duration,
        started_at=now,
    )
    enqueue_reply(
        session,
        circles_ui.circle_intro_message(content),
        team_id=circle.team_id,
        key=f"circle={circle.id}:intro",
        kind="circle_intro",
        not_before=now,
        users=[p.slack_id for p in content.people],
    )
    return circle


def store_circles(
    session: Session,
    *,
    round_row: Round,
    circles: Sequence[EngineCircle],
    peers: Sequence[PeerCircle],
    members: Mapping[str, Member],
    requests: Mapping[tuple[str, str], MentoringRequest],
    skills: Mapping[str, SkillRow],
    now: datetime,
) -> list[Circle]:
    """Store the round's circles and peer circles, and queue each one's group intro."""
    stored = []
    for circle in circles:
        stored.append(
            _store(
                session,
                round_row=round_row,
                kind=CircleKind.MENTOR,
                skill=skills[circle.skill],
                mentor=members[circle.mentor],
                learners=[
                    (members[learner], requests[(learner, circle.skill)])
                    for learner in circle.learners
                ],
                now=now,
            )
        )
    for peer in peers:
        stored.append(
            _store(
                session,
                round_row=round_row,
                kind=CircleKind.PEER,
                skill=skills[peer.skill],
                mentor=None,
                learners=[
                    (members[learner], requests[(learner, peer.skill)]) for learner in peer.learners
                ],
                now=now,
            )
        )
    return stored


def circle_content(circle: Circle) -> CircleContent:
    """A stored circle as the ui shows it (people who left are no longer listed)."""
    people = [row for row in circle.members if row.member.active]
    mentor = next((r.member for r in people if r.role == CircleRole.MENTOR), None)
    return CircleContent(
        circle_id=circle.id,
        skill=circle.skill.label,
        mentor=_person(mentor) if mentor is not None else None,
        learners=[_person(r.member) for r in people if r.role == CircleRole.LEARNER],
        duration=circle.duration,
        started_at=circle.started_at,
    )


def active_circles_of(session: Session, member: Member) -> list[CircleContent]:
    """The active circles this person is in, oldest first."""
    circles = session.scalars(
        select(Circle)
        .join(CircleMember, CircleMember.circle_id == Circle.id)
        .where(CircleMember.member_id == member.id, Circle.status == CircleStatus.ACTIVE)
        .order_by(Circle.id)
    ).all()
    return [circle_content(circle) for circle in circles]


def circle_items(session: Session, member: Member) -> list[CircleItem]:
    """The person's active circles, for App Home."""
    items = []
    for content in active_circles_of(session, member):
        mentor = content.mentor.slack_id if content.mentor is not None else None
        items.append(
            CircleItem(
                circle_id=content.circle_id,
                skill=content.skill,
                you_lead=mentor == member.slack_user_id,
                mentor=mentor,
                others=tuple(
                    p.slack_id for p in content.learners if p.slack_id != member.slack_user_id
                ),
            )
        )
    return items


def circle_ids_of(session: Session, member: Member) -> list[int]:
    """Every circle this person is or was in."""
    return list(
        session.scalars(select(CircleMember.circle_id).where(CircleMember.member_id == member.id))
    )
