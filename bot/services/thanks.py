"""Thanks between people: stored, sent as a warm DM (and in a channel when both agree),
counted as endorsements of skills the person offers; and the mentor bonus they feed."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from bot.cycle.mentor_bonus import ANSWER_VALUES, average, offer_bonuses, rating_bonus
from bot.db.models import FitRating, Member, Offer, Pair, Skill, Thanks
from bot.delivery.outbox import enqueue_reply
from bot.parsing.thanks import SendThanks
from bot.services.people import find_member
from bot.ui import thanks as thanks_ui

Refusal = Literal["yourself", "unknown", "inactive"]


@dataclass(frozen=True, slots=True)
class ThanksSent:
    recipient: str  # Slack user id
    endorsed: str | None  # the skill's label, when the thanks endorses one
    public: Literal["posted", "not_allowed"] | None  # None: the sender didn't ask


@dataclass(frozen=True, slots=True)
class ThanksRefused:
    reason: Refusal


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, for finding a skill's name in a thanks."""
    return " ".join(re.findall(r"[a-z0-9+#]+", text.casefold()))


def endorsed_skill(session: Session, recipient: Member, words: str) -> Skill | None:
    """The skill the recipient offers that the thanks names (the longest name wins)."""
    said = f" {_words(words)} "
    offered = session.scalars(
        select(Skill).join(Offer, Offer.skill_id == Skill.id).where(Offer.member_id == recipient.id)
    ).all()
    named = [
        skill
        for skill in offered
        if any(f" {_words(name)} " in said for name in (skill.label, skill.slug.replace("-", " ")))
    ]
    return max(named, key=lambda skill: (len(skill.label), skill.slug), default=None)


def send_thanks(
    session: Session,
    sender: Member,
    command: SendThanks,
    *,
    now: datetime,
    pair_id: int | None = None,
) -> ThanksSent | ThanksRefused:
    """Store the thanks and queue its DM (and its channel post, when both agreed)."""
    if command.recipient == sender.slack_user_id:
        return ThanksRefused("yourself")
    recipient = find_member(session, team_id=sender.team_id, user_id=command.recipient)
    if recipient is None:
        return ThanksRefused("unknown")
    if not recipient.active:
        return ThanksRefused("inactive")
    skill = endorsed_skill(session, recipient, command.words)
    public: Literal["posted", "not_allowed"] | None = None
    channel = None
    if command.channel is not None:
        public = "posted" if recipient.allows_public_thanks else "not_allowed"
        channel = command.channel if recipient.allows_public_thanks else None
    row = Thanks(
        team_id=sender.team_id,
        sender_id=sender.id,
        recipient_id=recipient.id,
        pair_id=pair_id,
        endorsed_skill_id=skill.id if skill is not None else None,
        message=command.words,
        public_channel=channel,
        created_at=now,
    )
    session.add(row)
    session.flush()
    label = skill.label if skill is not None else None
    enqueue_reply(
        session,
        thanks_ui.thanks_dm(sender=sender.slack_user_id, words=command.words, skill=label),
        team_id=sender.team_id,
        key=f"thanks={row.id}:dm",
        kind="thanks",
        not_before=now,
        users=(recipient.slack_user_id,),
    )
    if channel is not None:
        enqueue_reply(
            session,
            thanks_ui.public_thanks(
                sender=sender.slack_user_id,
                recipient=recipient.slack_user_id,
                words=command.words,
            ),
            team_id=sender.team_id,
            key=f"thanks={row.id}:public",
            kind="thanks",
            not_before=now,
            channel=channel,
        )
    return ThanksSent(recipient=recipient.slack_user_id, endorsed=label, public=public)


def endorsement_counts(session: Session, *, team_id: str, skill_id: int) -> dict[int, int]:
    """Member id -> how many different people thanked them for the skill."""
    rows = session.execute(
        select(Thanks.recipient_id, func.count(distinct(Thanks.sender_id)))
        .where(Thanks.team_id == team_id, Thanks.endorsed_skill_id == skill_id)
        .group_by(Thanks.recipient_id)
    )
    return {member_id: int(count) for member_id, count in rows}


def mentor_bonuses(
    session: Session, *, team_id: str, offers: dict[int, dict[str, int]]
) -> dict[int, dict[str, int]]:
    """Member id -> {skill slug: bonus} for the matcher, from endorsements and the
    ratings their learners gave them (the rater was the mentee of the pair rated)."""
    endorsers: dict[int, dict[str, int]] = defaultdict(dict)
    for member_id, slug, count in session.execute(
        select(Thanks.recipient_id, Skill.slug, func.count(distinct(Thanks.sender_id)))
        .join(Skill, Skill.id == Thanks.endorsed_skill_id)
        .where(Thanks.team_id == team_id)
        .group_by(Thanks.recipient_id, Skill.slug)
    ):
        endorsers[member_id][slug] = int(count)
    ratings: dict[int, list[float]] = defaultdict(list)
    for rated_id, answer in session.execute(
        select(FitRating.rated_id, FitRating.answer)
        .join(Pair, Pair.id == FitRating.pair_id)
        .where(
            FitRating.team_id == team_id,
            FitRating.rater_id == Pair.mentee_id,
            FitRating.rated_id == Pair.mentor_id,
        )
    ):
        ratings[rated_id].append(ANSWER_VALUES[answer])
    prior = average([value for values in ratings.values() for value in values])
    return {
        member_id: bonus
        for member_id, skills in offers.items()
        if (
            bonus := offer_bonuses(
                sorted(skills),
                endorsers.get(member_id, {}),
                rating_bonus(ratings[member_id], prior),
            )
        )
    }
