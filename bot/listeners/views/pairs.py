"""Submissions of a pair's modals: expectations, the first meeting's time, and ending as
not a good fit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View
from sqlalchemy.orm import Session

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member, still_active
from bot.parsing.pair_forms import read_expectations, read_first_meeting, read_reason
from bot.parsing.view_state import read_metadata
from bot.services import goals, pairs
from bot.services.pairs import PairAccess
from bot.ui.expectations import expectations_summary
from bot.ui.first_meeting import first_meeting_saved
from bot.ui.replies import Reply


def done_view(title: str, words: str) -> View:
    """What a modal turns into after a submission: a short answer and a Close button."""
    return View(
        type="modal",
        title=title,
        close="Close",
        blocks=[SectionBlock(text=MarkdownTextObject(text=words))],
    )


def submitted(view: dict[str, Any]) -> dict[str, Any]:
    return (view.get("state") or {}).get("values") or {}


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    """What the modal carries about its pair or check-in (read defensively)."""
    return read_metadata(view.get("private_metadata", ""))


def refuse_in_field(ack: Ack, block_id: str) -> Callable[[str], None]:
    """How a modal tells the person why nothing was saved: an error under one field."""

    def refuse(words: str) -> None:
        ack(response_action="errors", errors={block_id: words})

    return refuse


def submitter_pair(session: Session, context: BoltContext, view: dict[str, Any]) -> PairAccess:
    """The pair the modal was opened for, for the person submitting it."""
    return pairs.pair_for(
        session,
        team_id=context.team_id or "",
        pair_id=metadata(view).get("pair"),
        user_id=context.user_id or "",
    )


def save_expectations(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    now = deps.clock()
    form, errors = read_expectations(submitted(view), today=now.date())
    if form is None:
        ack(response_action="errors", errors=errors)
        return
    user_id = context.user_id or ""

    # Local: it stores this submission's form inside for_pair_member's transaction.
    def save(session: Session) -> Reply:
        access = still_active(submitter_pair(session, context, view))
        row, edited = pairs.save_expectations(session, access, form, now)
        summary = expectations_summary(
            form, saved_by=user_id, saved_by_name=access.member.display_name, edited=edited
        )
        # Through the outbox, never posted from here: the sender confirms a post whose
        # answer was lost before trying again, where a retrying client would post twice.
        pairs.tell_both(
            session,
            access.pair,
            key=f"expectations:v{row.version}",
            kind="expectations",
            reply=summary,
            now=now,
        )
        goals.save_goals(session, access.pair, form.goals, now)
        return summary

    if for_pair_member(deps, refuse_in_field(ack, ids.EXPECTATIONS_OBJECTIVE), save) is None:
        return
    ack()


def end_not_a_fit(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    reason, errors = read_reason(submitted(view))
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ended = for_pair_member(
        deps,
        refuse_in_field(ack, ids.NOT_A_FIT_REASON),
        lambda session: pairs.end_as_not_a_fit(
            session, submitter_pair(session, context, view), reason, deps.clock()
        ),
    )
    if ended is None:
        return
    words = (
        "Thanks for saying so. The pairing has ended; you'll both hear from me, "
        "and you won't be paired together again."
        if ended
        else "This pairing had already ended, so nothing changed."
    )
    ack(response_action="update", view=done_view("Pairing ended", words))


def save_first_meeting(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    now = deps.clock()
    at, errors = read_first_meeting(submitted(view), now=now)
    if at is None:
        ack(response_action="errors", errors=errors)
        return
    saved = for_pair_member(
        deps,
        refuse_in_field(ack, ids.FIRST_MEETING_AT),
        lambda session: pairs.set_first_meeting(
            session, still_active(submitter_pair(session, context, view)), at, now
        ),
    )
    if saved is None:
        return
    ack(response_action="update", view=done_view("First meeting", first_meeting_saved(at)))


def register(app: App) -> None:
    app.view(ids.EXPECTATIONS_MODAL)(save_expectations)
    app.view(ids.NOT_A_FIT_MODAL)(end_not_a_fit)
    app.view(ids.FIRST_MEETING_MODAL)(save_first_meeting)
