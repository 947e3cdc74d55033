"""`/mentor forget-me`: delete what the app keeps about one person in one workspace.

What goes: the profile (with working hours), offers, requests (with goals), their place
in circles (the circle stays for the others, and its queued messages go), private check-in
notes, what they wrote when asking the admins for help, feedback, thanks they sent or
received (and so the endorsements), fit and pair-again answers they gave or that are about
them, the expectations, goals, skill levels, goal board and learning log (with its action
items) of every pair they were in, those pairs' first-meeting times (their reminders and
nudges are outbox rows about the pair), pair blocks, their program-admin naming,
every outbox row addressed to them or naming them (queued, sent or failed: the text of an
intro holds their goal) and the DM channels we remembered for them.

What stays, and why: a past pair is a row other people's history depends on (the other
person's check-ins and feedback hang off it) and it feeds the program's counts (pairs
this quarter, two-way, reverse, share of pairs that met). So when someone had pairs,
their member row stays as an anonymous placeholder: no Slack id (a `forgotten:<n>`
marker takes its place, unique within the workspace and never a real id), no name,
time zone, career stage or pause, deactivated, with no offers or requests. The pairs
keep the skill, dates, status, the two-way/reverse flags and the matcher's reasons (skill
level, time-zone gap: nothing typed by a person); their check-in answers keep only
met / not yet / need help, without the note. What the other person wrote (their own
notes and feedback) is theirs and stays. Someone who never was in a pair leaves nothing
at all. If the person comes back, they start as a new member.

The workspace's installation record (OAuth mode) names the person who installed the app;
it belongs to the workspace and goes when the app is uninstalled.

A message already being handed to Slack (status "sending") is left to finish: it is the
only row that may outlive the deletion, and it is addressed to them anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, cast, delete, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.db.models import (
    CheckInAnswer,
    CircleCheckInNote,
    CircleFeedback,
    CircleHelpRequest,
    CircleMember,
    DmChannel,
    Expectations,
    Feedback,
    FitRating,
    Goal,
    LearnerLevel,
    LogEntry,
    Member,
    MentoringRequest,
    Offer,
    OutboxMessage,
    OutboxStatus,
    Pair,
    PairBlock,
    PairStatus,
    ProgramAdmin,
    Thanks,
)
from bot.services import learning_log
from bot.services.circles import circle_ids_of
from bot.services.goals import delete_for_pairs as delete_goals_for_pairs
from bot.services.leavers import (
    EndedPairing,
    addressed_to,
    end_pairs_of_leaver,
    tell_partners,
)
from bot.services.people import find_member
from bot.services.program_people import forget_program_answers
from bot.services.round_shaping import forget_in_drafts
from bot.ui.leaving import KeptAboutYou

# Stands in for the Slack id of someone forgotten; Slack ids never contain a colon.
FORGOTTEN_PREFIX = "forgotten:"


def _count(session: Session, query: Select[*tuple[Any, ...]]) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _pair_ids(session: Session, member: Member) -> list[int]:
    return list(
        session.scalars(
            select(Pair.id).where(
                Pair.team_id == member.team_id,
                or_(Pair.mentor_id == member.id, Pair.mentee_id == member.id),
            )
        )
    )


def _about_them(
    team_id: str, user_id: str, pair_ids: list[int], circle_ids: Sequence[int] = ()
) -> tuple[ColumnElement[bool], ...]:
    """Outbox rows addressed to them, about their pairs or circles, or naming them."""
    mention = f"<@{user_id}>"
    conditions = [
        addressed_to(user_id),
        OutboxMessage.text.contains(mention, autoescape=True),
        cast(OutboxMessage.blocks, Text).contains(mention, autoescape=True),
    ]
    conditions += [
        OutboxMessage.idempotency_key.startswith(f"pair={pair_id}:", autoescape=True)
        for pair_id in pair_ids
    ]
    conditions += [
        OutboxMessage.idempotency_key.startswith(f"circle={circle_id}:", autoescape=True)
        for circle_id in circle_ids
    ]
    return (
        OutboxMessage.team_id == team_id,
        OutboxMessage.status != OutboxStatus.SENDING,
        or_(*conditions),
    )


def kept_about(session: Session, *, team_id: str, user_id: str) -> KeptAboutYou:
    """What forget-me would delete for this person, counted (nothing is changed)."""
    member = find_member(session, team_id=team_id, user_id=user_id)
    pair_ids = _pair_ids(session, member) if member is not None else []
    messages = _count(
        session, select(OutboxMessage.id).where(*_about_them(team_id, user_id, pair_ids))
    )
    program_admin = bool(
        _count(
            session,
            select(ProgramAdmin.id).where(
                ProgramAdmin.team_id == team_id, ProgramAdmin.slack_user_id == user_id
            ),
        )
    )
    if member is None:
        return KeptAboutYou(messages=messages, program_admin=program_admin)
    active = _count(
        session,
        select(Pair.id).where(Pair.id.in_(pair_ids), Pair.status == PairStatus.ACTIVE),
    )
    return KeptAboutYou(
        offers=_count(session, select(Offer.id).where(Offer.member_id == member.id)),
        requests=_count(
            session, select(MentoringRequest.id).where(MentoringRequest.member_id == member.id)
        ),
        active_pairs=active,
        past_pairs=len(pair_ids) - active,
        notes=_count(
            session,
            select(CheckInAnswer.id).where(
                CheckInAnswer.member_id == member.id, CheckInAnswer.note.is_not(None)
            ),
        )
        + _count(
            session, select(CircleCheckInNote.id).where(CircleCheckInNote.member_id == member.id)
        ),
        feedback=_count(session, select(Feedback.id).where(Feedback.member_id == member.id))
        + _count(session, select(CircleFeedback.id).where(CircleFeedback.member_id == member.id)),
        messages=messages,
        profile=True,
        program_admin=program_admin,
        **_built_up(session, member, pair_ids),
    )


def _built_up(session: Session, member: Member, pair_ids: list[int]) -> dict[str, int]:
    """What their pairings built up along the way, counted for the confirmation."""
    entries = LogEntry.pair_id.in_(pair_ids)
    # count(column) counts the rows where it is set: a start and an end level are two.
    levels = session.execute(
        select(func.count(LearnerLevel.start_level), func.count(LearnerLevel.end_level)).where(
            LearnerLevel.pair_id.in_(pair_ids)
        )
    ).one()
    return {
        "goals": _count(session, select(Goal.id).where(Goal.pair_id.in_(pair_ids))),
        "level_ratings": levels[0] + levels[1],
        "log_entries": _count(session, select(LogEntry.id).where(entries)),
        "action_items": _count(
            session,
            select(LogEntry.id).where(
                entries, LogEntry.action_item.is_not(None), LogEntry.action_item != ""
            ),
        ),
        "thanks": _count(
            session,
            select(Thanks.id).where(_involves(Thanks.sender_id, Thanks.recipient_id, member)),
        ),
        "fit_answers": _count(
            session,
            select(FitRating.id).where(_involves(FitRating.rater_id, FitRating.rated_id, member)),
        ),
        "meeting_times": _count(
            session,
            select(Pair.id).where(Pair.id.in_(pair_ids), Pair.first_meeting_at.is_not(None)),
        ),
    }


def _involves(
    one: InstrumentedAttribute[int], other: InstrumentedAttribute[int], member: Member
) -> ColumnElement[bool]:
    """A row either of whose two member columns is this member."""
    return or_(one == member.id, other == member.id)


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What forget-me did; `anything` is False when there was nothing left to delete."""

    anything: bool
    ended: tuple[EndedPairing, ...] = ()
    kept_placeholder: bool = False


def _anonymise(member: Member) -> None:
    member.slack_user_id = f"{FORGOTTEN_PREFIX}{member.id}"
    member.display_name = ""
    member.tz = None
    member.tz_offset_seconds = 0
    member.active = False
    member.career_stage = None
    member.open_to_reverse = False
    member.listed_in_directory = False
    member.mentor_capacity = 0
    member.wants_in_return = None
    member.profile_completed_at = None
    member.paused = False
    member.paused_until = None
    member.away_until = None
    member.away_until_known = False
    member.allows_public_thanks = False
    member.work_starts_minute = None
    member.work_ends_minute = None


def _delete_member_data(session: Session, member: Member, pair_ids: list[int]) -> None:
    session.execute(delete(Offer).where(Offer.member_id == member.id))
    session.execute(delete(MentoringRequest).where(MentoringRequest.member_id == member.id))
    session.execute(delete(Feedback).where(Feedback.member_id == member.id))
    # Their place in circles goes; the circle stays for the others in it.
    session.execute(delete(CircleMember).where(CircleMember.member_id == member.id))
    session.execute(delete(Thanks).where(_involves(Thanks.sender_id, Thanks.recipient_id, member)))
    session.execute(delete(CircleCheckInNote).where(CircleCheckInNote.member_id == member.id))
    session.execute(delete(CircleHelpRequest).where(CircleHelpRequest.member_id == member.id))
    session.execute(delete(CircleFeedback).where(CircleFeedback.member_id == member.id))
    session.execute(
        delete(FitRating).where(_involves(FitRating.rater_id, FitRating.rated_id, member))
    )
    session.execute(
        update(CheckInAnswer)
        .where(CheckInAnswer.member_id == member.id)
        .values(note=None, noted_at=None, help_text=None)
    )
    session.execute(
        delete(PairBlock).where(
            or_(PairBlock.member_a_id == member.id, PairBlock.member_b_id == member.id)
        )
    )
    if pair_ids:
        # What the pair agreed is about both people and serves nobody once one is gone.
        session.execute(delete(Expectations).where(Expectations.pair_id.in_(pair_ids)))
        learning_log.delete_for_pairs(session, pair_ids)
        delete_goals_for_pairs(session, pair_ids)
        # The pair stays for the counts; when it was to meet is theirs, and goes (whether
        # a first meeting was scheduled at all stays, for the share of pairs that met).
        session.execute(
            update(Pair)
            .where(Pair.id.in_(pair_ids))
            .values(group_channel=None, first_meeting_at=None)
        )


def forget_person(session: Session, *, team_id: str, user_id: str, now: datetime) -> Forgotten:
    """Delete what we keep about `user_id` in `team_id` (see the module's docstring)."""
    if not kept_about(session, team_id=team_id, user_id=user_id).anything:
        return Forgotten(anything=False)
    member = find_member(session, team_id=team_id, user_id=user_id)
    ended: list[EndedPairing] = []
    pair_ids: list[int] = []
    if member is not None:
        ended = end_pairs_of_leaver(session, member, now)
        pair_ids = _pair_ids(session, member)
    # Rows about them go before the partners' notices are queued (those are about the
    # same pairs, but for the person who stays).
    circle_ids = circle_ids_of(session, member) if member is not None else []
    session.execute(
        delete(OutboxMessage).where(*_about_them(team_id, user_id, pair_ids, circle_ids))
    )
    session.execute(
        delete(DmChannel).where(
            DmChannel.team_id == team_id,
            or_(
                DmChannel.users == user_id,
                DmChannel.users.startswith(f"{user_id},", autoescape=True),
                DmChannel.users.endswith(f",{user_id}", autoescape=True),
                DmChannel.users.contains(f",{user_id},", autoescape=True),
            ),
        )
    )
    session.execute(
        delete(ProgramAdmin).where(
            ProgramAdmin.team_id == team_id, ProgramAdmin.slack_user_id == user_id
        )
    )
    session.execute(
        update(ProgramAdmin)
        .where(ProgramAdmin.team_id == team_id, ProgramAdmin.added_by == user_id)
        .values(added_by="")
    )
    forget_in_drafts(session, team_id=team_id, user_id=user_id)
    forget_program_answers(session, team_id=team_id, user_id=user_id)
    placeholder = False
    if member is not None:
        _delete_member_data(session, member, pair_ids)
        if pair_ids:
            _anonymise(member)
            placeholder = True
        else:
            session.delete(member)
        session.flush()
    tell_partners(session, team_id, ended, now)
    return Forgotten(anything=True, ended=tuple(ended), kept_placeholder=placeholder)
