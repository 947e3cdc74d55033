"""The DM to someone whose open request found no mentor this round: why, and what helps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.matching import UnservedReason
from bot.ui.escape import escape_mrkdwn
from bot.ui.replies import Reply


@dataclass(frozen=True, slots=True)
class UnmatchedSkill:
    skill: str  # the label people see
    reason: UnservedReason
    reason_text: str  # the engine's sentence
    demand_rank: int  # 1 = the most requested skill in the workspace
    demand: int  # open requests for it


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def what_would_help(item: UnmatchedSkill) -> str:
    skill = escape_mrkdwn(item.skill)
    if item.reason == UnservedReason.NO_OFFER:
        if item.demand > 1:
            where = (
                "the most requested skill"
                if item.demand_rank == 1
                else f"the {ordinal(item.demand_rank)} most requested skill"
            )
            demand = f"It is {where} here ({item.demand} people are waiting)"
        else:
            demand = "You are the first to ask for it"
        # The reason already said that nobody offers it; this says what would change that.
        return (
            f"{demand}. Know someone who could teach it? Ask them to try `/mentor offer {skill}`."
        )
    if item.reason == UnservedReason.PAUSED:
        return "Send `/mentor resume` when you're ready and you'll be in the next round."
    if item.reason == UnservedReason.CAPACITY:
        return (
            "You keep your place: the longer you wait, the higher your request ranks "
            "in the next round."
        )
    if item.reason == UnservedReason.TIMEZONE:
        return (
            "Your program limits how far apart time zones can be; as more people offer "
            f"{skill}, someone closer may turn up."
        )
    if item.reason == UnservedReason.COOLDOWN:
        return (
            "You'll be able to pair with them again after a while; new people may offer it sooner."
        )
    return "We'll keep looking in the next rounds."


def unmatched_message(items: Sequence[UnmatchedSkill]) -> Reply:
    lines = [
        f"• *{escape_mrkdwn(item.skill)}*: {escape_mrkdwn(item.reason_text)} "
        + what_would_help(item)
        for item in items
    ]
    return Reply(
        text="No match for you this round — here's why, and what would help.",
        blocks=(
            SectionBlock(
                text=MarkdownTextObject(
                    text=":hourglass_flowing_sand: No match for you in this round.\n"
                    + "\n".join(lines)
                )
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="Your request stays open for the next round. "
                        "`/mentor list` shows what you offer and ask for."
                    )
                ]
            ),
        ),
    )
