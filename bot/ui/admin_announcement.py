"""The message announcing a round in the program's channel (pure builder).

By default it gives counts only; who is paired with whom appears only when an admin
turned that on, and even then never anyone's goals or reasons.
"""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.ui.admin_common import pair_kinds
from bot.ui.escape import escape_mrkdwn
from bot.ui.replies import Reply

MAX_NAMED_PER_SECTION = 25
MAX_NAMED = 200  # 8 sections: the message stays far inside 50 blocks


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def announcement_message(
    *,
    pairs: int,
    two_way: int,
    reverse: int,
    still_waiting: int,
    named: Sequence[tuple[str, str, str]] = (),
) -> Reply:
    """`named`: (mentor id, mentee id, skill label) when the admin chose to name pairs."""
    headline = (
        f":seedling: This round of mentoring made {_plural(pairs, 'new pair', 'new pairs')}"
        f"{pair_kinds(two_way=two_way, reverse=reverse)}."
    )
    waiting = (
        f"{_plural(still_waiting, 'request is', 'requests are')} still waiting for a mentor: "
        "know one of the skills? Offer it with `/mentor offer` and its name."
        if still_waiting
        else "Every open request found a mentor."
    )
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=f"{headline}\n{waiting}"))]
    shown = list(named[:MAX_NAMED])
    for start in range(0, len(shown), MAX_NAMED_PER_SECTION):
        lines = [
            f"• <@{mentor}> and <@{mentee}>: {escape_mrkdwn(skill)}"
            for mentor, mentee, skill in shown[start : start + MAX_NAMED_PER_SECTION]
        ]
        blocks.append(SectionBlock(text=MarkdownTextObject(text="\n".join(lines))))
    if len(named) > MAX_NAMED:
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=f"…and {len(named) - MAX_NAMED} more pairs.")]
            )
        )
    return Reply(text=f"{headline} {waiting}", blocks=tuple(blocks))
