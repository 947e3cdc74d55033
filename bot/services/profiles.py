"""A person's mentoring profile, and what the offer, request and profile modals store.

Each save checks what only the database can tell (is the skill still there, do you already
offer it) and raises FormRejected with errors keyed by input block, so the caller's
transaction rolls back and the modal can answer next to the field.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from bot.core import ids
from bot.db.models import Member, MentoringRequest, Offer, RequestStatus
from bot.db.models import Skill as SkillRow
from bot.domain.drafts import OfferDraft, ProfileDraft, RequestDraft, SkillRef
from bot.domain.records import SavedOffer, SavedRequestDetails
from bot.parsing.forms import (
    DEFAULT_CAPACITY,
    FormRejected,
    OfferForm,
    ProfileForm,
    RequestForm,
    SkillChoice,
)
from bot.parsing.working_hours import DEFAULT_END_MINUTE, DEFAULT_START_MINUTE, clock_text
from bot.services.records import ensure_skill, open_request, save_offers
from bot.services.skills_catalogue import UnknownSkill, resolve_known_skill
from bot.skills.normalise import InvalidSkill, Skill, normalize_skill
from bot.vocabulary import DEFAULT_DURATION, DEFAULT_FREQUENCY


def has_started(session: Session, member: Member) -> bool:
    """True once the person has a profile, or has ever offered or requested anything."""
    if member.profile_completed_at is not None:
        return True
    offered = session.scalar(select(exists().where(Offer.member_id == member.id)))
    requested = session.scalar(select(exists().where(MentoringRequest.member_id == member.id)))
    return bool(offered or requested)


def offer_draft(session: Session, member: Member, offer_id: int | None = None) -> OfferDraft:
    """A new offer, or (with `offer_id` of one of the person's offers) that offer to edit."""
    offer = (
        session.scalar(select(Offer).where(Offer.id == offer_id, Offer.member_id == member.id))
        if offer_id is not None
        else None
    )
    skills = [SkillRef(offer.skill.slug, offer.skill.label)] if offer else []
    return OfferDraft(
        skills=skills,
        level=offer.level if offer else None,
        capacity=member.mentor_capacity or DEFAULT_CAPACITY,
        in_return=member.wants_in_return,
        circle_size=offer.circle_size if offer else None,
    )


def request_draft(
    session: Session,
    member: Member,
    *,
    request_id: int | None = None,
    skill: Skill | None = None,
) -> RequestDraft:
    """A new request (for `skill`, if given), or one of the person's requests to edit.

    A new request for a skill already asked for edits that request instead.
    """
    request = None
    if request_id is not None:
        request = session.scalar(
            select(MentoringRequest).where(
                MentoringRequest.id == request_id,
                MentoringRequest.member_id == member.id,
                MentoringRequest.status != RequestStatus.CLOSED,
            )
        )
    elif skill is not None:
        row = session.scalar(
            select(SkillRow).where(SkillRow.team_id == member.team_id, SkillRow.slug == skill.slug)
        )
        request = open_request(session, member, row) if row is not None else None
    if request is None:
        return RequestDraft(
            request_id=None,
            skill=SkillRef(skill.slug, skill.label) if skill else None,
            goal="",
            frequency=DEFAULT_FREQUENCY,
            duration=DEFAULT_DURATION,
            success_measure=None,
            can_teach_in_return=None,
        )
    return RequestDraft(
        request_id=request.id,
        skill=SkillRef(request.skill.slug, request.skill.label),
        goal=request.goal or "",
        frequency=request.frequency or DEFAULT_FREQUENCY,
        duration=request.duration or DEFAULT_DURATION,
        success_measure=request.success_measure,
        can_teach_in_return=request.can_teach_in_return,
    )


def profile_draft(member: Member) -> ProfileDraft:
    return ProfileDraft(
        career_stage=member.career_stage,
        open_to_reverse=member.open_to_reverse,
        listed_in_directory=member.listed_in_directory,
        tz=member.tz,
        tz_offset_seconds=member.tz_offset_seconds,
        allows_public_thanks=member.allows_public_thanks,
        day_starts=clock_text(
            DEFAULT_START_MINUTE if member.work_starts_minute is None else member.work_starts_minute
        ),
        day_ends=clock_text(
            DEFAULT_END_MINUTE if member.work_ends_minute is None else member.work_ends_minute
        ),
        open_to_circle=member.open_to_circle,
    )


def _resolve(session: Session, team_id: str, choice: SkillChoice) -> Skill:
    """The skill a modal choice names; raises UnknownSkill or InvalidSkill."""
    if choice.kind == "known":
        return resolve_known_skill(session, team_id, choice.text)
    return normalize_skill(choice.text)


def _offered_skill_ids(session: Session, member: Member) -> set[int]:
    return set(session.scalars(select(Offer.skill_id).where(Offer.member_id == member.id)))


def save_offer_form(session: Session, member: Member, form: OfferForm) -> list[SavedOffer]:
    """Offer the chosen skills at one level, and set capacity and what you'd like back."""
    skills: dict[str, Skill] = {}
    for choice in form.skills:
        try:
            skill = _resolve(session, member.team_id, choice)
        except (UnknownSkill, InvalidSkill) as problem:
            raise FormRejected({ids.OFFER_SKILLS_BLOCK: str(problem)}) from None
        skills.setdefault(skill.slug, skill)
    saved = save_offers(
        session, member, list(skills.values()), form.level, circle_size=form.circle_size
    )
    member.mentor_capacity = form.capacity
    member.wants_in_return = form.in_return
    return saved


def save_request_form(
    session: Session, member: Member, form: RequestForm, *, request_id: int | None
) -> SavedRequestDetails:
    """Open a request with its details, or update the one being edited."""
    try:
        skill = _resolve(session, member.team_id, form.skill)
    except (UnknownSkill, InvalidSkill) as problem:
        raise FormRejected({ids.REQUEST_SKILL_BLOCK: str(problem)}) from None
    row = ensure_skill(session, member.team_id, skill)
    if row.id in _offered_skill_ids(session, member):
        raise FormRejected(
            {
                ids.REQUEST_SKILL_BLOCK: f"You already offer {row.label}, so you can't ask to "
                "learn it too. Pick another skill, or remove that offer first."
            }
        )
    existing = open_request(session, member, row)
    editing = None
    if request_id is not None:
        editing = session.scalar(
            select(MentoringRequest).where(
                MentoringRequest.id == request_id,
                MentoringRequest.member_id == member.id,
                MentoringRequest.status != RequestStatus.CLOSED,
            )
        )
    if editing is not None and existing is not None and existing.id != editing.id:
        raise FormRejected(
            {
                ids.REQUEST_SKILL_BLOCK: f"You already have an open request for {row.label}; "
                "edit that one instead."
            }
        )
    if (
        editing is not None
        and editing.status == RequestStatus.MATCHED
        and editing.skill_id != row.id
    ):
        raise FormRejected(
            {
                ids.REQUEST_SKILL_BLOCK: "This request already has a mentor, so its skill stays "
                f"{editing.skill.label}; ask for {row.label} as a new request."
            }
        )
    request = editing or existing
    created = request is None
    if request is None:
        request = MentoringRequest(
            team_id=member.team_id, member_id=member.id, skill_id=row.id, status=RequestStatus.OPEN
        )
        session.add(request)
    request.skill_id = row.id
    request.goal = form.goal
    request.frequency = form.frequency
    request.duration = form.duration
    request.success_measure = form.success_measure
    request.can_teach_in_return = form.can_teach_in_return
    session.flush()
    return SavedRequestDetails(label=row.label, created=created)


def save_profile_form(session: Session, member: Member, form: ProfileForm, now: datetime) -> None:
    member.career_stage = form.career_stage
    member.open_to_reverse = form.open_to_reverse
    member.listed_in_directory = form.listed_in_directory
    member.allows_public_thanks = form.allows_public_thanks
    member.work_starts_minute = form.hours.starts_minute
    member.work_ends_minute = form.hours.ends_minute
    member.open_to_circle = form.open_to_circle
    member.profile_completed_at = now
    session.flush()


def remove_offer_by_id(session: Session, member: Member, offer_id: int) -> str | None:
    """Delete one of the person's offers; the skill's label, or None if it wasn't theirs."""
    offer = session.scalar(select(Offer).where(Offer.id == offer_id, Offer.member_id == member.id))
    if offer is None:
        return None
    label = offer.skill.label
    session.delete(offer)
    return label


def withdraw_request_by_id(session: Session, member: Member, request_id: int) -> str | None:
    """Withdraw one of the person's open requests (kept as closed, for honest history)."""
    request = session.scalar(
        select(MentoringRequest).where(
            MentoringRequest.id == request_id,
            MentoringRequest.member_id == member.id,
            MentoringRequest.status == RequestStatus.OPEN,
        )
    )
    if request is None:
        return None
    request.status = RequestStatus.CLOSED
    return request.skill.label
