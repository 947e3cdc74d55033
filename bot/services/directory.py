"""The expertise directory: who offers a skill, among the people who chose to be listed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from bot.db.models import Member, Offer
from bot.db.models import Skill as SkillRow
from bot.domain.catalogue import DirectoryEntry, DirectoryResult
from bot.services.capacity import active_mentoring_counts
from bot.services.pausing import member_is_paused
from bot.services.thanks import endorsement_counts
from bot.skills.normalise import Skill


def find_mentors(
    session: Session, viewer: Member, skill: Skill, *, now: datetime, limit: int
) -> DirectoryResult:
    """Listed, active people who offer `skill`: best level first, those with room first."""
    row = session.scalar(
        select(SkillRow).where(SkillRow.team_id == viewer.team_id, SkillRow.slug == skill.slug)
    )
    if row is None:
        return DirectoryResult(skill.label, [], 0, False)
    listed = session.execute(
        select(Member, Offer.level)
        .join(Offer, Offer.member_id == Member.id)
        .where(
            Offer.skill_id == row.id,
            Member.team_id == viewer.team_id,
            Member.active.is_(True),
            Member.listed_in_directory.is_(True),
        )
    ).all()
    teaching = active_mentoring_counts(session, viewer.team_id)
    thanked = endorsement_counts(session, team_id=viewer.team_id, skill_id=row.id)
    entries = [
        DirectoryEntry(
            slack_user_id=member.slack_user_id,
            display_name=member.display_name,
            level=level,
            # Room for more: capacity left after the pairs they already teach in, not paused.
            taking_mentees=member.mentor_capacity - teaching[member.id] > 0
            and not member_is_paused(member, now),
            is_you=member.id == viewer.id,
            thanked_by=thanked.get(member.id, 0),
        )
        for member, level in listed
    ]
    entries.sort(key=lambda e: (not e.taking_mentees, -e.level, e.display_name.casefold()))
    you_unlisted = not viewer.listed_in_directory and bool(
        session.scalar(
            select(exists().where(Offer.member_id == viewer.id, Offer.skill_id == row.id))
        )
    )
    unlisted_others = session.scalar(
        select(func.count())
        .select_from(Offer)
        .join(Member, Offer.member_id == Member.id)
        .where(
            Offer.skill_id == row.id,
            Member.team_id == viewer.team_id,
            Member.active.is_(True),
            Member.listed_in_directory.is_(False),
            Member.id != viewer.id,
        )
    )
    return DirectoryResult(
        row.label, entries[:limit], len(entries), you_unlisted, int(unlisted_others or 0)
    )
