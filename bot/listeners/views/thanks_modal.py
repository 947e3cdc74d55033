"""The Send thanks modal from the end of a pairing: store and send the thanks."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.views.pairs import done_view, refuse_in_field, submitted, submitter_pair
from bot.parsing.thanks import SendThanks, read_thanks_form
from bot.services import thanks
from bot.ui import fit as fit_ui


def send_thanks(ack: Ack, view: dict[str, Any], context: BoltContext) -> None:
    deps = deps_of(context)
    form, errors = read_thanks_form(submitted(view))
    if form is None:
        ack(response_action="errors", errors=errors)
        return

    def store(session: Any) -> thanks.ThanksSent | thanks.ThanksRefused:
        access = submitter_pair(session, context, view)
        command = SendThanks(
            recipient=access.partner.slack_user_id, words=form.words, channel=form.channel
        )
        return thanks.send_thanks(
            session, access.member, command, now=deps.clock(), pair_id=access.pair.id
        )

    result = for_pair_member(deps, refuse_in_field(ack, ids.THANKS_WORDS), store)
    if result is None:
        return
    if isinstance(result, thanks.ThanksRefused):
        words = "Your partner is no longer here, so the thanks can't reach them."
        ack(response_action="errors", errors={ids.THANKS_WORDS: words})
        return
    said = fit_ui.thanks_sent_words(endorsed=result.endorsed, public=result.public)
    ack(response_action="update", view=done_view("Thanks sent", said))


def register(app: App) -> None:
    app.view(ids.SEND_THANKS_MODAL)(send_thanks)
