"""Offers and requests: what people can teach and want to learn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.inserts import insert_if_absent
from bot.db.models import Member, MentoringRequest, Offer, RequestStatus
from bot.db.models import Skill as SkillRow
from bot.domain.records import MemberRecords, OfferView, RequestView, SavedOffer, SavedRequest
from bot.skills.normalise import Skill, skill_aliases
from bot.vocabulary import DEFAULT_LEVEL


def ensure_skill(session: Session, team_id: str, skill: Skill) -> SkillRow:
    """The catalogue row for `skill`, created on first mention with the label typed."""
    row = session.scalar(
        select(SkillRow).where(SkillRow.team_id == team_id, SkillRow.slug == skill.slug)
    )
    if row is None:
        aliases = sorted(alias for alias, target in skill_aliases().items() if target == skill.slug)
        # Several people may name a new skill at once: one row, whoever comes first.
        insert_if_absent(
            session,
            SkillRow,
            {"team_id": team_id, "slug": skill.slug, "label": skill.label, "aliases": aliases},
            unique=["team_id", "slug"],
        )
        row = session.scalars(
            select(SkillRow).where(SkillRow.team_id == team_id, SkillRow.slug == skill.slug)
        ).one()
    return row


def find_skill(session: Session, team_id: str, skill: Skill) -> SkillRow | None:
    return session.scalar(
        select(SkillRow).where(SkillRow.team_id == team_id, SkillRow.slug == skill.slug)
    )


def save_offers(
    session: Session,
    member: Member,
    skills: Sequence[Skill],
    level: int | None,
    *,
    circle_size: int | Literal["keep"] | None = "keep",
) -> list[SavedOffer]:
    """Offer each skill; offering again updates the level instead of duplicating.

    `circle_size` (the offer modal's "run a circle of up to N", None for no circle) is set
    on each offer; "keep" (a `/mentor offer` typed) leaves it as it is.
    """
    saved = []
    for skill in skills:
        row = ensure_skill(session, member.team_id, skill)
        offer = session.scalar(
            select(Offer).where(Offer.member_id == member.id, Offer.skill_id == row.id)
        )
        existed = offer is not None
        if offer is None:
            offer = Offer(
                team_id=member.team_id,
                member_id=member.id,
                skill_id=row.id,
                level=level or DEFAULT_LEVEL,
            )
            session.add(offer)
        elif level is not None:
            offer.level = level
        if circle_size != "keep":
            offer.circle_size = circle_size
        saved.append(SavedOffer(label=row.label, level=offer.level, existed=existed))
    session.flush()
    return saved


def open_request(session: Session, member: Member, skill_row: SkillRow) -> MentoringRequest | None:
    return session.scalar(
        select(MentoringRequest).where(
            MentoringRequest.member_id == member.id,
            MentoringRequest.skill_id == skill_row.id,
            MentoringRequest.status == RequestStatus.OPEN,
        )
    )


def save_requests(session: Session, member: Member, skills: Sequence[Skill]) -> list[SavedRequest]:
    """Open a request per skill; one already open for that skill is kept as it is."""
    saved = []
    for skill in skills:
        row = ensure_skill(session, member.team_id, skill)
        existing = open_request(session, member, row)
        if existing is None:
            session.add(
                MentoringRequest(
                    team_id=member.team_id,
                    member_id=member.id,
                    skill_id=row.id,
                    status=RequestStatus.OPEN,
                )
            )
        saved.append(SavedRequest(label=row.label, existed=existing is not None))
    session.flush()
    return saved


def remove_offer(session: Session, member: Member, skill: Skill) -> tuple[str, bool]:
    """Delete the offer; returns the label to show and whether anything was removed."""
    row = find_skill(session, member.team_id, skill)
    if row is None:
        return skill.label, False
    offer = session.scalar(
        select(Offer).where(Offer.member_id == member.id, Offer.skill_id == row.id)
    )
    if offer is None:
        return row.label, False
    session.delete(offer)
    return row.label, True


def remove_request(session: Session, member: Member, skill: Skill) -> tuple[str, bool]:
    """Withdraw the open request (kept as closed, so history stays honest)."""
    row = find_skill(session, member.team_id, skill)
    if row is None:
        return skill.label, False
    request = open_request(session, member, row)
    if request is None:
        return row.label, False
    request.status = RequestStatus.CLOSED
    return row.label, True


def member_offers(session: Session, member: Member) -> Sequence[Offer]:
    """Everything the member offers to teach, by skill name."""
    return session.scalars(
        select(Offer).join(Offer.skill).where(Offer.member_id == member.id).order_by(SkillRow.label)
    ).all()


def unclosed_requests(session: Session, member: Member) -> Sequence[MentoringRequest]:
    """The member's requests that are not withdrawn or finished, oldest first."""
    return session.scalars(
        select(MentoringRequest)
        .join(MentoringRequest.skill)
        .where(
            MentoringRequest.member_id == member.id,
            MentoringRequest.status != RequestStatus.CLOSED,
        )
        .order_by(MentoringRequest.created_at, SkillRow.label)
    ).all()


def member_records(session: Session, member: Member) -> MemberRecords:
    offers = member_offers(session, member)
    requests = unclosed_requests(session, member)
    return MemberRecords(
        offers=[OfferView(o.skill.slug, o.skill.label, o.level) for o in offers],
        requests=[RequestView(r.skill.slug, r.skill.label, r.status) for r in requests],
    )
