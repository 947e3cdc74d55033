"""What every button on a pair's or check-in's message shares: reading the click, finding
the pair or check-in for the person who clicked, and answering them only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.ui import checkin as checkin_ui
from bot.ui.replies import Reply

Found = TypeVar("Found")
Found_co = TypeVar("Found_co", covariant=True)


class Find(Protocol[Found_co]):
    """pairs.pair_for or checkins.checkin_for: what was clicked, for the person who did."""

    def __call__(
        self, session: Session, clicked: object, /, *, team_id: str, user_id: str
    ) -> Found_co: ...


def clicked_value(body: dict[str, Any]) -> str | None:
    actions = body.get("actions") or [{}]
    value: str | None = actions[0].get("value")
    return value


def tell_clicker(respond: Respond, reply: Reply) -> None:
    respond(response_type="ephemeral", replace_original=False, **reply.to_kwargs())


def refuse_clicker(respond: Respond) -> Callable[[str], None]:
    """How a button tells the person who clicked why nothing happened."""
    return lambda words: tell_clicker(respond, checkin_ui.refusal(words))


def find_clicked(
    find: Find[Found], session: Session, context: BoltContext, body: dict[str, Any]
) -> Found:
    """The pair or check-in the button names, for the person who clicked it."""
    return find(
        session, clicked_value(body), team_id=context.team_id or "", user_id=context.user_id or ""
    )


def open_clicked_modal(
    find: Find[Found],
    build: Callable[[Session, Found], View],
    *,
    body: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    respond: Respond,
) -> None:
    """Open the modal `build` makes for what was clicked, or tell the clicker why not."""
    view = for_pair_member(
        deps_of(context),
        refuse_clicker(respond),
        lambda session: build(session, find_clicked(find, session, context, body)),
    )
    if view is not None:
        client.views_open(trigger_id=body["trigger_id"], view=view)
