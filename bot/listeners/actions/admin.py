"""The admin buttons: in App Home (settings, preview, run now, skip, chart, export, start
rounds), the approval DM's Send and the preview modal's page buttons. Each click is
checked: only program admins get through."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.core import ids
from bot.core.deps import Deps
from bot.listeners.shared import admin_tasks
from bot.listeners.shared.admin_access import is_admin
from bot.listeners.shared.app_scope import deps_of
from bot.parsing.view_state import read_metadata
from bot.services.admin_rounds import preview_round
from bot.ui import admin_preview
from bot.ui.admin_common import notice_view, refusal_view

AdminClick = Callable[[Deps, WebClient, dict[str, Any], str, str], None]


def show(client: WebClient, body: dict[str, Any], view: View) -> None:
    """Answer a click with a view: in place inside a modal, else in a new modal."""
    current = body.get("view") or {}
    if current.get("type") == "modal" and current.get("id"):
        client.views_update(view_id=current["id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def _clicked_value(body: dict[str, Any]) -> str | None:
    actions = body.get("actions") or [{}]
    value = actions[0].get("value")
    return value if isinstance(value, str) and value else None


def _settings(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    admin_tasks.open_settings(deps, client, team_id=team, trigger_id=body["trigger_id"])


def _preview(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    admin_tasks.open_preview(deps, client, team_id=team, trigger_id=body["trigger_id"])


def _run_now(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    period = _clicked_value(body)
    if period is None:
        show(client, body, notice_view("Next round", "That button is out of date; nothing ran."))
        return
    admin_tasks.run_now_in_modal(
        deps, client, team_id=team, trigger_id=body["trigger_id"], period=period, actor=user
    )


def _send(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    period = _clicked_value(body)
    if period is None:
        show(
            client,
            body,
            notice_view("Send the round", "That button is out of date; nothing went out."),
        )
        return
    admin_tasks.send_round_in_modal(
        deps, client, team_id=team, trigger_id=body["trigger_id"], period=period, actor=user
    )


def _start_rounds(
    deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str
) -> None:
    show(client, body, notice_view("Rounds", admin_tasks.start_rounds(deps, team)))


def _skip(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    words = admin_tasks.skip(deps, team, _clicked_value(body) or "")
    show(client, body, notice_view("Next round", words))


def _unskip(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    words = admin_tasks.unskip(deps, team, _clicked_value(body) or "")
    show(client, body, notice_view("Next round", words))


def _chart(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    show(client, body, notice_view("Program chart", "The chart is on its way to your DMs."))
    admin_tasks.send_chart(deps, client, team_id=team, user_id=user)


def _export(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    show(client, body, notice_view("CSV export", "The CSV files are on their way to your DMs."))
    admin_tasks.send_export(deps, client, team_id=team, user_id=user)


def _turn_page(step: int, deps: Deps, client: WebClient, body: dict[str, Any], team: str) -> None:
    view = body.get("view") or {}
    metadata = read_metadata(view.get("private_metadata", ""))
    preview = preview_round(deps, team)
    page = admin_preview.page_of(metadata, preview, step)
    client.views_update(view_id=view["id"], view=admin_preview.preview_modal(preview, page))


def _previous_page(
    deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str
) -> None:
    _turn_page(-1, deps, client, body, team)


def _next_page(deps: Deps, client: WebClient, body: dict[str, Any], team: str, user: str) -> None:
    _turn_page(1, deps, client, body, team)


CLICKS: dict[str, AdminClick] = {
    ids.ADMIN_OPEN_SETTINGS: _settings,
    ids.ADMIN_OPEN_PREVIEW: _preview,
    ids.ADMIN_RUN_NOW: _run_now,
    ids.ADMIN_APPROVAL_SEND: _send,
    ids.ADMIN_START_ROUNDS: _start_rounds,
    ids.ADMIN_SKIP_NEXT: _skip,
    ids.ADMIN_UNSKIP_NEXT: _unskip,
    ids.ADMIN_SEND_CHART: _chart,
    ids.ADMIN_SEND_EXPORT: _export,
    ids.ADMIN_PREVIEW_PREVIOUS: _previous_page,
    ids.ADMIN_PREVIEW_NEXT: _next_page,
}


def run_admin_click(
    clicks: dict[str, AdminClick],
    ack: Ack,
    body: dict[str, Any],
    context: BoltContext,
    client: WebClient,
) -> None:
    """Ack, check afresh that the clicker is a program admin, then run the click's handler."""
    ack()
    deps = deps_of(context)
    team, user = context.team_id or "", context.user_id or ""
    if not is_admin(deps, client, team_id=team, user_id=user, enterprise_id=context.enterprise_id):
        show(client, body, refusal_view())
        return
    clicks[body["actions"][0]["action_id"]](deps, client, body, team, user)


def admin_click(ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    run_admin_click(CLICKS, ack, body, context, client)


def register(app: App) -> None:
    for action_id in CLICKS:
        app.action(action_id)(admin_click)
