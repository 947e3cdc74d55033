"""The time zones offered in the settings modal, filtered by what the admin types."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import Option

from bot.core import ids
from bot.listeners.shared.admin_access import is_admin
from bot.listeners.shared.app_scope import deps_of
from bot.ui.admin_zones import matching_zones, zone_label


def suggest_time_zones(
    ack: Ack, payload: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    deps = deps_of(context)
    if not is_admin(deps, client, team_id=context.team_id or "", user_id=context.user_id or ""):
        ack(options=[])  # the settings are for program admins only
        return
    now = deps.clock()
    options = [
        Option(value=name, label=zone_label(name, now)).to_dict()
        for name in matching_zones(str(payload.get("value") or ""))
    ]
    ack(options=options)


def register(app: App) -> None:
    app.options(ids.ADMIN_TIMEZONE)(suggest_time_zones)
