"""Wording shared by the admin views: dates, the next round, refusals (pure)."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.core import ids
from bot.cycle.schedule import Cadence, zone
from bot.domain.program_settings import NextRound

CADENCE_WORDS = {
    Cadence.WEEKLY: "every week",
    Cadence.EVERY_TWO_WEEKS: "every two weeks",
    Cadence.MONTHLY: "on the first of its weekday each month",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

REFUSAL = (
    ":lock: Sorry, only program admins can do that. Workspace owners and admins are program "
    "admins, and a program admin can add you with `/mentor admin add @you`."
)


def pair_kinds(*, two_way: int, reverse: int) -> str:
    """ " (5 two-way, 2 reverse)", naming only the kinds there are; "" for neither."""
    kinds = [f"{two_way} two-way"] if two_way else []
    kinds += [f"{reverse} reverse"] if reverse else []
    return f" ({', '.join(kinds)})" if kinds else ""


def section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def local_time_text(at: datetime, timezone: str) -> str:
    """ "Monday 30 November at 09:00 (Europe/London)"."""
    local = at.astimezone(zone(timezone))
    return f"{WEEKDAYS[local.weekday()]} {local.day} {local:%B} at {local:%H:%M} ({timezone})"


def next_round_text(upcoming: NextRound) -> str:
    if upcoming.waiting_for_setup:
        first = local_time_text(upcoming.at, upcoming.timezone)
        return (
            "*Rounds haven't started yet.* No round runs until an admin saves the settings "
            f"or clicks *Start rounds*; the first one would then be {first}."
        )
    if upcoming.awaiting_approval:
        ready = local_time_text(upcoming.at, upcoming.timezone)
        return (
            f"*Next round:* ready since {ready} and waiting for an admin to *Send* it; "
            "nobody has been messaged."
        )
    if upcoming.due_now:
        when = "due now — it starts within a minute"
    else:
        when = local_time_text(upcoming.at, upcoming.timezone)
    words = f"*Next round:* {when}; rounds run {CADENCE_WORDS[upcoming.cadence]}."
    if upcoming.skipped:
        names = ", ".join(local_time_text(o.at, upcoming.timezone) for o in upcoming.skipped)
        words += f"\n:fast_forward: Skipped: {names}."
    return words


def notice_view(title: str, words: str) -> View:
    """A small modal with one message and a Close button."""
    return View(
        type="modal",
        callback_id=ids.ADMIN_NOTICE_MODAL,
        title=title,
        close="Close",
        blocks=[section(words)],
    )


def refusal_view() -> View:
    return notice_view("Program admins only", REFUSAL)
