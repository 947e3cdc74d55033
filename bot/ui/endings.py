"""End-of-pairing questions: the private prompt, the feedback modal, and the replies."""

from __future__ import annotations

import json
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.cycle.endings import Decision
from bot.parsing.pair_forms import MAX_ANSWER
from bot.ui.escape import escape_mrkdwn
from bot.ui.fields import text_box
from bot.ui.goals import level_select
from bot.ui.people import mention_or
from bot.ui.replies import Reply
from bot.ui.texts import text
from bot.vocabulary import DURATION_WEEKS, UNSAID_DURATION, known_duration

# How long "continue" adds: one more stretch as long as the first (bot.cycle.endings).
_STRETCH_WORDS = {
    2: "another two weeks",
    4: "another month or so",
    12: "another three months or so",
}
DECISION_LABELS = {
    Decision.CONTINUE: "Continue together for another stretch",
    Decision.END: "End here — it did its job",
    Decision.REMATCH: "End, and match me with someone new",
}


def stretch_words(duration: str | None) -> str:
    """How long continuing adds, in words: "another month or so"."""
    weeks = DURATION_WEEKS.get(known_duration(duration) or UNSAID_DURATION)
    return _STRETCH_WORDS.get(weeks or 0, "another stretch")


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def ending_prompt(*, pair_id: int, cycle: int, partner: str, skill: str) -> Reply:
    return Reply(
        text="Your mentoring pairing has reached its planned end: how did it go?",
        blocks=(
            _section(
                f":checkered_flag: Your *{escape_mrkdwn(skill)}* pairing with <@{partner}> "
                f"has reached its planned end.\n{text('ending_prompt')}"
            ),
            ActionsBlock(
                block_id=f"ending_actions_{pair_id}_{cycle}",
                elements=[
                    ButtonElement(
                        text="Share how it went",
                        action_id=ids.SHARE_FEEDBACK,
                        value=json.dumps({"pair": pair_id, "cycle": cycle}),
                        style="primary",
                    )
                ],
            ),
        ),
    )


def feedback_modal(
    *,
    pair_id: int,
    cycle: int,
    partner_id: str,
    ending_now: bool,
    stretch: str = "another stretch",
    learning: str | None = None,
) -> View:
    """`ending_now`: opened from "End pairing", so continuing is not offered;
    `partner_id`: the other person's Slack id, shown as a mention; `learning`: the skill
    the person learned in this pairing, when they are a learner (asks their level now)."""
    choices = [d for d in Decision if not (ending_now and d == Decision.CONTINUE)]
    labels = {**DECISION_LABELS, Decision.CONTINUE: f"Continue together for {stretch}"}
    options = [Option(value=d.value, label=labels[d]) for d in choices]
    return View(
        type="modal",
        callback_id=ids.FEEDBACK_MODAL,
        private_metadata=json.dumps({"pair": pair_id, "cycle": cycle, "ending_now": ending_now}),
        title="End pairing" if ending_now else "How did it go?",
        submit="End pairing" if ending_now else "Save",
        close="Cancel",
        blocks=[
            _section(
                f"Your pairing with {mention_or(partner_id, 'your former partner')}. "
                "Your answers stay private: "
                "only you see them; admins see counts."
            ),
            text_box(
                ids.FEEDBACK_LEARNED, "What did you learn?", optional=True, max_length=MAX_ANSWER
            ),
            text_box(
                ids.FEEDBACK_TAUGHT, "What did you teach?", optional=True, max_length=MAX_ANSWER
            ),
            *(
                [
                    level_select(
                        ids.FEEDBACK_LEVEL,
                        f"Your level in {learning} now",
                        None,
                        hint="Shown next to your level at the start, in the ending message.",
                    )
                ]
                if learning
                else []
            ),
            InputBlock(
                block_id=ids.FEEDBACK_DECISION,
                label="What next?",
                element=RadioButtonsElement(action_id=ids.FEEDBACK_DECISION, options=options),
            ),
        ],
    )


def feedback_thanks(decision: Decision, *, extended: bool) -> Reply:
    if decision == Decision.CONTINUE:
        words = (
            ":repeat: Thanks! Your pairing continues for another stretch."
            if extended
            else ":repeat: Thanks! Noted that you'd like to continue."
        )
    elif decision == Decision.REMATCH:
        words = ":sparkles: Thanks! Your request is back in the queue for a new match."
    else:
        words = ":pray: Thanks for taking part, and for what you shared."
    return Reply(text=words, blocks=(_section(words),))


def extended_message(
    *, mentions: tuple[str, str], stretch: str = "another stretch", until: datetime | None = None
) -> Reply:
    a, b = (f"<@{user}>" for user in mentions)
    when = ""
    if until is not None:
        # Slack shows the date in each reader's own time zone.
        when = f", until <!date^{int(until.timestamp())}^{{date_long}}|{until:%d %B %Y}>"
    words = f":repeat: {a} and {b}, your pairing continues for {stretch}{when}. Enjoy!"
    return Reply(text=f"Your pairing continues for {stretch}.", blocks=(_section(words),))
