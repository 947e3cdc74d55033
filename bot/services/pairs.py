"""What people do with their pair: set expectations, confirm a meeting, end it.

Every entry point takes the ids from a click or a modal and checks them against the
database: only the two people of a pair can change it, whatever the payload says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.cycle.endings import ends_at
from bot.db.models import (
    EndReason,
    Expectations,
    Feedback,
    Member,
    MentoringRequest,
    Pair,
    PairBlock,
    PairStatus,
    RequestStatus,
)
from bot.db.models.pair import ordered_ids
from bot.delivery.outbox import drop_pending, enqueue_reply, known_channel, users_key
from bot.parsing.pair_forms import ExpectationsForm
from bot.services.meeting_reminders import schedule_reminder
from bot.services.people import find_member
from bot.ui import checkin as checkin_ui
from bot.ui.first_meeting import first_meeting_message
from bot.ui.replies import Reply

NOT_YOURS = "That button belongs to someone else's pairing, so nothing was changed."
PAIR_OVER = "This pairing has already ended, so nothing was changed."


class NotYours(Exception):
    """The clicking person is not in the pair (or the pair doesn't exist); safe to show."""


@dataclass(frozen=True, slots=True)
class PairAccess:
    pair: Pair
    member: Member

    @property
    def partner(self) -> Member:
        return self.pair.mentee if self.member.id == self.pair.mentor_id else self.pair.mentor


def parse_id(value: object) -> int | None:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def pair_for(session: Session, pair_id: object, *, team_id: str, user_id: str) -> PairAccess:
    """The pair and the person clicking, when they really belong to it."""
    number = parse_id(pair_id)
    pair = session.get(Pair, number) if number is not None else None
    member = find_member(session, team_id=team_id, user_id=user_id)
    if pair is None or pair.team_id != team_id or member is None or not pair.has_member(member.id):
        raise NotYours(NOT_YOURS)
    return PairAccess(pair=pair, member=member)


def pair_channel(session: Session, pair: Pair) -> str | None:
    """The pair's group DM, once the intro has opened it."""
    if pair.group_channel is None:
        pair.group_channel = known_channel(session, pair.team_id, users_key(pair.slack_ids()))
    return pair.group_channel


def current_expectations(session: Session, pair: Pair) -> ExpectationsForm | None:
    row = session.scalar(select(Expectations).where(Expectations.pair_id == pair.id))
    if row is None:
        return None
    return ExpectationsForm(
        objective=row.objective,
        cadence=row.cadence,
        first_meeting_on=row.first_meeting_on,
        duration=row.duration,
        success_measure=row.success_measure,
        confidentiality_agreed=row.confidentiality_agreed,
    )


def save_expectations(
    session: Session, access: PairAccess, form: ExpectationsForm, now: datetime
) -> tuple[Expectations, bool]:
    """Store what was agreed; returns the row and whether it replaced an earlier version.

    An agreed duration replaces the one from the request: endings follow the agreement.
    """
    pair = access.pair
    row = session.scalar(select(Expectations).where(Expectations.pair_id == pair.id))
    edited = row is not None
    if row is None:
        row = Expectations(team_id=pair.team_id, pair_id=pair.id, version=0, objective="")
        session.add(row)
    row.objective = form.objective
    row.cadence = form.cadence
    row.first_meeting_on = form.first_meeting_on
    row.duration = form.duration
    row.success_measure = form.success_measure
    row.confidentiality_agreed = form.confidentiality_agreed
    row.version += 1
    row.updated_by_id = access.member.id
    row.updated_at = now
    if form.duration and form.duration != pair.duration and pair.cycle == 1:
        pair.duration = form.duration
        pair.ends_at = ends_at(pair.started_at, form.duration)
    session.flush()
    return row, edited


def set_first_meeting(session: Session, access: PairAccess, at: datetime, now: datetime) -> bool:
    """Store when the first meeting is and tell both; False when it is unchanged.

    Either person may set it, and set it again when it moves; each new time is told once.
    """
    pair = access.pair
    if pair.first_meeting_at == at:
        return False
    moved = pair.first_meeting_at is not None
    pair.first_meeting_at = at
    if pair.first_meeting_scheduled_at is None:
        pair.first_meeting_scheduled_at = now
    schedule_reminder(session, pair, at, now)
    tell_both(
        session,
        pair,
        key=f"first-meeting:{int(at.timestamp())}",
        kind="first_meeting",
        reply=first_meeting_message(
            set_by=access.member.slack_user_id,
            partner=access.partner.slack_user_id,
            at=at,
            moved=moved,
        ),
        now=now,
    )
    session.flush()
    return True


def reopen_request(session: Session, request_id: int | None) -> bool:
    """Put a served request back in the queue (unless the person asked again meanwhile)."""
    request = session.get(MentoringRequest, request_id) if request_id else None
    if request is None or request.status != RequestStatus.MATCHED:
        return False
    newer = session.scalar(
        select(MentoringRequest.id).where(
            MentoringRequest.member_id == request.member_id,
            MentoringRequest.skill_id == request.skill_id,
            MentoringRequest.status == RequestStatus.OPEN,
        )
    )
    request.status = RequestStatus.CLOSED if newer is not None else RequestStatus.OPEN
    return newer is None


def close_request(session: Session, request_id: int | None) -> None:
    request = session.get(MentoringRequest, request_id) if request_id else None
    if request is not None and request.status == RequestStatus.MATCHED:
        request.status = RequestStatus.CLOSED


def end_pair(
    session: Session,
    pair: Pair,
    *,
    reason: EndReason,
    now: datetime,
    reopen_for: set[int] | None = None,
) -> None:
    """End the pair, drop its unsent messages, and settle the requests it served.

    `reopen_for`: member ids whose served request goes back in the queue (the others are
    closed as done).
    """
    pair.status = PairStatus.ENDED
    pair.ended_at = now
    pair.end_reason = reason
    drop_pending(session, pair.team_id, key_prefix=f"pair={pair.id}:")
    reopen_for = reopen_for or set()
    for request_id, learner in ((pair.request_id, pair.mentee_id),
                                (pair.return_request_id, pair.mentor_id)):  # fmt: skip
        if learner in reopen_for:
            reopen_request(session, request_id)
        else:
            close_request(session, request_id)


def tell_both(
    session: Session, pair: Pair, *, key: str, kind: str, reply: Reply, now: datetime
) -> None:
    enqueue_reply(
        session,
        reply,
        team_id=pair.team_id,
        key=f"pair={pair.id}:{key}",
        kind=kind,
        not_before=now,
        channel=pair_channel(session, pair),
        users=pair.slack_ids(),
    )


def end_and_tell_both(
    session: Session,
    pair: Pair,
    *,
    reason: EndReason,
    reopen_for: set[int],
    reply: Reply,
    now: datetime,
    key: str = "ended",
    kind: str = "pair_ended",
) -> None:
    """End the pair (see `end_pair`) and tell both people in their group DM, in one go.

    The message is queued after the pair's unsent ones are dropped, so it is never dropped
    with them.
    """
    end_pair(session, pair, reason=reason, now=now, reopen_for=reopen_for)
    tell_both(session, pair, key=key, kind=kind, reply=reply, now=now)


def end_as_not_a_fit(
    session: Session, access: PairAccess, reason: str | None, now: datetime
) -> bool:
    """End politely for both, never pair them again, put the learner's request back.

    False when the pair had already ended (a second click or submission).
    """
    pair = access.pair
    if not pair.active:
        return False
    end_and_tell_both(
        session,
        pair,
        reason=EndReason.NOT_A_FIT,
        reopen_for={pair.mentee_id, pair.mentor_id},
        reply=checkin_ui.ended_message(mentions=pair.slack_ids(), rematch=True),
        now=now,
    )
    a, b = ordered_ids(pair.mentor_id, pair.mentee_id)
    exists = session.scalar(
        select(PairBlock.id).where(
            PairBlock.team_id == pair.team_id,
            PairBlock.member_a_id == a,
            PairBlock.member_b_id == b,
        )
    )
    if exists is None:
        session.add(PairBlock(team_id=pair.team_id, member_a_id=a, member_b_id=b, pair_id=pair.id))
    session.add(
        Feedback(
            team_id=pair.team_id,
            pair_id=pair.id,
            member_id=access.member.id,
            kind="not_a_fit",
            cycle=pair.cycle,
            reason=reason,
            created_at=now,
        )
    )
    return True
