"""Pause and Resume on App Home (open-ended: `/mentor pause <weeks>` sets an end)."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core import ids
from bot.core.deps import Deps
from bot.listeners.events.home import publish_home
from bot.listeners.shared.surfaces import member_transaction
from bot.services.pausing import pause_member, resume_member


def register(app: App, deps: Deps) -> None:
    @app.action(ids.PAUSE_MATCHING)
    def pause(ack: Ack, context: BoltContext, client: WebClient) -> None:
        ack()
        with member_transaction(deps, context, client) as (_session, member):
            pause_member(member, deps.clock(), None)
        publish_home(deps, client, team_id=context.team_id or "", user_id=context.user_id or "")

    @app.action(ids.RESUME_MATCHING)
    def resume(ack: Ack, context: BoltContext, client: WebClient) -> None:
        ack()
        with member_transaction(deps, context, client) as (_session, member):
            resume_member(member, deps.clock())
        publish_home(deps, client, team_id=context.team_id or "", user_id=context.user_id or "")
