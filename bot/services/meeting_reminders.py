"""The reminder an hour before a pair's first meeting: queued in the outbox for its time,
so the sender delivers it once, and replaced when the meeting moves."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.db.models import Pair
from bot.delivery.outbox import drop_pending, enqueue_reply
from bot.scheduling.model import FIRST_MEETING_MINUTES, Slot
from bot.scheduling.reminders import reminder_at
from bot.ui.meeting_times import meeting_reminder


def reminder_key_prefix(pair: Pair) -> str:
    return f"pair={pair.id}:meeting-reminder:"


def schedule_reminder(session: Session, pair: Pair, at: datetime, now: datetime) -> bool:
    """Queue the reminder for the meeting at `at`, dropping one for an earlier time; False
    when the meeting is less than an hour away (nothing left to remind of)."""
    drop_pending(session, pair.team_id, key_prefix=reminder_key_prefix(pair))
    slot = Slot.starting(at, FIRST_MEETING_MINUTES)
    due = reminder_at(slot, now)
    if due is None:
        return False
    # The channel is the pair's group DM (known once the intro went out), else its members.
    enqueue_reply(
        session,
        meeting_reminder(mentions=pair.slack_ids(), at=slot),
        team_id=pair.team_id,
        # The time it was set is in the key too: a meeting moved away and back again gets
        # a new reminder rather than finding the dropped one.
        key=f"{reminder_key_prefix(pair)}{int(at.timestamp())}@{int(now.timestamp())}",
        kind="meeting_reminder",
        not_before=due,
        channel=pair.group_channel,
        users=pair.slack_ids(),
    )
    return True
