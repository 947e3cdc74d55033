"""Deliver outbox messages to Slack exactly once, paced within Slack's rate limits.

How a message goes out
----------------------
1. **Claim.** A sender claims due rows (`claims.claim_due`): `FOR UPDATE SKIP LOCKED` on
   PostgreSQL, so any number of senders in any number of processes share the work without
   ever holding the same row; SQLite is meant for one sender. The claim writes a fresh
   `claim_token` and `claimed_at`; every later write on the row names that token.
2. **Open** the (group) DM with `conversations.open` when the row has no channel yet, and
   store the channel (and the DM for the next message to the same people) before posting.
3. **Post** with `chat.postMessage`, carrying Slack message metadata that names the row's
   idempotency key (`confirmation.outbox_metadata`). Slack's answer is recorded in the same
   row: `sent` with channel and ts, `failed` with the reason (user gone, channel archived,
   …), or back to `pending` with a backoff for 5xx answers and network errors.

Why nothing is posted twice
---------------------------
* A claim is a lease (`lease`, 40 seconds by default), renewed several times per lease
  while its sender works through it (`claims.renew`). A sender posts only while at least
  two HTTP timeouts are left of the lease it last renewed, so by the time anyone may take
  a row over, its earlier post is over: answered, or timed out.
* A row whose claim outlived its lease (its worker was killed, or lost its database) is
  taken over with `unconfirmed_since` set to when the dead claim began; a 5xx answer or
  a network error on a post sets it too, because Slack may have posted anyway. Before
  posting such a row again, the sender reads the channel's history from that moment on
  (`conversations.history` with `include_all_metadata`) and, if a message carrying the
  row's key is there, records it as sent instead of posting.
* Recording is conditional on the claim token, and a `sent` row is never claimed again.
* slack_sdk's own retry handlers are not used: they would re-send a post whose answer was
  lost, with nobody checking first.

This relies on Slack's history showing a message once chat.postMessage has accepted it,
and on our clock being within `confirmation.CLOCK_SKEW_MARGIN` of Slack's.

Pacing
------
Each (workspace, method) has a token bucket (`pacing.Pacer`), and chat.postMessage also
one per channel, set from `limits.SLACK_LIMITS`. A message waits in memory for its bucket;
a 429 blocks only that workspace's method for `Retry-After` seconds while every other
workspace carries on. Senders built on the same `Deps` share one pacer, so threads of one
process stay within the limits together. On PostgreSQL every process also takes each call
from the workspace's budget in the database (`shared_pacing`), right before making it, so
any number of replicas send at one workspace's pace together, and a 429 seen by one holds
them all back.

Claims sized to the pace
------------------------
In the sender loop, a sender holds per workspace no more rows than it can send in
`CLAIM_HORIZON` at the workspace's pace (never more than within its lease), topped up as
they go out. So replicas share a workspace's rows as they go, and a replica that dies
holds back only those few rows, for one lease.

Threads
-------
One dispatcher thread (`dispatcher`) owns the queues and never waits on the database:
claims run on a claiming thread, each message's steps (`steps`) on a pool of `concurrency`
threads, and a call leaves only when a thread is free to make it at once (a granted call
queueing for a thread would leave later in a burst). The threads' small writes share
commits (`group_commit`). This module builds the pieces and holds the entry points.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import TypedDict, Unpack

from bot.core.deps import Deps
from bot.core.send_limits import SendLimits
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.pacers import shared_pacer
from bot.delivery.pacing import Pacer
from bot.delivery.shared_pacing import SharedPacer
from bot.delivery.steps import MessageSteps
from bot.slack.tokens import bot_token_for

__all__ = ["Sender", "run_sender", "send_due_messages"]

# Renewed as the sender works, so it need only outlast a few HTTP timeouts; it is also how
# long a dead sender's few rows wait before another sender takes them over.
DEFAULT_LEASE = timedelta(seconds=40)
# A sender holds, per workspace, what it can send in this long at the workspace's pace.
CLAIM_HORIZON = timedelta(seconds=10)
MIN_IN_FLIGHT = 2
DEFAULT_HTTP_TIMEOUT = 10.0


class SenderOptions(TypedDict, total=False):
    """`Sender`'s keyword arguments, for the entry points that build one."""

    limits: SendLimits | None
    pacer: Pacer | None
    concurrency: int
    lease: timedelta
    http_timeout: float
    claim_batch: int
    per_workspace_in_flight: int | None
    shared_pacing: bool | None
    backoff_base: float
    backoff_cap: float
    token_for: Callable[[str], str | None] | None


class Sender:
    """Claims due outbox rows and delivers them; see the module docstring."""

    def __init__(
        self,
        deps: Deps,
        *,
        worker_id: str = "sender",
        limits: SendLimits | None = None,  # default: the deps' (Slack's own in production)
        pacer: Pacer | None = None,
        concurrency: int = 8,
        lease: timedelta = DEFAULT_LEASE,
        http_timeout: float = DEFAULT_HTTP_TIMEOUT,
        claim_batch: int = 200,
        per_workspace_in_flight: int | None = None,
        shared_pacing: bool | None = None,  # default: on PostgreSQL
        backoff_base: float = 2.0,
        backoff_cap: float = 900.0,
        token_for: Callable[[str], str | None] | None = None,
    ) -> None:
        if lease.total_seconds() <= 3 * http_timeout:
            raise ValueError("the lease must be longer than three HTTP timeouts")
        self.deps = deps
        self.worker_id = worker_id
        self.limits = limits = limits or deps.send_limits
        self.pacer = pacer if pacer is not None else shared_pacer(deps, limits)
        self.concurrency = concurrency
        self.lease = lease
        self.http_timeout = http_timeout
        self.claim_batch = claim_batch
        self.per_workspace_in_flight = per_workspace_in_flight or self._default_in_flight()
        if shared_pacing is None:
            shared_pacing = deps.engine.dialect.name == "postgresql"
        self.steps = MessageSteps(
            deps,
            lease=lease,
            http_timeout=http_timeout,
            shared=SharedPacer(deps.sessions, limits) if shared_pacing else None,
            backoff_base=backoff_base,
            backoff_cap=backoff_cap,
            # Which bot token speaks for a workspace (by default the installation's).
            token_for=token_for or (lambda team_id: bot_token_for(deps, team_id=team_id)),
        )

    def _default_in_flight(self) -> int:
        """How many rows of one workspace a sender holds at most.

        What it can deliver at the workspace's pace (its slowest method, one call per row)
        within `CLAIM_HORIZON`, and never more than within its usable lease. Claims are
        renewed while they are worked on, so holding more would not keep the sender any
        busier; it would only hold more rows back for a lease if the sender died.
        """
        usable = self.lease.total_seconds() - 2 * self.http_timeout
        slowest = min(
            rate.sustained_per_second(self.limits.headroom)
            for _name, rate in self.limits.per_workspace
        )
        horizon = min(CLAIM_HORIZON.total_seconds(), usable)
        return max(MIN_IN_FLIGHT, math.ceil(slowest * horizon))

    # ------------------------------------------------------------------ entry points

    # ------------------------------------------------------------------ entry points

    def send_due(self, limit: int) -> int:
        """Claim up to `limit` due rows once and deliver them; returns how many were claimed."""
        run = self._dispatcher(threading.Event(), keep_claiming=False, until_idle=False)
        return run.drive(limit)

    def run(
        self, stop: threading.Event, *, until_idle: bool = False, idle_wait: float = 1.0
    ) -> int:
        """Deliver until `stop` is set (or, with `until_idle`, nothing is left to deliver)."""
        run = self._dispatcher(stop, keep_claiming=True, until_idle=until_idle, idle_wait=idle_wait)
        return run.drive(self.claim_batch)

    def _dispatcher(
        self,
        stop: threading.Event,
        *,
        keep_claiming: bool,
        until_idle: bool,
        idle_wait: float = 1.0,
    ) -> Dispatcher:
        return Dispatcher(
            self.steps,
            self.pacer,
            stop,
            worker_id=self.worker_id,
            lease=self.lease,
            concurrency=self.concurrency,
            per_workspace_in_flight=self.per_workspace_in_flight,
            keep_claiming=keep_claiming,
            until_idle=until_idle,
            idle_wait=idle_wait,
        )


def send_due_messages(
    deps: Deps, *, worker_id: str = "sender", limit: int = 100, **options: Unpack[SenderOptions]
) -> int:
    """Send what is due now, paced; returns how many messages were claimed.

    Waits for the pacing of what it claimed, so it returns when each one is sent, failed
    for good, or rescheduled. `options` are `Sender`'s keyword arguments.
    """
    return Sender(deps, worker_id=worker_id, **options).send_due(limit)


def run_sender(
    deps: Deps,
    stop: threading.Event,
    *,
    worker_id: str = "sender",
    until_idle: bool = False,
    idle_wait: float = 1.0,
    **options: Unpack[SenderOptions],
) -> int:
    """The sender loop for worker processes: deliver until `stop` is set.

    Safe to run in several threads and processes at once (each with its own `worker_id`).
    On stop, rows claimed but not yet being sent are handed back at once. With
    `until_idle`, returns as soon as no row is pending or being sent. Returns how many
    rows were claimed.
    """
    sender = Sender(deps, worker_id=worker_id, **options)
    return sender.run(stop, until_idle=until_idle, idle_wait=idle_wait)
