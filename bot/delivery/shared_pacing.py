"""Pacing shared by every sender process through the database (PostgreSQL).

Each process paces itself in memory (`pacing.Pacer`), but Slack's limits are per
workspace and method whatever the number of replicas: three replicas pacing on their own
would send three times the allowed rate. So, right before a call, a sender also takes the
call from the workspace's budget row (`SendBudget`), in a short transaction that locks the
rows it needs (in a fixed order, so two senders never deadlock) and reads the database's
clock, which every replica shares:

* a budget allows a call when its `next_at` is at most `tau` ahead of now, where `tau`
  lets `burst` calls go at once; the call moves `next_at` to max(next_at, now) + one
  interval (1 / the sustained rate). This is the generic cell rate algorithm: the same
  pace as the in-memory token bucket, held in one number per budget;
* a 429 moves `next_at` past `Retry-After`, so every replica holds back that method in
  that workspace, then one call goes, then the pace resumes;
* all the budgets of a call (the workspace's, and the channel's for chat.postMessage) are
  taken together or not at all.

A refusal says how long to wait; the sender then holds its own bucket back as long, so
it does not ask again before the slot can be free.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Double, cast, delete, func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, sessionmaker

from bot.core.send_limits import POST_MESSAGE, Rate, SendLimits
from bot.db.models import SendBudget
from bot.db.session import rowcount, transaction
from bot.delivery.pacing import PaceKey

# Rounding of float arithmetic: a slot this close to now is now.
_EPSILON = 1e-6
# The database's clock, in seconds since the epoch.
_DB_NOW = select(cast(func.extract("epoch", func.clock_timestamp()), Double))


@dataclass(frozen=True)
class _Pace:
    interval: float  # seconds between calls at the sustained rate
    tau: float  # how far ahead of now `next_at` may be for a call to go (the burst)


class SharedPacer:
    """Grants calls within `limits` across every process using the same database."""

    def __init__(self, sessions: sessionmaker[Session], limits: SendLimits) -> None:
        self.sessions = sessions
        self.limits = limits

    def _pace(self, key: PaceKey) -> _Pace | None:
        _team, method, channel = key
        rate: Rate | None
        if channel:
            rate = self.limits.post_per_channel if method == POST_MESSAGE else None
        else:
            rate = self.limits.for_method(method)
        if rate is None:
            return None
        interval = 1.0 / rate.sustained_per_second(self.limits.headroom)
        return _Pace(interval=interval, tau=(rate.burst - 1) * interval)

    def try_acquire(self, keys: Sequence[PaceKey]) -> tuple[float, PaceKey | None]:
        """Take one call from every budget of `keys`, or none.

        Returns (0.0, None) when granted, else (seconds to wait, the budget that waits longest).
        """
        paced = sorted((key, pace) for key in keys if (pace := self._pace(key)) is not None)
        if not paced:
            return 0.0, None
        wanted = [key for key, _pace in paced]
        with transaction(self.sessions) as session:
            budgets = _lock(session, wanted)
            now = float(session.scalar(_DB_NOW) or 0.0)
            longest, blocking = 0.0, None
            for key, pace in paced:
                budget = budgets[key]
                wait = budget.next_at - pace.tau - now
                if wait > max(longest, _EPSILON):
                    longest, blocking = wait, key
            if blocking is not None:
                return longest, blocking
            for key, pace in paced:
                budget = budgets[key]
                budget.next_at = max(budget.next_at, now) + pace.interval
            return 0.0, None

    def penalize(self, key: PaceKey, retry_after: float) -> None:
        """Slack said 429: every replica holds `key` back for `retry_after` seconds."""
        pace = self._pace(key)
        if pace is None:
            return
        with transaction(self.sessions) as session:
            budget = _lock(session, [key])[key]
            now = float(session.scalar(_DB_NOW) or 0.0)
            budget.next_at = max(budget.next_at, now + retry_after + pace.tau)


def _lock(session: Session, keys: list[PaceKey]) -> dict[PaceKey, SendBudget]:
    """The budget rows of `keys`, created when missing, locked until the transaction ends."""

    def read() -> dict[PaceKey, SendBudget]:
        rows = session.scalars(
            select(SendBudget)
            .where(tuple_(SendBudget.team_id, SendBudget.method, SendBudget.channel).in_(keys))
            .order_by(SendBudget.team_id, SendBudget.method, SendBudget.channel)
            .with_for_update()
        ).all()
        return {(row.team_id, row.method, row.channel): row for row in rows}

    found = read()
    # A new budget starts with its whole burst. Another sender may create it at the same
    # moment, and then its row is the one we lock; the idle-budget cleanup may delete a row
    # between that sender's commit and our read, and then we create it again. Rows we have
    # locked or created stay ours, so each pass leaves fewer missing.
    while missing := [key for key in keys if key not in found]:
        session.execute(
            insert(SendBudget)
            .values(
                [{"team_id": t, "method": m, "channel": c, "next_at": 0.0} for t, m, c in missing]
            )
            .on_conflict_do_nothing()
        )
        found = read()
    return found


def forget_idle_budgets(session: Session, *, idle_for: timedelta) -> int:
    """Delete budgets nobody used for `idle_for` (one per channel adds up); returns how many.

    A budget whose `next_at` is that far behind allows its whole burst again anyway, so
    deleting it changes nothing. Idleness is judged on the database's clock, the one
    `next_at` is kept in. Rows a sender holds are skipped, not waited for: the cleanup
    never waits on a sender, so the two cannot deadlock, whatever order the rows lie in.
    """
    horizon = _DB_NOW.scalar_subquery() - idle_for.total_seconds()
    key = (SendBudget.team_id, SendBudget.method, SendBudget.channel)
    idle = (
        select(*key)
        .where(SendBudget.next_at < horizon)
        .order_by(*key)
        .with_for_update(skip_locked=True)
    )
    return rowcount(session.execute(delete(SendBudget).where(tuple_(*key).in_(idle)))) or 0
