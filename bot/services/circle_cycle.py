"""A circle's weekly check-ins and its end: the group variant of the pairs' cycle.

The weekly check-in pass (`checkin_sweep`) calls `sweep_circles` in its own transaction:
each active circle gets a check-in in its group DM every week after its first day, which
each member answers for themselves; once its agreed duration is over it ends, with a
thank-you to everyone in it. The pairs' rules (`cycle.checkins.next_step`) apply to the
group as a whole: a check-in counts as met when anyone in the circle answered "We met",
and as silent when nobody answered. After a few check-ins without a meeting the next one
carries a gentle nudge; after `close_after` silent ones in a row the circle is closed
kindly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.cycle.checkins import (
    Answer,
    CheckInRecord,
    Step,
    Thresholds,
    checkin_falls_due,
    next_step,
    weeks_without_meeting,
)
from bot.cycle.schedule import Occurrence
from bot.db.inserts import insert_if_absent
from bot.db.models import (
    Circle,
    CircleCheckIn,
    CircleCheckInAnswer,
    CircleCheckInNote,
    CircleFeedback,
    CircleHelpRequest,
    CircleMember,
    CircleStatus,
    Member,
)
from bot.delivery.outbox import HELP_REQUEST, enqueue_reply
from bot.parsing.circle_forms import CircleRating
from bot.services.circles import circle_content
from bot.services.help_requests import UNKNOWN, Taken
from bot.services.pairs import NotYours, parse_id
from bot.services.people import find_member
from bot.ui import circles as circles_ui
from bot.ui import help_request as help_ui
from bot.ui.replies import Reply

NOT_YOUR_CIRCLE = "That button belongs to a circle you're not in, so nothing was changed."
CIRCLE_OVER = "This circle has already ended, so nothing was changed."


def _tell_circle(
    session: Session, circle: Circle, *, key: str, kind: str, reply: Reply, now: datetime
) -> None:
    content = circle_content(circle)
    enqueue_reply(
        session,
        reply,
        team_id=circle.team_id,
        key=f"circle={circle.id}:{key}",
        kind=kind,
        not_before=now,
        users=[p.slack_id for p in content.people],
    )


def _end(session: Session, circle: Circle, now: datetime) -> None:
    reply = circles_ui.circle_ended_message(circle_content(circle))
    _tell_circle(session, circle, key="ended", kind="circle_ended", reply=reply, now=now)
    circle.status = CircleStatus.ENDED
    circle.ended_at = now


def _close(session: Session, circle: Circle, now: datetime) -> None:
    reply = circles_ui.circle_closed_message(circle_content(circle))
    _tell_circle(session, circle, key="closed", kind="circle_closed", reply=reply, now=now)
    circle.status = CircleStatus.ENDED
    circle.ended_at = now


def _history(session: Session, circle: Circle) -> list[CheckInRecord]:
    """The circle's check-ins, oldest first, each with every member's answer."""
    checkins = session.scalars(
        select(CircleCheckIn.id)
        .where(CircleCheckIn.circle_id == circle.id)
        .order_by(CircleCheckIn.number)
    ).all()
    answers: dict[int, list[str]] = defaultdict(list)
    for checkin_id, answer in session.execute(
        select(CircleCheckInAnswer.checkin_id, CircleCheckInAnswer.answer).where(
            CircleCheckInAnswer.checkin_id.in_(checkins)
        )
    ):
        answers[checkin_id].append(answer)
    return [CheckInRecord.of(answers[c]) for c in checkins]


def _check_in(
    session: Session, circle: Circle, period: str, now: datetime, nudge: str | None = None
) -> None:
    number = 1 + (
        session.scalar(
            select(func.count())
            .select_from(CircleCheckIn)
            .where(CircleCheckIn.circle_id == circle.id)
        )
        or 0
    )
    checkin = CircleCheckIn(
        team_id=circle.team_id, circle_id=circle.id, period=period, number=number, sent_at=now
    )
    session.add(checkin)
    session.flush()
    reply = circles_ui.circle_checkin_message(
        circle_content(circle), checkin_id=checkin.id, nudge=nudge
    )
    _tell_circle(session, circle, key=f"checkin:{period}", kind="checkin", reply=reply, now=now)


def sweep_circles(
    session: Session,
    team_id: str,
    occurrence: Occurrence,
    now: datetime,
    limits: Thresholds,
) -> dict[str, int]:
    """This week's check-ins, nudges, closings and endings of the workspace's active
    circles (counts); `limits` are the workspace's check-in thresholds, as for pairs."""
    circles = session.scalars(
        select(Circle)
        .where(Circle.team_id == team_id, Circle.status == CircleStatus.ACTIVE)
        .order_by(Circle.id)
    ).all()
    counts = {"circle_checkins": 0, "circle_nudges": 0, "circle_closed": 0, "circle_endings": 0}
    for circle in circles:
        if circle.ends_at is not None and now >= circle.ends_at:
            _end(session, circle, now)
            counts["circle_endings"] += 1
            continue
        if not checkin_falls_due(started_at=circle.started_at, at=occurrence.at, every_weeks=1):
            continue
        history = _history(session, circle)
        step = next_step(history, limits)
        if step == Step.CLOSE:
            _close(session, circle, now)
            counts["circle_closed"] += 1
            continue
        nudge = None
        if step == Step.CHECK_IN_AND_NUDGE:
            nudge = circles_ui.circle_nudge_text(
                weeks=weeks_without_meeting(history),
                met_before=any(record.met for record in history),
            )
            counts["circle_nudges"] += 1
        _check_in(session, circle, occurrence.key, now, nudge)
        counts["circle_checkins"] += 1
    return counts if circles else {}


@dataclass(frozen=True, slots=True)
class CircleCheckInAccess:
    """A circle's check-in, for one member of the circle who clicked on it."""

    checkin: CircleCheckIn
    circle: Circle
    member: Member


def _member_of_circle(session: Session, circle_id: int, *, team_id: str, user_id: str) -> Member:
    """The clicker, when they are in the circle; raises NotYours otherwise."""
    member = find_member(session, team_id=team_id, user_id=user_id)
    in_circle = (
        member is not None
        and session.scalar(
            select(CircleMember.id).where(
                CircleMember.circle_id == circle_id, CircleMember.member_id == member.id
            )
        )
        is not None
    )
    if member is None or not in_circle:
        raise NotYours(NOT_YOUR_CIRCLE)
    return member


def circle_checkin_for(
    session: Session, clicked: object, /, *, team_id: str, user_id: str
) -> CircleCheckInAccess:
    """The check-in a button names, for someone in its circle while the circle runs;
    raises NotYours with the reason otherwise."""
    number = parse_id(clicked)
    checkin = session.get(CircleCheckIn, number) if number is not None else None
    if checkin is None or checkin.team_id != team_id:
        raise NotYours(NOT_YOUR_CIRCLE)
    member = _member_of_circle(session, checkin.circle_id, team_id=team_id, user_id=user_id)
    circle = session.get(Circle, checkin.circle_id)
    if circle is None or not circle.active:
        raise NotYours(CIRCLE_OVER)
    return CircleCheckInAccess(checkin=checkin, circle=circle, member=member)


def record_circle_answer(
    session: Session,
    checkin_id: object,
    answer: Answer,
    *,
    team_id: str,
    user_id: str,
    now: datetime,
) -> bool:
    """Store the clicking member's own answer; False when it already was their answer."""
    found = circle_checkin_for(session, checkin_id, team_id=team_id, user_id=user_id)
    checkin, member = found.checkin, found.member
    row = session.scalar(
        select(CircleCheckInAnswer).where(
            CircleCheckInAnswer.checkin_id == checkin.id, CircleCheckInAnswer.member_id == member.id
        )
    )
    if row is not None and row.answer == answer:
        return False
    if row is None:
        row = CircleCheckInAnswer(team_id=team_id, checkin_id=checkin.id, member_id=member.id)
        session.add(row)
    row.answer = answer
    row.answered_at = now
    session.flush()
    return True


def _note_row(session: Session, found: CircleCheckInAccess) -> CircleCheckInNote | None:
    return session.scalar(
        select(CircleCheckInNote).where(
            CircleCheckInNote.checkin_id == found.checkin.id,
            CircleCheckInNote.member_id == found.member.id,
        )
    )


def current_circle_note(session: Session, found: CircleCheckInAccess) -> str | None:
    """The member's own note on this check-in, to edit; nobody else's."""
    row = _note_row(session, found)
    return row.note if row is not None else None


def save_circle_note(
    session: Session, found: CircleCheckInAccess, note: str, now: datetime
) -> None:
    """Keep the member's private note on this check-in (replacing their earlier one)."""
    row = _note_row(session, found)
    if row is None:
        row = CircleCheckInNote(
            team_id=found.checkin.team_id, checkin_id=found.checkin.id, member_id=found.member.id
        )
        session.add(row)
    row.note = note
    row.noted_at = now
    session.flush()


def ask_circle_for_help(
    session: Session, found: CircleCheckInAccess, said: str, now: datetime
) -> bool:
    """Record "Need help" on this check-in with what the member said would help; False when
    they had already asked on it (a double submission), which then changes nothing."""
    values = dict(
        team_id=found.checkin.team_id,
        checkin_id=found.checkin.id,
        member_id=found.member.id,
        said=said,
        asked_at=now,
    )
    return insert_if_absent(session, CircleHelpRequest, values, unique=["checkin_id", "member_id"])


def tell_admins_about_circle_help(
    session: Session, found: CircleCheckInAccess, admins: list[str], now: datetime
) -> int:
    """One DM per program admin (not in the circle) naming the member, the circle and what
    they wrote (never their private note); returns how many were queued."""
    row = session.scalar(
        select(CircleHelpRequest).where(
            CircleHelpRequest.checkin_id == found.checkin.id,
            CircleHelpRequest.member_id == found.member.id,
        )
    )
    if row is None:
        return 0
    content = circle_content(found.circle)
    asker = found.member.slack_user_id
    inside = {p.slack_id for p in content.people}
    message = help_ui.circle_help_request_message(
        request_id=row.id,
        asker=asker,
        others=tuple(p.slack_id for p in content.people if p.slack_id != asker),
        skill=content.skill,
        said=row.said,
    )
    queued = 0
    for admin in admins:
        if admin in inside:
            continue
        enqueue_reply(
            session,
            message,
            team_id=found.checkin.team_id,
            key=f"circle={found.circle.id}:help:checkin={found.checkin.id}:{asker}:{admin}",
            kind=HELP_REQUEST,
            not_before=now,
            users=(admin,),
        )
        queued += 1
    return queued


CIRCLE_NOT_OVER = "This circle is still running; its feedback form opens at its end."


@dataclass(frozen=True, slots=True)
class EndedCircleAccess:
    """A circle that has ended, for one of its members."""

    circle: Circle
    member: Member


def ended_circle_for(
    session: Session, clicked: object, /, *, team_id: str, user_id: str
) -> EndedCircleAccess:
    """The circle a feedback button names, for someone in it, once it has ended; raises
    NotYours with the reason otherwise."""
    number = parse_id(clicked)
    circle = session.get(Circle, number) if number is not None else None
    if circle is None or circle.team_id != team_id:
        raise NotYours(NOT_YOUR_CIRCLE)
    member = _member_of_circle(session, circle.id, team_id=team_id, user_id=user_id)
    if circle.active:
        raise NotYours(CIRCLE_NOT_OVER)
    return EndedCircleAccess(circle=circle, member=member)


def save_circle_feedback(
    session: Session,
    found: EndedCircleAccess,
    rating: CircleRating,
    learned: str,
    now: datetime,
) -> bool:
    """Keep the member's private answer; False when they had already answered."""
    values = dict(
        team_id=found.circle.team_id,
        circle_id=found.circle.id,
        member_id=found.member.id,
        rating=rating,
        learned=learned,
        created_at=now,
    )
    return insert_if_absent(session, CircleFeedback, values, unique=["circle_id", "member_id"])


UNKNOWN_HELP = (
    "That help request is no longer known (the person may have left), so nothing changed."
)


def take_circle_help(
    session: Session, *, team_id: str, clicked: object, admin: str, now: datetime
) -> tuple[Taken, str]:
    """The first admin to click "I'll reach out" takes the request on, and the member who
    asked is told who; (who took it and when, the asker's Slack id). Callers check that the
    clicker is an admin."""
    number = parse_id(clicked)
    row = session.get(CircleHelpRequest, number) if number is not None else None
    asker = session.get(Member, row.member_id) if row is not None else None
    if row is None or row.team_id != team_id or asker is None:
        raise NotYours(UNKNOWN)
    if row.taken_by is not None and row.taken_at is not None:
        return Taken(row.taken_by, row.taken_at, row.taken_by == admin), asker.slack_user_id
    row.taken_by, row.taken_at = admin, now
    enqueue_reply(
        session,
        help_ui.circle_help_taken_message(admin=admin),
        team_id=team_id,
        key=f"circle_help={row.id}:taken",
        kind="help_taken",
        not_before=now,
        users=(asker.slack_user_id,),
    )
    session.flush()
    return Taken(admin, now, True), asker.slack_user_id
