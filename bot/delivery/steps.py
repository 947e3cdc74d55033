"""One outbox message's steps: open the conversation, check an earlier attempt, post, record.

Each step makes one Slack call and records its answer on the claimed row, conditional on
the claim token; the dispatcher (`dispatcher.Dispatcher`) decides when a step may run.
See `sender` for why nothing is posted twice.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.core.send_limits import OPEN_CONVERSATION, POST_MESSAGE, READ_HISTORY, UPDATE_MESSAGE
from bot.db.models import OutboxStatus
from bot.db.session import transaction
from bot.delivery import claims
from bot.delivery.claims import ClaimedMessage
from bot.delivery.confirmation import history_oldest, outbox_metadata, posted_ts
from bot.delivery.group_commit import GroupCommitter
from bot.delivery.pacing import PaceKey, workspace_key
from bot.delivery.shared_pacing import SharedPacer
from bot.delivery.slack_calls import (
    Outcome,
    Verdict,
    open_conversation,
    post_message,
    read_history,
    read_replies,
    sender_client,
    update_message,
)
from bot.slack.client import api_base_url

log = logging.getLogger(__name__)

# After this many attempts that failed for a passing reason (5xx, network), give up.
MAX_ATTEMPTS = 10
NO_TOKEN = "no token for the workspace"
# An edit waits for the message it changes to be posted; this is what it says meanwhile.
NOT_POSTED_YET = "the message to edit is not posted yet"
# Answers to conversations.history that say we may not look, not that the message is gone.
CANNOT_CHECK = frozenset({"missing_scope"})


class Step(enum.Enum):
    """The Slack call a message waits to make next (its value is the method's name)."""

    OPEN = OPEN_CONVERSATION
    CONFIRM = READ_HISTORY
    POST = POST_MESSAGE
    EDIT = UPDATE_MESSAGE


@dataclass
class Task:
    """One claimed message on its way, and the step it is at."""

    message: ClaimedMessage
    step: Step
    channel: str | None
    cursor: str | None = None


@dataclass(frozen=True)
class Finished:
    """The row is recorded (sent, failed, back to pending) or no longer ours."""


@dataclass(frozen=True)
class Continue:
    """Go on with another step (a paged history read, or the post after the open)."""

    step: Step
    channel: str | None
    cursor: str | None = None


@dataclass(frozen=True)
class RateLimited:
    """Slack said 429: hold `key` back for `retry_after` seconds, then try again."""

    key: PaceKey
    retry_after: float


@dataclass(frozen=True)
class Paced:
    """The shared budget had no slot yet (other replicas took it): wait, then ask again."""

    key: PaceKey
    wait: float


StepResult = Finished | Continue | RateLimited | Paced


class MessageSteps:
    """Runs one step of a claimed message at a time, from any thread, and records it.

    Also keeps when each claim was last renewed (`may_still_post` counts from there), and
    the writes' shared commits while a dispatcher runs (`group_commits`).
    """

    def __init__(
        self,
        deps: Deps,
        *,
        lease: timedelta,
        http_timeout: float,
        shared: SharedPacer | None,
        backoff_base: float,
        backoff_cap: float,
        token_for: Callable[[str], str | None],
    ) -> None:
        self.deps = deps
        self.lease = lease
        self.http_timeout = http_timeout
        self.shared = shared
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        # Which bot token speaks for a workspace.
        self.token_for = token_for
        # When each claim (by token) was last renewed; `may_still_post` counts from there.
        self._lease_start: dict[str, datetime] = {}
        self._lease_lock = threading.Lock()
        self._clients: dict[str, WebClient] = {}
        self._clients_lock = threading.Lock()
        self._sqlite_writer = threading.Lock() if deps.engine.dialect.name == "sqlite" else None
        self._committer: GroupCommitter | None = None

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

    def run(self, task: Task) -> StepResult:
        """Make the task's Slack call and record its answer; what the dispatcher does next."""
        client = self.client_for(task.message.team_id)
        if client is None:
            self.write(claims.record_dropped, task.message, reason=NO_TOKEN)
            return Finished()
        if task.step is Step.OPEN:
            return self._open(client, task)
        if task.step is Step.CONFIRM:
            return self._confirm(client, task)
        if task.step is Step.EDIT:
            return self._edit(client, task)
        return self._post(client, task)

    def _open(self, client: WebClient, task: Task) -> StepResult:
        message = task.message
        outcome = open_conversation(client, message.users or "")
        if outcome.verdict is Verdict.OK:
            channel = str(outcome.data["channel"]["id"])
            if not self.write(claims.record_channel, message, channel):
                return Finished()
            # No post can have happened before the channel was stored: no need to check.
            return Continue(Step.POST, channel)
        return self._failed(task, outcome, unconfirmed_since=None)

    def _confirm(self, client: WebClient, task: Task) -> StepResult:
        message = task.message
        assert task.channel is not None and message.unconfirmed_since is not None
        oldest = history_oldest(message.unconfirmed_since)
        # A reply is only in its thread. Both reads are Tier 3 and share the pace of
        # conversations.history, which only holds them back further.
        outcome = (
            read_history(client, channel=task.channel, oldest=oldest, cursor=task.cursor)
            if message.thread_ts is None
            else read_replies(
                client,
                channel=task.channel,
                thread_ts=message.thread_ts,
                oldest=oldest,
                cursor=task.cursor,
            )
        )
        if outcome.verdict is Verdict.OK:
            ts = posted_ts(outcome.data.get("messages") or [], message.key)
            if ts is not None:
                log.info(
                    "an earlier attempt was delivered: recorded, not posted again",
                    extra={"team_id": message.team_id, "key": message.key},
                )
                self.write(
                    claims.record_sent, message, channel=task.channel, ts=ts, now=self.deps.clock()
                )
                return Finished()
            cursor = (outcome.data.get("response_metadata") or {}).get("next_cursor")
            if outcome.data.get("has_more") and cursor:
                return Continue(Step.CONFIRM, task.channel, cursor)
            return Continue(Step.POST, task.channel)
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

    def _post(self, client: WebClient, task: Task) -> StepResult:
        message = task.message
        assert task.channel is not None
        if not self.may_still_post(message):
            self.release([message])
            return Finished()
        attempted_at = self.deps.clock()
        outcome = post_message(
            client,
            channel=task.channel,
            text=message.text,
            blocks=message.blocks or None,
            metadata=outbox_metadata(message.key),
            thread_ts=message.thread_ts,
        )
        if outcome.verdict is Verdict.OK:
            self.write(
                claims.record_sent,
                message,
                channel=str(outcome.data.get("channel") or task.channel),
                ts=outcome.data.get("ts"),
                now=self.deps.clock(),
            )
            return Finished()
        # 5xx and network errors leave it open whether Slack posted: check before reposting.
        return self._failed(task, outcome, unconfirmed_since=attempted_at)

    def _edit(self, client: WebClient, task: Task) -> StepResult:
        """chat.update of the message named by `edits_key`, once that one is posted.

        An edit carries the whole new content, so repeating one is harmless: no history
        check is needed after an unknown outcome.
        """
        message = task.message
        with self.deps.sessions() as session:
            target = claims.edit_target(session, message)
        if target is None or target.status in (OutboxStatus.FAILED, OutboxStatus.DROPPED):
            self.write(claims.record_dropped, message, reason="the message to edit is gone")
            return Finished()
        if target.status != OutboxStatus.SENT or not target.channel or not target.ts:
            return self._failed(
                task, Outcome(Verdict.TRANSIENT, error=NOT_POSTED_YET), unconfirmed_since=None
            )
        if not self.may_still_post(message):
            self.release([message])
            return Finished()
        outcome = update_message(
            client,
            channel=target.channel,
            ts=target.ts,
            text=message.text,
            blocks=message.blocks or None,
        )
        if outcome.verdict is Verdict.OK:
            self.write(
                claims.record_sent,
                message,
                channel=target.channel,
                ts=target.ts,
                now=self.deps.clock(),
            )
            return Finished()
        return self._failed(task, outcome, unconfirmed_since=None)

    def _failed(
        self, task: Task, outcome: Outcome, *, unconfirmed_since: datetime | None
    ) -> StepResult:
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
            return RateLimited(key, outcome.retry_after)
        attempts = message.attempts + 1
        if outcome.verdict is Verdict.PERMANENT or attempts >= MAX_ATTEMPTS:
            reason = error if outcome.verdict is Verdict.PERMANENT else f"gave up: {error}"
            log.warning(
                "message not delivered",
                extra={"team_id": message.team_id, "key": message.key, "reason": reason},
            )
            self.write(claims.record_failed, message, reason=reason)
            return Finished()
        delay = min(self.backoff_base * 2 ** (attempts - 1), self.backoff_cap)
        self.write(
            claims.record_retry,
            message,
            reason=error,
            not_before=self.deps.clock() + timedelta(seconds=delay),
            unconfirmed_since=unconfirmed_since,
        )
        return Finished()

    def write(self, record: Callable[..., object], *args: object, **kwargs: object) -> bool:
        committer = self._committer
        if committer is not None:
            return committer.write(record, *args, **kwargs)
        with self.writing(), transaction(self.deps.sessions) as session:
            return bool(record(session, *args, **kwargs))

    def release(self, messages: Sequence[ClaimedMessage]) -> None:
        """Hand rows back unsent (their lease is too short to post now, or we are stopping)."""
        self.write(claims.release, list(messages))

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

    def first_step(self, message: ClaimedMessage) -> Task:
        if message.edits_key is not None:
            return Task(message, Step.EDIT, message.channel)
        if message.channel is None:
            return Task(message, Step.OPEN, None)
        if message.unconfirmed_since is not None:
            return Task(message, Step.CONFIRM, message.channel)
        return Task(message, Step.POST, message.channel)
