"""A workspace's skill catalogue: suggestions while typing, choices made in modals, and
which skills are asked for and offered."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from functools import cache

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from bot.db.models import Member, Offer
from bot.db.models import Skill as SkillRow
from bot.domain.catalogue import SkillCount, SkillsOverview
from bot.domain.drafts import Suggestions
from bot.services.demand import demand_counts
from bot.skills.normalise import (
    InvalidSkill,
    Skill,
    canonical_labels,
    normalize_skill,
    skill_aliases,
)
from bot.skills.search import CatalogueEntry, Typed, rank_skills, typed_option


def _offer_counts(session: Session, team_id: str) -> Counter[int]:
    rows = session.execute(
        select(Offer.skill_id, func.count())
        .join(Member, Member.id == Offer.member_id)
        .where(Offer.team_id == team_id, Member.active.is_(True))
        .group_by(Offer.skill_id)
    )
    return Counter({skill_id: count for skill_id, count in rows})


def catalogue_entries(session: Session, team_id: str, now: datetime) -> list[CatalogueEntry]:
    """Every skill of the workspace with how often it is offered or asked for (`demand`)."""
    uses = _offer_counts(session, team_id) + demand_counts(session, team_id, now)
    # Aliases come back as text and are decoded only where there are some: most skills
    # have none, and decoding ten thousand empty JSON lists costs more than the search.
    rows = session.execute(
        select(SkillRow.id, SkillRow.slug, SkillRow.label, cast(SkillRow.aliases, String)).where(
            SkillRow.team_id == team_id
        )
    )
    return [
        CatalogueEntry(slug, label, _aliases(aliases), uses.get(skill_id, 0))
        for skill_id, slug, label, aliases in rows
    ]


def _aliases(stored: str | None) -> list[str]:
    if not stored or stored in ("[]", "null"):
        return []
    decoded = json.loads(stored)
    return (
        [alias for alias in decoded if isinstance(alias, str)] if isinstance(decoded, list) else []
    )


def suggest_skills(
    session: Session, team_id: str, typed: str, *, limit: int, now: datetime
) -> Suggestions:
    """Up to `limit` options in all: catalogue matches, plus what was typed as a new skill."""
    try:
        typed_skill: Skill | None = normalize_skill(typed)
    except InvalidSkill:
        typed_skill = None
    entries = catalogue_entries(session, team_id, now)
    kind = (
        typed_option(typed, typed_skill.slug, entries, known_names=known_skill_names())
        if typed_skill is not None
        else Typed.KNOWN
    )
    new_skill = None if kind == Typed.KNOWN else typed_skill
    room = limit - (1 if new_skill is not None else 0)
    return Suggestions(
        matches=rank_skills(typed, entries, limit=room),
        new_skill=new_skill,
        new_is_known=kind == Typed.NAMED,
    )


@cache
def known_skill_names() -> frozenset[str]:
    """The skills the app knows by name before any workspace uses them: the seed list's."""
    return frozenset(skill_aliases().values()) | frozenset(canonical_labels())


class UnknownSkill(ValueError):
    """A chosen skill is not (or no longer) in the catalogue; the message can be shown."""


def resolve_known_skill(session: Session, team_id: str, slug: str) -> Skill:
    row = session.scalar(select(SkillRow).where(SkillRow.team_id == team_id, SkillRow.slug == slug))
    if row is None:
        raise UnknownSkill("That skill is no longer in the list; please pick it again.")
    return Skill(slug=row.slug, label=row.label)


def skills_overview(session: Session, team_id: str, *, limit: int, now: datetime) -> SkillsOverview:
    """Demand and supply per skill: requests that count as demand (`demand`), and offers
    by people still here."""
    rows = session.execute(select(SkillRow.id, SkillRow.label).where(SkillRow.team_id == team_id))
    labels = {skill_id: label for skill_id, label in rows}
    offered = _offer_counts(session, team_id)
    requested = demand_counts(session, team_id, now)

    def top(counts: Counter[int]) -> list[SkillCount]:
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], labels[kv[0]].casefold()))
        return [SkillCount(labels[skill_id], count) for skill_id, count in ranked[:limit]]

    unmet = Counter({skill_id: n for skill_id, n in requested.items() if not offered[skill_id]})
    return SkillsOverview(
        most_requested=top(requested), most_offered=top(offered), requested_not_offered=top(unmet)
    )
