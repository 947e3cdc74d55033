"""The learner's one nudge: when a pair has put nothing on the calendar five of the
learner's working days after the intro, one gentle DM to the learner, recorded so it is
never sent twice, however many replicas tick."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.db.models import Pair, PairStatus
from bot.db.session import rowcount
from bot.delivery.outbox import enqueue_reply
from bot.scheduling.reminders import NUDGE_AFTER_WORKING_DAYS, nudge_due
from bot.services.meeting_times import meeting_person
from bot.ui.meeting_times import schedule_nudge

# Five working days are at least five calendar days: pairs younger than that are skipped
# without reading their people's hours.
_YOUNGEST = timedelta(days=NUDGE_AFTER_WORKING_DAYS)
# A nudge about a first meeting weeks late is noise: pairs older than this (say, made
# before nudges existed) are left alone.
_OLDEST = timedelta(weeks=4)


def send_schedule_nudges(session: Session, now: datetime) -> int:
    """Queue the nudge for every pair that is due one; how many were queued."""
    candidates = session.scalars(
        select(Pair)
        .where(
            Pair.status == PairStatus.ACTIVE,
            Pair.first_meeting_scheduled_at.is_(None),
            Pair.schedule_nudged_at.is_(None),
            Pair.started_at <= now - _YOUNGEST,
            Pair.started_at >= now - _OLDEST,
        )
        .order_by(Pair.id)
    ).all()
    sent = 0
    for pair in candidates:
        learner = meeting_person(pair.mentee)
        if not nudge_due(pair.started_at, learner, now, scheduled=False, nudged=False):
            continue
        # Claimed by the update: another replica's tick that got here first wins.
        claimed = session.execute(
            update(Pair)
            .where(Pair.id == pair.id, Pair.schedule_nudged_at.is_(None))
            .values(schedule_nudged_at=now)
        )
        if rowcount(claimed) != 1:
            continue
        enqueue_reply(
            session,
            schedule_nudge(partner=pair.mentor.slack_user_id, pair_id=pair.id),
            team_id=pair.team_id,
            key=f"pair={pair.id}:schedule-nudge",
            kind="schedule_nudge",
            not_before=now,
            users=(pair.mentee.slack_user_id,),
        )
        sent += 1
    return sent
