"""The buttons of `/mentor forget-me`'s confirmation: delete everything, or keep it.

The button's value is ignored: whoever clicks is the person forgotten, and the message
is ephemeral, so only they can see it.
"""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core import ids
from bot.db.session import transaction
from bot.listeners.events.home import publish_home
from bot.listeners.shared.app_scope import deps_of
from bot.services.forget import forget_person
from bot.ui import leaving


def confirm_forget_me(ack: Ack, respond: Respond, context: BoltContext, client: WebClient) -> None:
    ack()
    deps = deps_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    with transaction(deps.sessions) as session:
        result = forget_person(session, team_id=team_id, user_id=user_id, now=deps.clock())
    reply = (
        leaving.forgotten(pairs_ended=len(result.ended))
        if result.anything
        else leaving.nothing_to_forget()
    )
    respond(replace_original=True, **reply.to_kwargs())
    # Their Home tab still shows the old dashboard until it is published again.
    publish_home(deps, client, team_id=team_id, user_id=user_id)
    for partner in sorted({pairing.partner for pairing in result.ended}):
        publish_home(deps, client, team_id=team_id, user_id=partner)


def cancel_forget_me(ack: Ack, respond: Respond) -> None:
    ack()
    respond(replace_original=True, **leaving.forget_cancelled().to_kwargs())


def register(app: App) -> None:
    app.action(ids.FORGET_ME_CONFIRM)(confirm_forget_me)
    app.action(ids.FORGET_ME_CANCEL)(cancel_forget_me)
