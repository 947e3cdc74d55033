"""`app_home_opened`: publish the person's dashboard."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.db.session import transaction
from bot.deps import Deps
from bot.listeners.admin_tasks import home_section
from bot.services.people import find_member
from bot.services.records import member_records
from bot.ui.home import home_view


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def publish_home(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("tab") != "home":
            return
        user_id = event["user"]
        with transaction(deps.sessions) as session:
            # Opening the tab is no opt-in: look people up, never create them here.
            member = find_member(session, context.team_id or "", user_id)
            records = member_records(session, member) if member else None
        view = home_view(records)
        # Program admins also see the program's dashboard and settings below their own.
        view.blocks = [*view.blocks, *home_section(deps, client, context.team_id or "", user_id)]
        client.views_publish(user_id=user_id, view=view)
