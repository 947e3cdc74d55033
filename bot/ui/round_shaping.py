"""Shaping the next round in the preview (pure builders): each pair's menu, the draft's
pending changes, the swap list, the add-pair form and the before/after of a re-solve."""

from __future__ import annotations

import json
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextInputElement,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.domain.round_preview import RoundPreview
from bot.domain.round_shaping import DiffPair, PendingChange, ShapeDiff, SwapChoice
from bot.ui.admin_common import section
from bot.ui.escape import escape_mrkdwn
from bot.ui.people import plural, reason_line

MAX_SECTION = 3000
DIFF_LINES = 15  # lines shown per list of the before/after; the rest are counted

LOCK, DROP, SWAP = "lock", "drop", "swap"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_SECTION else text[: MAX_SECTION - 1] + "…"


def pair_menu(mentor: str, mentee: str) -> OverflowMenuElement:
    """Lock, Drop and Swap for the pair whose main direction is mentor → mentee."""
    return OverflowMenuElement(
        action_id=ids.ADMIN_SHAPE_PAIR,
        options=[
            Option(text="Lock this pair", value=f"{LOCK}|{mentor}|{mentee}"),
            Option(text="Drop this pair", value=f"{DROP}|{mentor}|{mentee}"),
            Option(text="Swap the mentor…", value=f"{SWAP}|{mentor}|{mentee}"),
        ],
    )


def pending_line(change: PendingChange) -> str:
    mentor, mentee = f"<@{change.mentor}>", f"<@{change.mentee}>"
    if change.kind == LOCK:
        skill = escape_mrkdwn(change.skill or "")
        return f":lock: {mentor} teaches {mentee} {skill}"
    return f":no_entry_sign: {mentor} won't mentor {mentee}"


def shaping_blocks(preview: RoundPreview) -> list[Block]:
    """What the admins changed so far, and the Add pair and Re-solve buttons."""
    blocks: list[Block] = []
    if preview.pending:
        lines = "\n".join(pending_line(change) for change in preview.pending)
        blocks.append(
            section(
                _clip(
                    f"*{plural(len(preview.pending), 'change')} waiting for Re-solve* "
                    f"(not in the pairs below yet):\n{lines}"
                )
            )
        )
    if preview.shaped:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"{plural(preview.shaped, 'admin change')} "
                        "(locks and drops) shaped these pairs; the rest is solved exactly."
                    )
                ]
            )
        )
    blocks.append(
        ActionsBlock(
            block_id="admin_shape_actions",
            elements=[
                ButtonElement(text="Add pair", action_id=ids.ADMIN_SHAPE_ADD, value="add"),
                ButtonElement(
                    text="Re-solve",
                    action_id=ids.ADMIN_SHAPE_RESOLVE,
                    value="resolve",
                    style="primary" if preview.pending else None,
                ),
            ],
        )
    )
    return blocks


def _back_button() -> ActionsBlock:
    return ActionsBlock(
        block_id="admin_shape_back",
        elements=[
            ButtonElement(text="Back to the preview", action_id=ids.ADMIN_SHAPE_BACK, value="back")
        ],
    )


def pick_value(choice: SwapChoice, mentor: str, skill: str) -> str:
    return json.dumps({"p": choice.period, "m": mentor, "e": choice.mentee, "s": skill})


def swap_view(choice: SwapChoice, *, note: str | None = None) -> View:
    """The best other mentors for one learner; choosing one locks that pair."""
    mentee = f"<@{choice.mentee}>"
    blocks: list[Block] = []
    if note:
        blocks.append(section(f":warning: {escape_mrkdwn(note)}"))
    blocks.append(
        section(
            f"Other mentors for {mentee} this round, best first (now <@{choice.mentor}>). "
            "Choosing one locks that pair; *Re-solve* then pairs everyone else around it."
        )
    )
    for option in choice.options:
        mentor = f"<@{option.mentor}>"
        reasons = "\n".join(
            f"• {reason_line(r, mentor=mentor, mentee=mentee)}" for r in option.reasons
        )
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(
                    text=_clip(
                        f"*{mentor}* · {escape_mrkdwn(option.skill_label)} · "
                        f"score {option.score}\n{reasons}"
                    )
                ),
                accessory=ButtonElement(
                    text="Choose",
                    action_id=ids.ADMIN_SHAPE_PICK,
                    value=pick_value(choice, option.mentor, option.skill),
                ),
            )
        )
    if not choice.options:
        blocks.append(
            section(
                "Nobody else can mentor them this round: everyone who offers what they asked "
                "for is fully booked, paired with them recently, too far away in time, "
                "locked elsewhere or dropped."
            )
        )
    blocks.append(_back_button())
    return View(
        type="modal",
        callback_id=ids.ADMIN_SWAP_MODAL,
        title="Swap the mentor",
        close="Close",
        blocks=blocks,
    )


def add_pair_modal(preview_view_id: str) -> View:
    """Pick two people and a skill; the pair is checked when the form is sent."""
    return View(
        type="modal",
        callback_id=ids.ADMIN_ADD_PAIR_MODAL,
        private_metadata=json.dumps({"preview_view": preview_view_id}),
        title="Add a pair",
        submit="Add pair",
        close="Back",
        blocks=[
            InputBlock(
                block_id=ids.ADMIN_ADD_MENTOR,
                label="Mentor",
                element=UserSelectElement(action_id=ids.ADMIN_ADD_MENTOR),
            ),
            InputBlock(
                block_id=ids.ADMIN_ADD_MENTEE,
                label="Learner",
                element=UserSelectElement(action_id=ids.ADMIN_ADD_MENTEE),
            ),
            InputBlock(
                block_id=ids.ADMIN_ADD_SKILL,
                label="Skill",
                hint="One the mentor offers and the learner asked to learn.",
                element=PlainTextInputElement(action_id=ids.ADMIN_ADD_SKILL, max_length=80),
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="The pair is locked for this round if every check a pair passes "
                        "allows it; *Re-solve* then pairs everyone else around it."
                    )
                ]
            ),
        ],
    )


def refusal_text(problems: Sequence[str]) -> str:
    """Why a change was not made, for a field error or a note (at most 2000 characters)."""
    text = " ".join(problems)
    return text if len(text) <= 1990 else text[:1989] + "…"


def _diff_line(pair: DiffPair) -> str:
    return (
        f"<@{pair.mentor}> teaches <@{pair.mentee}> {escape_mrkdwn(pair.skill)} "
        f"(score {pair.score})"
    )


def _listing(title: str, lines: Sequence[str]) -> str:
    shown = "\n".join(lines[:DIFF_LINES])
    more = len(lines) - DIFF_LINES
    tail = f"\n…and {more} more" if more > 0 else ""
    return _clip(f"*{title} ({len(lines)})*\n{shown}{tail}")


def diff_summary(diff: ShapeDiff) -> str:
    change = diff.score_after - diff.score_before
    sign = "+" if change >= 0 else "−"
    return (
        f"*Served:* {diff.served_before} → {diff.served_after} · "
        f"*total score:* {diff.score_before} → {diff.score_after} ({sign}{abs(change)})\n"
        f"{plural(diff.locks, 'lock')} kept, {plural(diff.drops, 'drop')} forbidden; "
        "everyone else is paired by the exact engine, with its proof."
    )


def resolved_view(diff: ShapeDiff) -> View:
    """The round after a re-solve, against the round before it."""
    blocks: list[Block] = [section(diff_summary(diff))]
    if diff.locks_left_out:
        blocks.append(
            section(
                f":warning: {plural(diff.locks_left_out, 'lock')} could no longer be kept "
                "(someone paused, left or filled up) and was left out."
            )
        )
    if diff.unchanged:
        blocks.append(section("The pairs are the same as before."))
    if diff.added:
        blocks.append(section(_listing("Pairs added", [_diff_line(p) for p in diff.added])))
    if diff.removed:
        blocks.append(section(_listing("Pairs removed", [_diff_line(p) for p in diff.removed])))
    if diff.changed:
        lines = [f"{_diff_line(a)} → now {_diff_line(b)}" for a, b in diff.changed]
        blocks.append(section(_listing("Pairs changed", lines)))
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Nothing has been sent. The preview now shows these pairs; "
                    "*Run now* there makes them."
                )
            ]
        )
    )
    blocks.append(_back_button())
    return View(
        type="modal",
        callback_id=ids.ADMIN_RESOLVED_MODAL,
        title="Re-solved",
        close="Close",
        blocks=blocks,
    )
