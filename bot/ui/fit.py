"""Private questions about a pairing — good fit? pair again? — and the thanks modal
offered at the end (pure Block Kit builders)."""

from __future__ import annotations

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.parsing.thanks import MAX_THANKS_LENGTH
from bot.ui.escape import escape_mrkdwn
from bot.ui.expectations import pair_metadata
from bot.ui.fields import text_box
from bot.ui.replies import Reply

_PRIVATE = "Only you see this answer; it is never shown to your partner or to the admins."


def fit_question(*, pair_id: int, partner: str) -> Reply:
    """Two weeks in: good fit, not sure, or not a fit (which leads to ending it kindly)."""
    value = str(pair_id)
    return Reply(
        text="Two weeks in: how is your pairing going?",
        blocks=(
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"You've been paired with <@{partner}> for two weeks. "
                    "How is it going so far?"
                )
            ),
            ActionsBlock(
                elements=[
                    ButtonElement(text="Good fit", action_id=ids.FIT_GOOD, value=value),
                    ButtonElement(text="Not sure yet", action_id=ids.FIT_NOT_SURE, value=value),
                    ButtonElement(text="Not a fit", action_id=ids.FIT_NOT_A_FIT, value=value),
                ]
            ),
            ContextBlock(elements=[MarkdownTextObject(text=_PRIVATE)]),
        ),
    )


_FIT_ANSWERS = {
    "good_fit": "Glad to hear it. Noted, privately.",
    "not_sure": "Noted, privately. It often takes a few meetings; the check-ins will help.",
    "again_yes": "Noted, privately. Thank you for taking part.",
    "again_no": "Noted, privately. Thank you for saying so: it helps the next pairings.",
}


def fit_noted(answer: str) -> Reply:
    """The answer to a click on a fit or pair-again button (only the clicker sees it)."""
    words = _FIT_ANSWERS[answer]
    return Reply(text=words, blocks=(SectionBlock(text=MarkdownTextObject(text=words)),))


def pair_again_question(*, pair_id: int, partner: str) -> Reply:
    """At the end of a stretch: would you pair again, and a way to say thank you."""
    value = str(pair_id)
    return Reply(
        text="Would you pair with them again?",
        blocks=(
            SectionBlock(text=MarkdownTextObject(text=f"Would you pair with <@{partner}> again?")),
            ActionsBlock(
                elements=[
                    ButtonElement(text="Yes", action_id=ids.AGAIN_YES, value=value),
                    ButtonElement(text="No", action_id=ids.AGAIN_NO, value=value),
                    ButtonElement(text="Send thanks", action_id=ids.SEND_THANKS, value=value),
                ]
            ),
            ContextBlock(elements=[MarkdownTextObject(text=_PRIVATE)]),
        ),
    )


def send_thanks_modal(pair_id: int, partner: str) -> View:
    """What to thank the partner for, and optionally a channel to post it in too."""
    return View(
        type="modal",
        callback_id=ids.SEND_THANKS_MODAL,
        private_metadata=pair_metadata(pair_id),
        title="Send thanks",
        submit="Send",
        close="Cancel",
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"Say thank you to <@{partner}>. Naming a skill they offer counts as "
                    "an endorsement of it."
                )
            ),
            text_box(
                ids.THANKS_WORDS,
                "What are you thanking them for?",
                max_length=MAX_THANKS_LENGTH,
                placeholder="For the public speaking practice every Friday",
            ),
            InputBlock(
                block_id=ids.THANKS_CHANNEL,
                label="Also post it in a channel",
                optional=True,
                hint="Only if they allow public thanks in their profile; otherwise it stays a "
                "private message.",
                element=ConversationSelectElement(
                    action_id=ids.THANKS_CHANNEL,
                    filter=ConversationFilter(include=["public"], exclude_bot_users=True),
                    placeholder="Choose a channel",
                ),
            ),
        ],
    )


def thanks_sent_words(*, endorsed: str | None, public: str | None) -> str:
    """What the Send thanks modal says once the thanks is on its way."""
    said = "Your thanks is on its way."
    if endorsed is not None:
        said += f" It counts as an endorsement of their *{escape_mrkdwn(endorsed)}*."
    if public == "not_allowed":
        said += " They haven't chosen to have thanks posted in channels, so it stays private."
    return said
