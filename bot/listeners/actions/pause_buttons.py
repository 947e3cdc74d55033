"""Pause and Resume on App Home (open-ended: `/mentor pause <weeks>` sets an end)."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core import ids
from bot.listeners.events.home import publish_home
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.surfaces import member_transaction
from bot.services.pausing import pause_member, resume_member


def pause(ack: Ack, context: BoltContext, client: WebClient) -> None:
    ack()
    deps = deps_of(context)
    with member_transaction(deps, context, client) as (_session, member):
        pause_member(member, deps.clock(), None)
    publish_home(deps, client, team_id=context.team_id or "", user_id=context.user_id or "")


def resume(ack: Ack, context: BoltContext, client: WebClient) -> None:
    ack()
    deps = deps_of(context)
    with member_transaction(deps, context, client) as (_session, member):
        resume_member(member, deps.clock())
    publish_home(deps, client, team_id=context.team_id or "", user_id=context.user_id or "")


def register(app: App) -> None:
    app.action(ids.PAUSE_MATCHING)(pause)
    app.action(ids.RESUME_MATCHING)(resume)
