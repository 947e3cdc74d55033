"""The sender's dispatcher: claims rows, waits on the pacer, and hands Slack calls to threads.

One dispatcher thread owns the queues and never waits on the database: claims (and their
renewals) run on a claiming thread, each message's steps (`steps.MessageSteps`) on a pool
of threads, and a call leaves only when a thread is free to make it at once (a granted
call queueing for a thread would leave later in a burst). See `sender` for the whole story.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import queue
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from bot.db.session import transaction
from bot.delivery import claims
from bot.delivery.claims import ClaimedMessage
from bot.delivery.pacing import PaceKey, Pacer
from bot.delivery.shared_pacing import forget_idle_budgets
from bot.delivery.steps import Continue, Finished, MessageSteps, Paced, StepResult, Task

log = logging.getLogger(__name__)

# Shared budgets unused this long are back to their full burst: their rows say nothing.
BUDGET_IDLE = timedelta(hours=1)
BUDGET_CLEANUP_EVERY = timedelta(minutes=10)


@dataclass(frozen=True)
class ClaimRequest:
    room: int  # rows at most, all workspaces together
    skip_teams: list[str]  # workspaces the sender holds enough of
    per_team: int | None  # rows at most per workspace, counting `held`
    held: dict[str, int]


@dataclass(frozen=True)
class Renew:
    tokens: list[str]


@dataclass(frozen=True)
class Claimed:
    """What a claim brought back, reported to the dispatcher like a step's result."""

    messages: list[ClaimedMessage]
    wanted: int
    outstanding: bool  # rows still pending or being sent anywhere (only asked when idle)
    failure: Exception | None = None  # the claim itself failed (database away)


class Dispatcher:
    """One sender's dispatcher: claims rows, waits on the pacer, hands calls to threads.

    Only the dispatcher's own thread touches its queues and never waits on the database:
    claims run on their own thread, Slack calls and their records on the worker threads,
    and all of them report back through `completions`.
    """

    def __init__(
        self,
        steps: MessageSteps,
        pacer: Pacer,
        stop: threading.Event,
        *,
        worker_id: str,
        lease: timedelta,
        concurrency: int,
        per_workspace_in_flight: int,
        keep_claiming: bool,
        until_idle: bool,
        idle_wait: float = 1.0,
    ) -> None:
        self.steps = steps
        self.pacer = pacer
        self.stop = stop
        self.worker_id = worker_id
        self.lease = lease
        self.concurrency = concurrency
        self.per_workspace_in_flight = per_workspace_in_flight
        self.keep_claiming = keep_claiming
        self.until_idle = until_idle
        self.idle_wait = idle_wait
        self.monotonic = pacer.now
        self.completions: queue.SimpleQueue[tuple[Task, StepResult] | Claimed] = queue.SimpleQueue()
        self.claim_requests: queue.SimpleQueue[ClaimRequest | Renew | None] = queue.SimpleQueue()
        self.wakes: list[tuple[float, int, PaceKey]] = []
        self.wake_scheduled: set[PaceKey] = set()
        self.waiting: dict[PaceKey, deque[Task]] = {}
        self.held: dict[str, int] = {}
        # Rows held per claim token: the claims to renew while they are worked on.
        self.tokens: dict[str, int] = {}
        self.next_renewal = 0.0
        self.next_budget_cleanup = 0.0
        # Tasks waiting for a free thread (not yet for the pacer), first come first served.
        self.ready: deque[Task] = deque()
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
            self.steps.group_commits(),
            ThreadPoolExecutor(
                max_workers=self.concurrency, thread_name_prefix="outbox-sender"
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
        limit = self.per_workspace_in_flight
        if self.keep_claiming:
            # Claims sized to the workspace's pace: top each workspace up to `limit` rows
            # (at most once per idle wait), so that rows a dead sender held are taken over
            # as soon as its lease runs out.
            full = [team for team, count in self.held.items() if count >= limit]
            request = ClaimRequest(room, full, limit, dict(self.held))
        else:
            # A single pass takes what it is asked for, and works through it.
            full = [team for team, count in self.held.items() if count >= limit]
            request = ClaimRequest(room, full, None, {})
        self.claiming = True
        self.claim_requests.put(request)

    def _renewal_period(self) -> float:
        # Several renewals per lease, so that one slow or failed renewal costs nothing.
        return self.lease.total_seconds() / 4

    def _request_renewal(self, now: float) -> None:
        self.next_renewal = now + self._renewal_period()
        if self.tokens:
            self.claim_requests.put(Renew(list(self.tokens)))

    def _claim_forever(self) -> None:
        while True:
            request = self.claim_requests.get()
            if request is None:
                return
            self._forget_idle_budgets()
            if isinstance(request, Renew):
                self._renew(request.tokens)
                continue
            room = request.room
            try:
                with self.steps.writing(), transaction(self.steps.deps.sessions) as session:
                    messages = claims.claim_due(
                        session,
                        now=self.steps.deps.clock(),
                        worker_id=self.worker_id,
                        lease=self.lease,
                        limit=room,
                        skip_teams=request.skip_teams,
                        per_team=request.per_team,
                        held=request.held,
                    )
                outstanding = True
                if self.until_idle and not messages:
                    with self.steps.deps.sessions() as session:
                        outstanding = claims.delivery_outstanding(session)
            except Exception as failure:  # the database is away
                if not self.keep_claiming:
                    # A single pass reports it to its caller (the job runner logs it once).
                    self.completions.put(Claimed([], room, True, failure))
                    continue
                # The loop keeps going: try again after the idle wait.
                log.exception("claiming outbox messages failed")
                messages, outstanding = [], True
            self.completions.put(Claimed(messages, room, outstanding))

    def _forget_idle_budgets(self) -> None:
        """Now and then, delete shared budgets nobody used for a while (claiming thread):
        there is one per channel posted to, and an idle one holds nothing but its key."""
        shared = self.steps.shared
        if shared is None or self.monotonic() < self.next_budget_cleanup:
            return
        self.next_budget_cleanup = self.monotonic() + BUDGET_CLEANUP_EVERY.total_seconds()
        try:
            with transaction(self.steps.deps.sessions) as session:
                forget_idle_budgets(session, idle_for=BUDGET_IDLE)
        except Exception:  # the database is away: next time
            log.exception("forgetting idle send budgets failed")

    def _renew(self, tokens: list[str]) -> None:
        """Tell other senders these claims are still being worked on (claiming thread)."""
        now = self.steps.deps.clock()
        try:
            with self.steps.writing(), transaction(self.steps.deps.sessions) as session:
                claims.renew(session, tokens, now=now)
        except Exception:  # the database is away: the claims run out, and are released
            log.exception("renewing outbox claims failed")
            return
        self.steps.renewed(tokens, now)

    def _claimed(self, claimed: Claimed) -> None:
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
            self.steps.held_claim(message.claim_token, message.claimed_at)
            self._dispatch(self.steps.first_step(message))
        if self.until_idle and not got and not self._holding() and not claimed.outstanding:
            self.idle = True

    # ------------------------------------------------------------------ pacing

    def _keys(self, task: Task) -> list[PaceKey]:
        return self.pacer.keys_for(task.message.team_id, task.step.value, task.channel)

    def _threads_busy(self) -> bool:
        return self.running >= self.concurrency

    def _dispatch(self, task: Task) -> None:
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
        self, task: Task, keys: list[PaceKey], *, head_of: PaceKey | None = None
    ) -> PaceKey | None:
        """Start `task` now if the pacer allows, else queue it; returns the key it waits on.

        A task taken from the head of `head_of`'s queue goes back to its head if it must
        wait on that key again, so waiting keeps first-come-first-served order.
        """
        if not self.steps.may_still_post(task.message):
            self._finish(task)
            self.steps.release([task.message])
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

    def _run_step(self, task: Task) -> None:
        try:
            shared = self.steps.shared
            wait, blocking = shared.try_acquire(self._keys(task)) if shared else (0.0, None)
            if blocking is not None:
                result: StepResult = Paced(blocking, wait)
            else:
                result = self.steps.run(task)
        except Exception:  # a database or programming error: the lease recovers the row
            log.exception("delivering an outbox message failed", extra={"id": task.message.id})
            result = Finished()
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
            if isinstance(item, Claimed):
                self._claimed(item)
                continue
            task, result = item
            self.running -= 1
            if isinstance(result, Finished):
                self._finish(task)
            elif isinstance(result, Continue):
                task.step, task.channel, task.cursor = result.step, result.channel, result.cursor
                self._dispatch(task)
            elif isinstance(result, Paced):
                # Hold this process's own bucket until the shared slot can be free.
                self.pacer.penalize(result.key, result.wait)
                self._dispatch(task)
            else:
                self.pacer.penalize(result.key, result.retry_after)
                self._dispatch(task)

    def _finish(self, task: Task) -> None:
        team = task.message.team_id
        self.held[team] -= 1
        if not self.held[team]:
            del self.held[team]
        token = task.message.claim_token
        self.tokens[token] -= 1
        if not self.tokens[token]:
            del self.tokens[token]
            self.steps.forget_claim(token)

    def _release_waiting(self) -> None:
        tasks = [task for waiting in self.waiting.values() for task in waiting]
        tasks += self.ready
        self.waiting.clear()
        self.ready.clear()
        if not tasks:
            return
        with self.steps.writing(), transaction(self.steps.deps.sessions) as session:
            claims.release(session, [task.message for task in tasks])
        for task in tasks:
            self._finish(task)
