"""Announcing a round in the program's channel, queued in the round's own transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from bot.db.models import Pair, Round, Schedule
from bot.delivery.outbox import enqueue_reply
from bot.ui.admin_announcement import announcement_message


def announce_round(
    session: Session,
    schedule: Schedule,
    claim: Round,
    pairs: Sequence[Pair],
    *,
    still_waiting: int,
    now: datetime,
) -> bool:
    """Queue the announcement when the program has a channel for it; True if queued."""
    if schedule.announce_channel is None:
        return False
    named = (
        [
            (
                pair.mentor.slack_user_id,
                pair.mentee.slack_user_id,
                pair.skill.label
                + (f" / {pair.return_skill.label}" if pair.return_skill is not None else ""),
            )
            for pair in pairs
        ]
        if schedule.announce_pairs
        else []
    )
    message = announcement_message(
        pairs=len(pairs),
        two_way=sum(pair.two_way for pair in pairs),
        reverse=sum(pair.reverse for pair in pairs),
        still_waiting=still_waiting,
        named=named,
    )
    enqueue_reply(
        session,
        message,
        team_id=claim.team_id,
        key=f"round={claim.id}:announcement",
        kind="announcement",
        not_before=now,
        channel=schedule.announce_channel,
    )
    return True
