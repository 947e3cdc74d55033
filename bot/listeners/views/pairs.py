"""Submissions of a pair's modals: expectations, and ending as not a good fit."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot import ids
from bot.db.session import transaction
from bot.deps import Deps
from bot.services import pairs
from bot.services.pairs import NotYours
from bot.ui.expectations import expectations_summary, read_expectations, read_metadata, read_reason


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


def register(app: App, deps: Deps) -> None:
    @app.view(ids.EXPECTATIONS_MODAL)
    def save_expectations(
        ack: Ack, view: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        now = deps.clock()
        form, errors = read_expectations(submitted(view), today=now.date())
        if form is None:
            ack(response_action="errors", errors=errors)
            return
        user_id = context.user_id or ""
        try:
            with transaction(deps.sessions) as session:
                access = pairs.pair_for(
                    session,
                    context.team_id or "",
                    read_metadata(view.get("private_metadata", "")).get("pair"),
                    user_id,
                )
                if not access.pair.active:
                    raise NotYours(pairs.PAIR_OVER)
                row, edited = pairs.save_expectations(session, access, form, now)
                summary = expectations_summary(form, saved_by=user_id, edited=edited)
                channel = pairs.pair_channel(session, access.pair)
                if channel is None:
                    pairs.tell_both(
                        session,
                        access.pair,
                        key=f"expectations:v{row.version}",
                        kind="expectations",
                        reply=summary,
                        now=now,
                    )
        except NotYours as refusal:
            ack(response_action="errors", errors={ids.EXPECTATIONS_OBJECTIVE: str(refusal)})
            return
        ack()
        if channel is not None:
            client.chat_postMessage(channel=channel, **summary.to_kwargs())

    @app.view(ids.NOT_A_FIT_MODAL)
    def end_not_a_fit(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
        reason, errors = read_reason(submitted(view))
        if errors:
            ack(response_action="errors", errors=errors)
            return
        try:
            with transaction(deps.sessions) as session:
                access = pairs.pair_for(
                    session,
                    context.team_id or "",
                    read_metadata(view.get("private_metadata", "")).get("pair"),
                    context.user_id or "",
                )
                ended = pairs.end_as_not_a_fit(session, access, reason, deps.clock())
        except NotYours as refusal:
            ack(response_action="errors", errors={ids.NOT_A_FIT_REASON: str(refusal)})
            return
        words = (
            "Thanks for saying so. The pairing has ended; you'll both hear from me, "
            "and you won't be paired together again."
            if ended
            else "This pairing had already ended, so nothing changed."
        )
        ack(response_action="update", view=done_view("Pairing ended", words))
