"""Pausing and resuming: a paused person keeps everything but is left out of matching.

A pause with an end date ends by itself. "Is this person paused now?" is a pure function
of the stored pair (paused, paused_until) and the moment asked about, so every reader agrees
even before the stored state catches up; the state is then corrected lazily whenever a
member is read (`apply_pause_expiry`), and in bulk by `resume_expired_pauses` (for a job).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, update
from sqlalchemy.orm import Session

from bot.db.models import Member
from bot.db.session import rowcount
from bot.domain.home import PauseState


def is_paused(paused: bool, paused_until: datetime | None, now: datetime) -> bool:
    """True while a pause is in force: set, and either open-ended or not yet over."""
    return paused and (paused_until is None or now < paused_until)


def member_is_paused(member: Member, now: datetime) -> bool:
    """`is_paused` for a member row."""
    return is_paused(member.paused, member.paused_until, now)


def paused_now_clause(now: datetime) -> ColumnElement[bool]:
    """The SQL form of `is_paused` for Member rows, for queries that pick who to match."""
    return and_(
        Member.paused.is_(True),
        or_(Member.paused_until.is_(None), Member.paused_until > now),
    )


def pause_state(member: Member, now: datetime) -> PauseState:
    if member_is_paused(member, now):
        return PauseState(paused=True, until=member.paused_until)
    return PauseState(paused=False, until=None)


def apply_pause_expiry(member: Member, now: datetime) -> bool:
    """Make the stored state say what `is_paused` says; True if a pause just ended."""
    if member.paused and not member_is_paused(member, now):
        member.paused = False
        member.paused_until = None
        return True
    return False


def pause_member(member: Member, now: datetime, weeks: int | None) -> PauseState:
    """Pause from now, for `weeks` weeks or (None) until resumed; pausing again replaces it."""
    member.paused = True
    member.paused_until = now + timedelta(weeks=weeks) if weeks is not None else None
    return PauseState(paused=True, until=member.paused_until)


def resume_member(member: Member, now: datetime) -> bool:
    """End any pause; True if the person was paused."""
    was_paused = member_is_paused(member, now)
    member.paused = False
    member.paused_until = None
    return was_paused


def resume_expired_pauses(session: Session, now: datetime) -> int:
    """End, in every workspace, the pauses whose end date has passed; returns how many."""
    result = session.execute(
        update(Member)
        .where(
            Member.paused.is_(True),
            Member.paused_until.is_not(None),
            Member.paused_until <= now,
        )
        .values(paused=False, paused_until=None)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result) or 0
