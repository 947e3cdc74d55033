"""The DM to someone whose open request found no mentor this round: why, and what helps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.matching import UnservedReason
from bot.ui.escape import escape_mrkdwn
from bot.ui.people import plural
from bot.ui.replies import Reply


@dataclass(frozen=True, slots=True)
class UnmatchedSkill:
    skill: str  # the label people see
    reason: UnservedReason
    reason_text: str  # the engine's sentence
    demand_rank: int  # 1 = the most requested skill in the workspace
    demand: int  # open requests for it
    # The program's settings the reasons refer to, when known.
    cooldown_weeks: int | None = None
    max_tz_gap_hours: float | None = None


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# Reasons another mentor would fix: the message ends by asking who could teach those skills.
_MORE_MENTORS_HELP = frozenset(
    {
        UnservedReason.NO_OFFER,
        UnservedReason.CAPACITY,
        UnservedReason.TIMEZONE,
        UnservedReason.COOLDOWN,
        UnservedReason.BLOCKED,
    }
)


def what_would_help(item: UnmatchedSkill) -> str:
    """The next step for this reason: what the person can do, or what changes it by itself.

    Never says more than the reason does: for `blocked` it must not reveal that anyone
    asked not to be paired with them again.
    """
    if item.reason == UnservedReason.NO_OFFER:
        if item.demand > 1:
            where = (
                "the most requested skill"
                if item.demand_rank == 1
                else f"the {ordinal(item.demand_rank)} most requested skill"
            )
            return f"It is {where} here ({item.demand} people are waiting)."
        return "You are the first to ask for it."
    if item.reason == UnservedReason.PAUSED:
        return "Send `/mentor resume` when you're ready and you'll be in the next round."
    if item.reason == UnservedReason.CAPACITY:
        return (
            "You keep your place, and a waiting request ranks higher in the next round; "
            "one more mentor would shorten the wait."
        )
    if item.reason == UnservedReason.TIMEZONE:
        hours = item.max_tz_gap_hours
        limit = (
            f" (at most {'1 hour' if hours == 1 else f'{hours:g} hours'} apart)"
            if hours is not None
            else ""
        )
        return (
            f"Pairs here must be close enough in time zones to meet in working hours{limit}. "
            "I read your time zone from your Slack profile, so check it is right there."
        )
    if item.reason == UnservedReason.COOLDOWN:
        wait = plural(item.cooldown_weeks, "week") if item.cooldown_weeks else "a while"
        return (
            f"The program waits {wait} before pairing the same two people again; "
            "someone new would be sooner."
        )
    if item.reason == UnservedReason.BLOCKED:
        return "Someone new offering it would change that."
    return "Your request stays in the queue for the next rounds."


def invite_line(items: Sequence[UnmatchedSkill]) -> str | None:
    """One closing ask, for the skills one more mentor would unblock (None for none)."""
    skills = [escape_mrkdwn(i.skill) for i in items if i.reason in _MORE_MENTORS_HELP]
    if not skills:
        return None
    if len(skills) == 1:
        return (
            f":bulb: Know someone who could teach {skills[0]}? "
            f"Ask them to try `/mentor offer {skills[0]}`."
        )
    listed = ", ".join(skills[:-1]) + f" or {skills[-1]}"
    return (
        f":bulb: Know someone who could teach {listed}? "
        "Ask them to try `/mentor offer` with the skill."
    )


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
                    + (f"\n{invite}" if (invite := invite_line(items)) else "")
                )
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=(
                            "Your requests stay open"
                            if len(items) > 1
                            else "Your request stays open"
                        )
                        + " for the next round. "
                        "`/mentor list` shows what you offer and ask for."
                    )
                ]
            ),
        ),
    )
