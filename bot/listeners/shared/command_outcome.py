"""What a `/mentor` verb is handed (`CommandRequest`) and what it answers (`CommandOutcome`),
and `member_verb`, which runs a verb about the person's own records in one transaction.

The `/mentor` listener looks the verb up in its one table, then opens the modal first (the
trigger_id lives 3 s), answers, runs what comes after the answer, and refreshes App Home.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.db.models import Member
from bot.db.session import retry_on_conflict
from bot.listeners.shared.surfaces import member_transaction
from bot.services.people import NotAllowed
from bot.ui import replies
from bot.ui.replies import Reply


@dataclass(frozen=True)
class CommandRequest:
    """Who typed the command, and where its answer and modal go."""

    deps: Deps
    context: BoltContext
    client: WebClient
    trigger_id: str | None = None
    response_url: str | None = None

    @property
    def team_id(self) -> str:
        return self.context.team_id or ""

    @property
    def user_id(self) -> str:
        return self.context.user_id or ""


@dataclass(frozen=True)
class CommandOutcome:
    """What the listener does once a verb has decided."""

    reply: Reply | None = None  # the ephemeral answer
    modal: View | None = None  # opened before answering
    after_reply: Callable[[], None] | None = None  # slow work the answer announced
    refresh_home: bool = False  # App Home must be published again


Verb = Callable[[CommandRequest, Any], CommandOutcome]


@dataclass(frozen=True)
class Situation:
    """What a member verb knows besides the command: who, when, and where to confirm."""

    member: Member
    now: datetime
    response_url: str | None


MemberVerb = Callable[[Session, Any, Situation], CommandOutcome]


def member_verb(decide: MemberVerb) -> Verb:
    """`decide` run inside one transaction with the member who typed the command (created
    on first use), retried on a write conflict; bots and deactivated accounts are told why
    they can't take part."""

    def run(request: CommandRequest, command: Any) -> CommandOutcome:
        def attempt() -> CommandOutcome:
            with member_transaction(request.deps, request.context, request.client) as (
                session,
                member,
            ):
                now = request.deps.clock()
                return decide(session, command, Situation(member, now, request.response_url))

        try:
            return retry_on_conflict(attempt)
        except NotAllowed as refusal:
            return CommandOutcome(reply=replies.refusal_reply(str(refusal)))

    return run
