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
One dispatcher thread owns the queues and never waits on the database: claims run on a
claiming thread, Slack calls on a pool of `concurrency` threads, and a call leaves only
when a thread is free to make it at once (a granted call queueing for a thread would leave
later in a burst). The threads' small writes share commits (`group_commit`).
"""

from __future__ import annotations

import enum
import heapq
import itertools
import logging
import math
import queue
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict, Unpack

from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.delivery import claims
from bot.delivery.claims import ClaimedMessage
from bot.delivery.confirmation import history_oldest, outbox_metadata, posted_ts
from bot.delivery.group_commit import GroupCommitter
from bot.delivery.limits import (
    OPEN_CONVERSATION,
    POST_MESSAGE,
    READ_HISTORY,
    SendLimits,
)
from bot.delivery.pacing import PaceKey, Pacer, workspace_key
from bot.delivery.shared_pacing import SharedPacer, forget_idle_budgets
from bot.delivery.slack_calls import (
    PERMANENT_ERRORS,
    Outcome,
    Verdict,
    open_conversation,
    post_message,
    read_history,
    sender_client,
)
from bot.slack.client import api_base_url
from bot.slack.tokens import bot_token_for

__all__ = ["PERMANENT_ERRORS", "Sender", "run_sender", "send_due_messages"]

log = logging.getLogger(__name__)

# Renewed as the sender works, so it need only outlast a few HTTP timeouts; it is also how
# long a dead sender's few rows wait before another sender takes them over.
DEFAULT_LEASE = timedelta(seconds=40)
# A sender holds, per workspace, what it can send in this long at the workspace's pace.
CLAIM_HORIZON = timedelta(seconds=10)
MIN_IN_FLIGHT = 2
# Shared budgets unused this long are back to their full burst: their rows say nothing.
BUDGET_IDLE = timedelta(hours=1)
BUDGET_CLEANUP_EVERY = timedelta(minutes=10)
DEFAULT_HTTP_TIMEOUT = 10.0
# After this many attempts that failed for a passing reason (5xx, network), give up.
MAX_ATTEMPTS = 10
NO_TOKEN = "no token for the workspace"
# Answers to conversations.history that say we may not look, not that the message is gone.
CANNOT_CHECK = frozenset({"missing_scope"})


class _Step(enum.Enum):
    OPEN = OPEN_CONVERSATION
    CONFIRM = READ_HISTORY
    POST = POST_MESSAGE


@dataclass
class _Task:
    message: ClaimedMessage
    step: _Step
    channel: str | None
    cursor: str | None = None


@dataclass(frozen=True)
class _Finished:
    """The row is recorded (sent, failed, back to pending) or no longer ours."""


@dataclass(frozen=True)
class _Continue:
    step: _Step
    channel: str | None
    cursor: str | None = None


@dataclass(frozen=True)
class _RateLimited:
    key: PaceKey
    retry_after: float


@dataclass(frozen=True)
class _Paced:
    """The shared budget had no slot yet (other replicas took it): wait, then ask again."""

    key: PaceKey
    wait: float


_StepResult = _Finished | _Continue | _RateLimited | _Paced

# One pacer per Deps (so per process, in production), shared by every sender built on it:
# threads that each run a sender still stay, together, within the limits.
_pacers: weakref.WeakKeyDictionary[Deps, dict[SendLimits, Pacer]] = weakref.WeakKeyDictionary()
_pacers_lock = threading.Lock()


def shared_pacer(deps: Deps, limits: SendLimits) -> Pacer:
    with _pacers_lock:
        by_limits = _pacers.setdefault(deps, {})
        return by_limits.setdefault(limits, Pacer(limits))


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
        self.shared = SharedPacer(deps.sessions, limits) if shared_pacing else None
        # When each claim (by token) was last renewed; `may_still_post` counts from there.
        self._lease_start: dict[str, datetime] = {}
        self._lease_lock = threading.Lock()
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        # Which bot token speaks for a workspace (by default the installation's).
        self.token_for = token_for or (lambda team_id: bot_token_for(deps, team_id=team_id))
        self._clients: dict[str, WebClient] = {}
        self._clients_lock = threading.Lock()
        self._sqlite_writer = threading.Lock() if deps.engine.dialect.name == "sqlite" else None
        self._committer: GroupCommitter | None = None

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

    def send_due(self, limit: int) -> int:
        """Claim up to `limit` due rows once and deliver them; returns how many were claimed."""
        return _Run(self, threading.Event(), keep_claiming=False, until_idle=False).drive(limit)

    def run(
        self, stop: threading.Event, *, until_idle: bool = False, idle_wait: float = 1.0
    ) -> int:
        """Deliver until `stop` is set (or, with `until_idle`, nothing is left to deliver)."""
        run = _Run(self, stop, keep_claiming=True, until_idle=until_idle, idle_wait=idle_wait)
        return run.drive(self.claim_batch)

    # ------------------------------------------------------------------ one step of a row

    def client_for(self, team_id: str) -> WebClient | None:
        token = self.token_for(team_id)
        if token is None:
            return None
        with self._clients_lock:
            client = self._clients.get(token)
            if client is None:
                client = sender_client(
                    token=token,
                    base_url=api_base_url(self.deps.settings),
                    timeout=self.http_timeout,
                )
                self._clients[token] = client
            return client

    def may_still_post(self, message: ClaimedMessage) -> bool:
        """True while the claim leaves time for a post to end before anyone may take over."""
        usable = self.lease - timedelta(seconds=2 * self.http_timeout)
        started = self._lease_start.get(message.claim_token, message.claimed_at)
        return self.deps.clock() < started + usable

    def held_claim(self, token: str, claimed_at: datetime) -> None:
        with self._lease_lock:
            self._lease_start.setdefault(token, claimed_at)

    def renewed(self, tokens: list[str], at: datetime) -> None:
        """The claims `tokens` were renewed at `at` (committed)."""
        with self._lease_lock:
            for token in tokens:
                if token in self._lease_start:  # not finished with meanwhile
                    self._lease_start[token] = at

    def forget_claim(self, token: str) -> None:
        with self._lease_lock:
            self._lease_start.pop(token, None)

    def run_step(self, task: _Task) -> _StepResult:
        client = self.client_for(task.message.team_id)
        if client is None:
            self._write(claims.record_dropped, task.message, reason=NO_TOKEN)
            return _Finished()
        if task.step is _Step.OPEN:
            return self._open(client, task)
        if task.step is _Step.CONFIRM:
            return self._confirm(client, task)
        return self._post(client, task)

    def _open(self, client: WebClient, task: _Task) -> _StepResult:
        message = task.message
        outcome = open_conversation(client, message.users or "")
        if outcome.verdict is Verdict.OK:
            channel = str(outcome.data["channel"]["id"])
            if not self._write(claims.record_channel, message, channel):
                return _Finished()
            # No post can have happened before the channel was stored: no need to check.
            return _Continue(_Step.POST, channel)
        return self._failed(task, outcome, unconfirmed_since=None)

    def _confirm(self, client: WebClient, task: _Task) -> _StepResult:
        message = task.message
        assert task.channel is not None and message.unconfirmed_since is not None
        outcome = read_history(
            client,
            channel=task.channel,
            oldest=history_oldest(message.unconfirmed_since),
            cursor=task.cursor,
        )
        if outcome.verdict is Verdict.OK:
            ts = posted_ts(outcome.data.get("messages") or [], message.key)
            if ts is not None:
                log.info(
                    "an earlier attempt was delivered: recorded, not posted again",
                    extra={"team_id": message.team_id, "key": message.key},
                )
                self._write(
                    claims.record_sent, message, channel=task.channel, ts=ts, now=self.deps.clock()
                )
                return _Finished()
            cursor = (outcome.data.get("response_metadata") or {}).get("next_cursor")
            if outcome.data.get("has_more") and cursor:
                return _Continue(_Step.CONFIRM, task.channel, cursor)
            return _Continue(_Step.POST, task.channel)
        if outcome.verdict is Verdict.PERMANENT and outcome.error in CANNOT_CHECK:
            # The app may not read this channel (an install from before the history scopes
            # were asked for). Whether the earlier attempt landed stays unknown: the message
            # waits, keeping the moment to check from, rather than being lost or doubled.
            needed = outcome.data.get("needed") or "channels:history / groups:history"
            log.warning(
                "cannot check whether an earlier post reached its channel: the app lacks "
                "a scope; reinstall the app to grant it; the message waits and is checked again",
                extra={
                    "team_id": message.team_id,
                    "key": message.key,
                    "channel": task.channel,
                    "needed": needed,
                },
            )
            outcome = Outcome(
                Verdict.TRANSIENT,
                error=f"could not check an earlier attempt: {outcome.error} {needed}",
            )
        elif outcome.verdict is Verdict.PERMANENT:
            outcome = Outcome(
                Verdict.PERMANENT, error=f"could not check an earlier attempt: {outcome.error}"
            )
        # `unconfirmed_since` is kept as it is: the next attempt checks from the same moment.
        return self._failed(task, outcome, unconfirmed_since=None)

    def _post(self, client: WebClient, task: _Task) -> _StepResult:
        message = task.message
        assert task.channel is not None
        if not self.may_still_post(message):
            self._write(claims.release, [message])
            return _Finished()
        attempted_at = self.deps.clock()
        outcome = post_message(
            client,
            channel=task.channel,
            text=message.text,
            blocks=message.blocks or None,
            metadata=outbox_metadata(message.key),
        )
        if outcome.verdict is Verdict.OK:
            self._write(
                claims.record_sent,
                message,
                channel=str(outcome.data.get("channel") or task.channel),
                ts=outcome.data.get("ts"),
                now=self.deps.clock(),
            )
            return _Finished()
        # 5xx and network errors leave it open whether Slack posted: check before reposting.
        return self._failed(task, outcome, unconfirmed_since=attempted_at)

    def _failed(
        self, task: _Task, outcome: Outcome, *, unconfirmed_since: datetime | None
    ) -> _StepResult:
        message = task.message
        error = outcome.error or "unknown"
        if outcome.verdict is Verdict.RATE_LIMITED:
            log.info(
                "rate limited by Slack",
                extra={"team_id": message.team_id, "method": task.step.value},
            )
            key = workspace_key(message.team_id, task.step.value)
            if self.shared is not None:
                # Every replica holds back, not only this one.
                self.shared.penalize(key, outcome.retry_after)
            return _RateLimited(key, outcome.retry_after)
        attempts = message.attempts + 1
        if outcome.verdict is Verdict.PERMANENT or attempts >= MAX_ATTEMPTS:
            reason = error if outcome.verdict is Verdict.PERMANENT else f"gave up: {error}"
            log.warning(
                "message not delivered",
                extra={"team_id": message.team_id, "key": message.key, "reason": reason},
            )
            self._write(claims.record_failed, message, reason=reason)
            return _Finished()
        delay = min(self.backoff_base * 2 ** (attempts - 1), self.backoff_cap)
        self._write(
            claims.record_retry,
            message,
            reason=error,
            not_before=self.deps.clock() + timedelta(seconds=delay),
            unconfirmed_since=unconfirmed_since,
        )
        return _Finished()

    def _write(self, record: Callable[..., object], *args: object, **kwargs: object) -> bool:
        committer = self._committer
        if committer is not None:
            return committer.write(record, *args, **kwargs)
        with self.writing(), transaction(self.deps.sessions) as session:
            return bool(record(session, *args, **kwargs))

    @contextmanager
    def group_commits(self) -> Iterator[None]:
        """While delivering, threads share commits (see `group_commit`)."""
        if self._committer is not None:
            raise RuntimeError("a Sender delivers one run at a time: build one per thread")
        self._committer = GroupCommitter(self.deps.sessions, exclusive=self.writing)
        try:
            yield
        finally:
            committer, self._committer = self._committer, None
            committer.close()

    def writing(self) -> AbstractContextManager[object]:
        """Held around each write transaction.

        SQLite has one writer at a time; queueing our threads here is much faster than
        letting SQLite's busy handler make them sleep and retry.
        """
        return self._sqlite_writer if self._sqlite_writer is not None else nullcontext()

    def first_step(self, message: ClaimedMessage) -> _Task:
        if message.channel is None:
            return _Task(message, _Step.OPEN, None)
        if message.unconfirmed_since is not None:
            return _Task(message, _Step.CONFIRM, message.channel)
        return _Task(message, _Step.POST, message.channel)


@dataclass(frozen=True)
class _ClaimRequest:
    room: int  # rows at most, all workspaces together
    skip_teams: list[str]  # workspaces the sender holds enough of
    per_team: int | None  # rows at most per workspace, counting `held`
    held: dict[str, int]


@dataclass(frozen=True)
class _Renew:
    tokens: list[str]


@dataclass(frozen=True)
class _Claimed:
    """What a claim brought back, reported to the dispatcher like a step's result."""

    messages: list[ClaimedMessage]
    wanted: int
    outstanding: bool  # rows still pending or being sent anywhere (only asked when idle)
    failure: Exception | None = None  # the claim itself failed (database away)


class _Run:
    """One sender's dispatcher: claims rows, waits on the pacer, hands calls to threads.

    Only the dispatcher's own thread touches its queues and never waits on the database:
    claims run on their own thread, Slack calls and their records on the worker threads,
    and all of them report back through `completions`.
    """

    def __init__(
        self,
        sender: Sender,
        stop: threading.Event,
        *,
        keep_claiming: bool,
        until_idle: bool,
        idle_wait: float = 1.0,
    ) -> None:
        self.sender = sender
        self.pacer = sender.pacer
        self.stop = stop
        self.keep_claiming = keep_claiming
        self.until_idle = until_idle
        self.idle_wait = idle_wait
        self.monotonic = sender.pacer._monotonic
        self.completions: queue.SimpleQueue[tuple[_Task, _StepResult] | _Claimed] = (
            queue.SimpleQueue()
        )
        self.claim_requests: queue.SimpleQueue[_ClaimRequest | _Renew | None] = queue.SimpleQueue()
        self.wakes: list[tuple[float, int, PaceKey]] = []
        self.wake_scheduled: set[PaceKey] = set()
        self.waiting: dict[PaceKey, deque[_Task]] = {}
        self.held: dict[str, int] = {}
        # Rows held per claim token: the claims to renew while they are worked on.
        self.tokens: dict[str, int] = {}
        self.next_renewal = 0.0
        self.next_budget_cleanup = 0.0
        # Tasks waiting for a free thread (not yet for the pacer), first come first served.
        self.ready: deque[_Task] = deque()
        self.running = 0
        self.claimed = 0
        self.sequence = itertools.count()
        self.claiming = False
        self.claimed_once = False
        self.next_claim = 0.0
        self.idle = False

    # ------------------------------------------------------------------ main loop

    def drive(self, claim_limit: int) -> int:
        self.claim_limit = claim_limit
        claimer = threading.Thread(target=self._claim_forever, name="outbox-claims")
        claimer.daemon = True
        with (
            self.sender.group_commits(),
            ThreadPoolExecutor(
                max_workers=self.sender.concurrency, thread_name_prefix="outbox-sender"
            ) as pool,
        ):
            self.pool = pool
            claimer.start()
            try:
                self._loop()
            finally:
                self.claim_requests.put(None)
                claimer.join()
        return self.claimed

    def _loop(self) -> None:
        self.next_claim = self.monotonic()
        self.next_renewal = self.next_claim + self._renewal_period()
        while True:
            self._drain_completions(block_for=0.0)
            now = self.monotonic()
            stopping = self.stop.is_set()
            if not stopping and self._may_claim() and now >= self.next_claim:
                self._request_claim()
            if now >= self.next_renewal:
                self._request_renewal(now)
            self._wake_due(self.monotonic())
            if stopping:
                self._release_waiting()
                if self.running == 0 and not self.claiming:
                    return
            elif self._done():
                return
            self._drain_completions(block_for=self._sleep_time())

    def _done(self) -> bool:
        if self.idle:  # until_idle, and nothing is left anywhere
            return True
        # A single pass ends once what it claimed is dealt with.
        return not self.keep_claiming and self.claimed_once and not self._holding()

    def _may_claim(self) -> bool:
        """Claim once to start; then, if claiming goes on, whenever half the work is done
        (claiming in chunks, not a few rows after each message, keeps transactions few)."""
        if self.claiming:
            return False
        if not self.claimed_once:
            return True
        return self.keep_claiming and self._holding() <= self.claim_limit // 2

    def _holding(self) -> int:
        return sum(self.held.values())

    def _sleep_time(self) -> float:
        now = self.monotonic()
        until = now + min(self.idle_wait, 0.2 if self.stop.is_set() else self.idle_wait)
        if self._may_claim():
            until = min(until, self.next_claim)
        until = min(until, self.next_renewal)
        if self.wakes and not self._threads_busy():
            until = min(until, self.wakes[0][0])
        return max(0.0, until - now)

    # ------------------------------------------------------------------ claiming

    def _request_claim(self) -> None:
        room = self.claim_limit - self._holding() if self.keep_claiming else self.claim_limit
        if room <= 0:
            self.claimed_once = True
            self.next_claim = self.monotonic() + self.idle_wait
            return
        limit = self.sender.per_workspace_in_flight
        if self.keep_claiming:
            # Claims sized to the workspace's pace: top each workspace up to `limit` rows
            # (at most once per idle wait), so that rows a dead sender held are taken over
            # as soon as its lease runs out.
            full = [team for team, count in self.held.items() if count >= limit]
            request = _ClaimRequest(room, full, limit, dict(self.held))
        else:
            # A single pass takes what it is asked for, and works through it.
            full = [team for team, count in self.held.items() if count >= limit]
            request = _ClaimRequest(room, full, None, {})
        self.claiming = True
        self.claim_requests.put(request)

    def _renewal_period(self) -> float:
        # Several renewals per lease, so that one slow or failed renewal costs nothing.
        return self.sender.lease.total_seconds() / 4

    def _request_renewal(self, now: float) -> None:
        self.next_renewal = now + self._renewal_period()
        if self.tokens:
            self.claim_requests.put(_Renew(list(self.tokens)))

    def _claim_forever(self) -> None:
        sender = self.sender
        while True:
            request = self.claim_requests.get()
            if request is None:
                return
            self._forget_idle_budgets()
            if isinstance(request, _Renew):
                self._renew(request.tokens)
                continue
            room = request.room
            try:
                with sender.writing(), transaction(sender.deps.sessions) as session:
                    messages = claims.claim_due(
                        session,
                        now=sender.deps.clock(),
                        worker_id=sender.worker_id,
                        lease=sender.lease,
                        limit=room,
                        skip_teams=request.skip_teams,
                        per_team=request.per_team,
                        held=request.held,
                    )
                outstanding = True
                if self.until_idle and not messages:
                    with sender.deps.sessions() as session:
                        outstanding = claims.delivery_outstanding(session)
            except Exception as failure:  # the database is away
                if not self.keep_claiming:
                    # A single pass reports it to its caller (the job runner logs it once).
                    self.completions.put(_Claimed([], room, True, failure))
                    continue
                # The loop keeps going: try again after the idle wait.
                log.exception("claiming outbox messages failed")
                messages, outstanding = [], True
            self.completions.put(_Claimed(messages, room, outstanding))

    def _forget_idle_budgets(self) -> None:
        """Now and then, delete shared budgets nobody used for a while (claiming thread):
        there is one per channel posted to, and an idle one holds nothing but its key."""
        shared = self.sender.shared
        if shared is None or self.monotonic() < self.next_budget_cleanup:
            return
        self.next_budget_cleanup = self.monotonic() + BUDGET_CLEANUP_EVERY.total_seconds()
        try:
            with transaction(self.sender.deps.sessions) as session:
                forget_idle_budgets(session, idle_for=BUDGET_IDLE, now=self.sender.deps.clock())
        except Exception:  # the database is away: next time
            log.exception("forgetting idle send budgets failed")

    def _renew(self, tokens: list[str]) -> None:
        """Tell other senders these claims are still being worked on (claiming thread)."""
        sender = self.sender
        now = sender.deps.clock()
        try:
            with sender.writing(), transaction(sender.deps.sessions) as session:
                claims.renew(session, tokens, now=now)
        except Exception:  # the database is away: the claims run out, and are released
            log.exception("renewing outbox claims failed")
            return
        sender.renewed(tokens, now)

    def _claimed(self, claimed: _Claimed) -> None:
        self.claiming = False
        if claimed.failure is not None:
            raise claimed.failure
        self.claimed_once = True
        got = len(claimed.messages)
        now = self.monotonic()
        self.next_claim = now if got and got == claimed.wanted else now + self.idle_wait
        self.claimed += got
        for message in claimed.messages:
            self.held[message.team_id] = self.held.get(message.team_id, 0) + 1
            self.tokens[message.claim_token] = self.tokens.get(message.claim_token, 0) + 1
            self.sender.held_claim(message.claim_token, message.claimed_at)
            self._dispatch(self.sender.first_step(message))
        if self.until_idle and not got and not self._holding() and not claimed.outstanding:
            self.idle = True

    # ------------------------------------------------------------------ pacing

    def _keys(self, task: _Task) -> list[PaceKey]:
        return self.pacer.keys_for(task.message.team_id, task.step.value, task.channel)

    def _threads_busy(self) -> bool:
        return self.running >= self.sender.concurrency

    def _dispatch(self, task: _Task) -> None:
        # A call granted by the pacer must go out at once: granting calls that then queue
        # for a thread would let them leave together, in a burst Slack would refuse.
        if self._threads_busy() or self.ready:
            self.ready.append(task)
            return
        keys = self._keys(task)
        for key in keys:
            if self.waiting.get(key):
                self.waiting[key].append(task)  # behind those already waiting: first come first
                return
        self._start_or_wait(task, keys)

    def _start_or_wait(
        self, task: _Task, keys: list[PaceKey], *, head_of: PaceKey | None = None
    ) -> PaceKey | None:
        """Start `task` now if the pacer allows, else queue it; returns the key it waits on.

        A task taken from the head of `head_of`'s queue goes back to its head if it must
        wait on that key again, so waiting keeps first-come-first-served order.
        """
        if not self.sender.may_still_post(task.message):
            self._finish(task)
            self.sender._write(claims.release, [task.message])
            return None
        wait, blocking = self.pacer.try_acquire(keys)
        if blocking is None:
            self.running += 1
            self.pool.submit(self._run_step, task)
            return None
        waiting = self.waiting.setdefault(blocking, deque())
        if blocking == head_of:
            waiting.appendleft(task)
        else:
            waiting.append(task)
        self._schedule_wake(blocking, self.monotonic() + wait)
        return blocking

    def _schedule_wake(self, key: PaceKey, at: float) -> None:
        if key not in self.wake_scheduled:
            self.wake_scheduled.add(key)
            heapq.heappush(self.wakes, (at, next(self.sequence), key))

    def _start_ready(self) -> None:
        while self.ready and not self._threads_busy():
            task = self.ready.popleft()
            keys = self._keys(task)
            if any(self.waiting.get(key) for key in keys):
                for key in keys:
                    if self.waiting.get(key):
                        self.waiting[key].append(task)
                        break
                continue
            self._start_or_wait(task, keys)

    def _wake_due(self, now: float) -> None:
        self._start_ready()
        while self.wakes and self.wakes[0][0] <= now and not self._threads_busy():
            _at, _seq, key = heapq.heappop(self.wakes)
            self.wake_scheduled.discard(key)
            waiting = self.waiting.get(key)
            while waiting and not self._threads_busy():
                task = waiting.popleft()
                blocked_on = self._start_or_wait(task, self._keys(task), head_of=key)
                if blocked_on == key:
                    break  # still this key's turn to wait; a wake is scheduled
            if waiting is not None and not waiting:
                self.waiting.pop(key, None)
            elif waiting and key not in self.wake_scheduled:
                # Threads ran out before this key's turn ended: come back when one is free.
                self._schedule_wake(key, now)

    # ------------------------------------------------------------------ results

    def _run_step(self, task: _Task) -> None:
        try:
            shared = self.sender.shared
            wait, blocking = shared.try_acquire(self._keys(task)) if shared else (0.0, None)
            if blocking is not None:
                result: _StepResult = _Paced(blocking, wait)
            else:
                result = self.sender.run_step(task)
        except Exception:  # a database or programming error: the lease recovers the row
            log.exception("delivering an outbox message failed", extra={"id": task.message.id})
            result = _Finished()
        self.completions.put((task, result))

    def _drain_completions(self, *, block_for: float) -> None:
        try:
            item = self.completions.get(timeout=block_for) if block_for > 0 else None
        except queue.Empty:
            item = None
        items = [item] if item is not None else []
        while True:
            try:
                items.append(self.completions.get_nowait())
            except queue.Empty:
                break
        for item in items:
            if isinstance(item, _Claimed):
                self._claimed(item)
                continue
            task, result = item
            self.running -= 1
            if isinstance(result, _Finished):
                self._finish(task)
            elif isinstance(result, _Continue):
                task.step, task.channel, task.cursor = result.step, result.channel, result.cursor
                self._dispatch(task)
            elif isinstance(result, _Paced):
                # Hold this process's own bucket until the shared slot can be free.
                self.pacer.penalize(result.key, result.wait)
                self._dispatch(task)
            else:
                self.pacer.penalize(result.key, result.retry_after)
                self._dispatch(task)

    def _finish(self, task: _Task) -> None:
        team = task.message.team_id
        self.held[team] -= 1
        if not self.held[team]:
            del self.held[team]
        token = task.message.claim_token
        self.tokens[token] -= 1
        if not self.tokens[token]:
            del self.tokens[token]
            self.sender.forget_claim(token)

    def _release_waiting(self) -> None:
        tasks = [task for waiting in self.waiting.values() for task in waiting]
        tasks += self.ready
        self.waiting.clear()
        self.ready.clear()
        if not tasks:
            return
        with self.sender.writing(), transaction(self.sender.deps.sessions) as session:
            claims.release(session, [task.message for task in tasks])
        for task in tasks:
            self._finish(task)


class SenderOptions(TypedDict, total=False):
    """`Sender`'s keyword arguments after `worker_id`, as the helpers below pass them on."""

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
