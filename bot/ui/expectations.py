"""The expectations and "not a good fit" modals of a pair, and the expectations summary."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ContextBlock,
    DatePickerElement,
    InputBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.domain.goals import LearnerGoalsView
from bot.parsing.pair_forms import (
    CONFIDENTIAL_VALUE,
    MAX_OBJECTIVE,
    MAX_REASON,
    MAX_SUCCESS,
    ExpectationsForm,
)
from bot.ui.escape import escape_mrkdwn
from bot.ui.fields import select_box, text_box, tick_box
from bot.ui.goals import goal_inputs
from bot.ui.people import mention_or, plain_name, sentence
from bot.ui.replies import Reply
from bot.vocabulary import DURATION_LABELS, FREQUENCY_LABELS


def _options(labels: Mapping[str, str]) -> list[Option]:
    return [Option(value=code, label=label.capitalize()) for code, label in labels.items()]


def _initial(labels: Mapping[str, str], code: str | None) -> Option | None:
    if code is None or code not in labels:
        return None
    return Option(value=code, label=labels[code].capitalize())


def pair_metadata(pair_id: int, **extra: Any) -> str:
    """What a pair's modals carry; checked against the database again on submission."""
    return json.dumps({"pair": pair_id, **extra})


def expectations_modal(
    pair_id: int,
    partner_id: str,
    current: ExpectationsForm | None,
    *,
    learners: Sequence[LearnerGoalsView] = (),
) -> View:
    """`partner_id`: the other person's Slack id, shown as a mention; `learners`: each
    direction's learner with their saved goals, for the goals part of the form."""
    current = current or ExpectationsForm(objective="")
    confidentiality = Option(
        value=CONFIDENTIAL_VALUE,
        label="What we say stays between us, and there are no wrong questions",
    )
    return View(
        type="modal",
        callback_id=ids.EXPECTATIONS_MODAL,
        private_metadata=pair_metadata(pair_id),
        title="Set expectations",
        submit="Save",
        close="Cancel",
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"Agree these with {mention_or(partner_id, 'your partner')}; "
                    "either of you can edit them later. Saving posts a summary to you both."
                )
            ),
            text_box(
                ids.EXPECTATIONS_OBJECTIVE,
                "Our objective",
                max_length=MAX_OBJECTIVE,
                initial=current.objective,
                placeholder="What should the learner be able to do at the end?",
            ),
            select_box(
                ids.EXPECTATIONS_CADENCE,
                "How often we meet",
                _options(FREQUENCY_LABELS),
                initial=_initial(FREQUENCY_LABELS, current.cadence),
                optional=True,
                placeholder="Choose",
            ),
            InputBlock(
                block_id=ids.EXPECTATIONS_FIRST_MEETING,
                label="First meeting",
                optional=True,
                element=DatePickerElement(
                    action_id=ids.EXPECTATIONS_FIRST_MEETING,
                    initial_date=current.first_meeting_on.isoformat()
                    if current.first_meeting_on
                    else None,
                ),
            ),
            select_box(
                ids.EXPECTATIONS_DURATION,
                "How long the pairing lasts",
                _options(DURATION_LABELS),
                initial=_initial(DURATION_LABELS, current.duration),
                optional=True,
                placeholder="Choose",
            ),
            text_box(
                ids.EXPECTATIONS_SUCCESS,
                "How we will know it worked",
                optional=True,
                max_length=MAX_SUCCESS,
                initial=current.success_measure,
            ),
            *goal_inputs(learners),
            tick_box(
                ids.EXPECTATIONS_CONFIDENTIAL,
                "Confidentiality",
                confidentiality,
                ticked=current.confidentiality_agreed,
            ),
        ],
    )


def expectations_summary(
    form: ExpectationsForm, *, saved_by: str, saved_by_name: str, edited: bool
) -> Reply:
    """Posted in the pair's group DM each time the expectations are saved.

    `saved_by` is a Slack id (a mention in the message); `saved_by_name` goes in the
    notification, where mentions aren't rendered.
    """
    first = form.first_meeting_on.strftime("%A %d %B %Y") if form.first_meeting_on else "not set"
    lines = [
        f"*Objective:* {escape_mrkdwn(form.objective)}",
        f"*How often:* {FREQUENCY_LABELS.get(form.cadence or '', 'not set')}",
        f"*First meeting:* {first}",
        f"*Pairing lasts:* {DURATION_LABELS.get(form.duration or '', 'not set')}",
        f"*We'll know it worked when:* {escape_mrkdwn(form.success_measure or 'not set')}",
        "*Confidential:* yes — what you say stays between you, and there are no wrong questions.",
    ]
    verb = "updated" if edited else "set"
    return Reply(
        text=sentence(f"Expectations {verb} by {plain_name(saved_by_name, fallback='one of you')}"),
        blocks=(
            SectionBlock(
                text=MarkdownTextObject(
                    text=f":handshake: <@{saved_by}> {verb} your expectations:\n" + "\n".join(lines)
                )
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(text="Either of you can edit them with *Set expectations*.")
                ]
            ),
        ),
    )


def not_a_fit_modal(pair_id: int, partner_id: str) -> View:
    from bot.ui.texts import text

    return View(
        type="modal",
        callback_id=ids.NOT_A_FIT_MODAL,
        private_metadata=pair_metadata(pair_id),
        title="Not a good fit?",
        submit="End pairing",
        close="Keep it",
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"End your pairing with {mention_or(partner_id, 'your partner')}?\n"
                    f"{text('not_a_fit')}"
                )
            ),
            text_box(
                ids.NOT_A_FIT_REASON,
                "Why? Only you see this",
                optional=True,
                max_length=MAX_REASON,
            ),
        ],
    )
