"""The "Need help" form's submission, for a pair's check-in and for a circle's: the same
steps, with the check-in found and the request stored by the caller's services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.core import ids
from bot.db.session import transaction
from bot.listeners.shared.app_scope import scope_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.views.pairs import done_view, metadata, refuse_in_field, submitted
from bot.parsing.checkin_forms import read_help
from bot.services.admins import named_admins
from bot.ui import help_request as help_ui

Found = TypeVar("Found")
Found_co = TypeVar("Found_co", covariant=True)


class FindCheckIn(Protocol[Found_co]):
    """Finds the check-in a form names, for its submitter, or raises NotYours."""

    def __call__(
        self, session: Session, clicked: object, /, *, team_id: str, user_id: str
    ) -> Found_co: ...


def submit_help_request(
    ack: Ack,
    view: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    *,
    find: FindCheckIn[Found],
    ask: Callable[[Session, Found, str, datetime], bool],
    tell_admins: Callable[[Session, Found, list[str], datetime], int],
) -> None:
    """Store what the person said would help, then DM the admins once it is safely stored.

    `ask` returns False for a second submission on the same check-in, which then tells no
    one again."""
    scope = scope_of(context)
    deps = scope.deps
    said, errors = read_help(submitted(view))
    if errors:
        ack(response_action="errors", errors=errors)
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    checkin_id = metadata(view).get("checkin")
    changed = for_pair_member(
        deps,
        refuse_in_field(ack, ids.CHECKIN_HELP_TEXT),
        lambda session: ask(
            session,
            find(session, checkin_id, team_id=team_id, user_id=user_id),
            said,
            deps.clock(),
        ),
    )
    if changed is None:
        return
    ack(
        response_action="update",
        view=done_view("Ask for a hand", help_ui.help_sent_words(changed=changed)),
    )
    if changed:
        # Asked only after the request is safely stored; the DMs go through the outbox.
        from_slack = scope.workspace_admins.admins(client, team_id)
        with transaction(deps.sessions) as session:
            found = find(session, checkin_id, team_id=team_id, user_id=user_id)
            admins = sorted(set(from_slack) | set(named_admins(session, team_id)))
            tell_admins(session, found, admins, deps.clock())
