"""The DMs asking admins to approve a round, and what they become once it is decided
(pure builders: counts in, blocks out; admins see counts only)."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
)

from bot.core import ids
from bot.domain.round_approval import (
    AlreadySent,
    ApprovalDraft,
    NoLongerWaiting,
    SendResult,
    Sent,
)
from bot.domain.round_preview import RoundOutcome
from bot.ui.admin_common import local_time_text, section
from bot.ui.escape import escape_mrkdwn
from bot.ui.people import plural
from bot.ui.replies import Reply, footnote

SHAPING_NOTE = (
    "Lock, drop, swap or add pairs in the preview and Re-solve: *Send* makes the round the "
    "preview shows. Anyone who left, paused or filled up meanwhile is left out when it is sent."
)
PROGRAM_NOTE = (
    "Programs' rounds have no preview: *Send* makes the round from the people taking part at "
    "that moment. Anyone who paused or filled up meanwhile is left out, and whoever joined the "
    "program since takes part."
)


def _when(draft: ApprovalDraft) -> str:
    return local_time_text(draft.at, draft.timezone)


def _the_round(draft: ApprovalDraft) -> str:
    """ "The round of Monday…", or, for a program's, "Leaders learn AI: the round of Monday…"
    (escaped in notification text too: Slack reads it as mrkdwn)."""
    if draft.program is None:
        return f"The round of {_when(draft)}"
    return f"{escape_mrkdwn(draft.program)}: the round of {_when(draft)}"


def _shaping_note(draft: ApprovalDraft) -> str:
    return SHAPING_NOTE if draft.program is None else PROGRAM_NOTE


def _pairs_and_circles(pairs: int, circles: int) -> str:
    """ "12 pairs", "12 pairs and 2 circles", "1 circle"; empty when there are none."""
    parts = [plural(pairs, "pair")] if pairs else []
    if circles:
        parts.append(plural(circles, "circle"))
    return " and ".join(parts)


def _draft_makes(draft: ApprovalDraft) -> str:
    return _pairs_and_circles(draft.pairs, draft.circles)


def _counts(draft: ApprovalDraft) -> str:
    waiting = f"{plural(draft.unserved, 'request')} can't be served yet"
    if not _draft_makes(draft):
        if not draft.unserved:
            return "No open requests, so no pairs this time."
        return f"No pairs this time: {waiting}."
    if not draft.unserved:
        waiting = "every open request is served"
    return f"{_draft_makes(draft)}, serving {plural(draft.served, 'request')}; {waiting}."


def _pairs_count(draft: ApprovalDraft) -> str:
    """For notification text: "12 pairs", "12 pairs and 1 circle", or "no pairs"."""
    return _draft_makes(draft) or "no pairs"


def waiting_text(draft: ApprovalDraft) -> str:
    """One line for App Home: which round waits, and what it would do."""
    return f"*{_the_round(draft)}* waits for an admin to *Send* it.\n{_counts(draft)}"


def _buttons(draft: ApprovalDraft) -> ActionsBlock:
    preview = [
        ButtonElement(text="Open preview", action_id=ids.ADMIN_OPEN_PREVIEW, value=draft.period)
    ]
    return ActionsBlock(
        block_id="round_approval_actions",
        elements=[
            *(preview if draft.program is None else []),
            send_button(draft.period),
        ],
    )


def send_button(period: str) -> ButtonElement:
    """Send a round that waits for approval, after a confirmation (DM and App Home)."""
    return ButtonElement(
        text="Send",
        action_id=ids.ADMIN_APPROVAL_SEND,
        value=period,
        style="primary",
        confirm=ConfirmObject(
            title="Send this round?",
            text="People are paired and their intros go out right away.",
            confirm="Send",
            deny="Cancel",
        ),
    )


def approval_message(draft: ApprovalDraft) -> Reply:
    """To each admin when a round is ready: nothing goes to anyone until one of them sends it."""
    blocks: list[Block] = [
        section(
            f":inbox_tray: *{_the_round(draft)} is ready for your approval.*\n"
            f"{_counts(draft)}\nNobody has been messaged: intros go out when an admin "
            "clicks *Send*."
        ),
    ]
    if draft.replaces is not None and draft.program is not None:
        blocks.append(
            footnote(
                f"It replaces the program's round of "
                f"{local_time_text(draft.replaces, draft.timezone)}, which nobody sent."
            )
        )
    elif draft.replaces is not None:
        blocks.append(
            footnote(
                f"It replaces the round of {local_time_text(draft.replaces, draft.timezone)}, "
                "which nobody sent; the locks and drops made on that one carry over."
            )
        )
    blocks += [_buttons(draft), footnote(_shaping_note(draft))]
    return Reply(
        text=f"{_the_round(draft)} is ready with {_pairs_count(draft)}. "
        "Nothing goes out until an admin sends it.",
        blocks=tuple(blocks),
    )


def reminder_message(draft: ApprovalDraft) -> Reply:
    """The one reminder, a day later; there is never a second."""
    return Reply(
        text=f"{_the_round(draft)} is still waiting for an admin to send it.",
        blocks=(
            section(
                f":alarm_clock: *{_the_round(draft)} is still waiting for an admin to "
                f"send it.*\n{_counts(draft)}\nNobody has been messaged yet. This is the only "
                "reminder."
            ),
            _buttons(draft),
            footnote(_shaping_note(draft)),
        ),
    )


def _made(outcome: RoundOutcome) -> str:
    made = _pairs_and_circles(outcome.pairs, outcome.circles)
    if not made:
        return "nobody could be paired this time, so no intros went out"
    return f"{made} made; intros are on their way"


def sent_message(draft: ApprovalDraft, outcome: RoundOutcome, *, by: str, at: datetime) -> Reply:
    """What the approval DMs become once an admin sent the round."""
    words = (
        f":white_check_mark: *{_the_round(draft)} was sent* by <@{by}> on "
        f"{local_time_text(at, draft.timezone)}: {_made(outcome)}."
    )
    return Reply(text=f"{_the_round(draft)} was sent.", blocks=(section(words),))


def replaced_message(draft: ApprovalDraft, *, newer_at: datetime) -> Reply:
    """What the DMs of a draft nobody sent become when the next round replaces it."""
    newer = local_time_text(newer_at, draft.timezone)
    if draft.program is None:
        rest = f"The round of {newer} replaces it, with the same locks and drops"
    else:
        rest = f"The program's round of {newer} replaces it"
    words = (
        f":fast_forward: *{_the_round(draft)} was never sent.* {rest}; its own message asks "
        "for your approval."
    )
    return Reply(text=f"{_the_round(draft)} was replaced.", blocks=(section(words),))


def ended_message(draft: ApprovalDraft) -> Reply:
    """What the DMs of a program's draft nobody sent become when the program ends."""
    words = (
        f":checkered_flag: *{_the_round(draft)} was never sent.* The program has ended, so "
        "it won't go out, and no more of its rounds will."
    )
    return Reply(
        text=f"{_the_round(draft)} was never sent: the program has ended.",
        blocks=(section(words),),
    )


def send_result_text(result: SendResult, timezone: str) -> str:
    """The answer to an admin's Send click."""
    if isinstance(result, Sent):
        return f":white_check_mark: Sent: {_made(result.outcome)}."
    if isinstance(result, AlreadySent):
        if result.by is not None and result.at is not None:
            return (
                f"This round was already sent by <@{result.by}> on "
                f"{local_time_text(result.at, timezone)}, so nothing more went out."
            )
        return "This round has already run, so nothing more went out."
    assert isinstance(result, NoLongerWaiting)
    if result.program is not None:
        return (
            f"This round of {escape_mrkdwn(result.program)} is no longer waiting to be sent "
            "(a later round of the program replaced it, or the program has ended), so "
            "nothing went out."
        )
    return (
        "This round is no longer waiting to be sent (a later round replaced it, or the "
        "schedule changed), so nothing went out. App Home shows the next round."
    )
