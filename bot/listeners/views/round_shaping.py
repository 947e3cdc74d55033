"""The add-pair form: checked by the engine's own rules, then the preview is refreshed."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core import ids
from bot.listeners.shared.admin_access import is_admin
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.views.pairs import metadata, submitted
from bot.parsing.shape_forms import read_add_pair
from bot.services import round_shaping
from bot.services.admin_rounds import preview_round
from bot.ui import admin_preview
from bot.ui.admin_common import refusal_view
from bot.ui.round_shaping import refusal_text


def add_pair_submission(
    ack: Ack, view: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    deps = deps_of(context)
    team, user = context.team_id or "", context.user_id or ""
    if not is_admin(deps, client, team_id=team, user_id=user, enterprise_id=context.enterprise_id):
        ack(response_action="update", view=refusal_view())
        return
    form, errors = read_add_pair(submitted(view))
    if form is None:
        ack(response_action="errors", errors=errors)
        return
    refused = round_shaping.add_pair(
        deps, team, actor=user, mentor=form.mentor, mentee=form.mentee, skill_text=form.skill
    )
    if refused is not None:
        ack(response_action="errors", errors={ids.ADMIN_ADD_SKILL: refusal_text(refused.problems)})
        return
    ack()  # back to the preview, which now lists the new pair as waiting for Re-solve
    preview_view = metadata(view).get("preview_view")
    if isinstance(preview_view, str) and preview_view:
        client.views_update(
            view_id=preview_view, view=admin_preview.preview_modal(preview_round(deps, team))
        )


def register(app: App) -> None:
    app.view(ids.ADMIN_ADD_PAIR_MODAL)(add_pair_submission)
