"""Opening modals, confirming in the conversation they came from, and reading the member
behind an interaction (with an ended pause applied)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.views import View
from slack_sdk.webhook import WebhookClient
from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.db.models import Member
from bot.db.session import transaction
from bot.listeners.shared.people import current_member
from bot.services.pausing import apply_pause_expiry
from bot.ui.replies import Reply

log = logging.getLogger(__name__)

# What Slack answers when a trigger_id is too old or already used: the person must retry.
TRIGGER_ERRORS = frozenset({"expired_trigger_id", "invalid_trigger_id", "exchanged_trigger_id"})


def open_modal(client: WebClient, trigger_id: str | None, view: View) -> bool:
    """Open `view`; False (logged) when Slack refused the trigger, so the caller can say so."""
    if not trigger_id:
        return False
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:
        if error.response.get("error") not in TRIGGER_ERRORS:
            raise
        log.warning("modal not opened", extra={"error": error.response.get("error")})
        return False
    return True


def confirm(response_url: str | None, reply: Reply) -> None:
    """Post an ephemeral confirmation to the conversation a modal was opened from."""
    if not response_url:
        return
    response = WebhookClient(response_url, timeout=10).send(
        response_type="ephemeral", replace_original=False, **reply.to_kwargs()
    )
    if response.status_code != 200:
        log.warning("confirmation not delivered", extra={"status": response.status_code})


@contextmanager
def member_transaction(
    deps: Deps, context: BoltContext, client: WebClient
) -> Iterator[tuple[Session, Member]]:
    """One transaction with the member who acted (created on first use); a pause whose
    end date has passed is ended first, so what they see and what is stored agree."""
    with transaction(deps.sessions) as session:
        member = current_member(session, context, client)
        apply_pause_expiry(member, deps.clock())
        yield session, member
