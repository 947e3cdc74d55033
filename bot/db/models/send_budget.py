"""The pace of Slack calls that every sender process shares, one row per budget.

Slack's limits hold per workspace and method (and, for chat.postMessage, per channel)
whatever the number of replicas sending. Each row is a virtual schedule: `next_at` is
the moment the next call would be due if calls went out at exactly the allowed pace
(the generic cell rate algorithm). A call may go out when `next_at` is no further ahead
than the burst allows, and pushes `next_at` on by one interval; a 429 pushes it past the
`Retry-After`. Senders update a row under a row lock, so replicas take turns.
"""

from __future__ import annotations

from sqlalchemy import Double, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.base import Base


class SendBudget(Base):
    __tablename__ = "send_budgets"

    team_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("workspaces.team_id", ondelete="CASCADE"), primary_key=True
    )
    method: Mapped[str] = mapped_column(String(64), primary_key=True)
    # "" for the workspace-wide budget of the method, else the channel's own.
    channel: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Seconds since the epoch on the database's clock, so that every replica agrees.
    next_at: Mapped[float] = mapped_column(Double())
