"""The DM to someone a round left out because their Slack status says they are away."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.ui.replies import Reply


def _zone(name: str | None) -> tzinfo:
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def day_text(moment: datetime, *, tz: str | None, now: datetime) -> str:
    """'12 June' in the reader's time zone, with the year when it isn't this year's."""
    local, today = moment.astimezone(_zone(tz)), now.astimezone(_zone(tz))
    # Built by hand: strftime has no portable day-of-month without a leading zero.
    day = f"{local.day} {local:%B}"
    return day if local.year == today.year else f"{day} {local.year}"


def away_skipped_message(
    *, until: datetime, until_known: bool, tz: str | None, now: datetime
) -> Reply:
    """Why this round skipped the person, and when they are matched again."""
    day = day_text(until, tz=tz, now=now)
    if until_known:
        words = f":palm_tree: You're away until {day}, so we left you out of this round."
        after = "You'll be in the first round after that, with everything you asked for kept."
    else:
        words = ":palm_tree: Your Slack status says you're away, so we left you out of this round."
        after = (
            "Your status has no end date, so we'll leave you out for one week, until "
            f"{day}. Set an expiry on your status to tell us exactly when you're back."
        )
    return Reply(
        text=words.removeprefix(":palm_tree: "),
        blocks=(
            SectionBlock(text=MarkdownTextObject(text=words)),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"{after} If you're in a pairing, its check-ins wait for you "
                        "too, and any you miss while away don't count against it."
                    )
                ]
            ),
        ),
    )
