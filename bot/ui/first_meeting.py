"""The first-meeting modal (day and time), and the note both people get."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk.models.blocks import (
    DateTimePickerElement,
    InputBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.ui.expectations import pair_metadata
from bot.ui.people import mention_or
from bot.ui.replies import Reply


def meeting_time(moment: datetime) -> str:
    """A day and time Slack shows in each reader's own time zone (UTC in the fallback)."""
    fallback = f"{moment.astimezone(UTC):%d %B %Y at %H:%M} UTC"
    return f"<!date^{int(moment.timestamp())}^{{date_long_pretty}} at {{time}}|{fallback}>"


def first_meeting_modal(pair_id: int, partner_id: str, current: datetime | None) -> View:
    """Asks when the first meeting is; the picker works in the person's own time zone."""
    partner = mention_or(partner_id, "your partner")
    return View(
        type="modal",
        callback_id=ids.FIRST_MEETING_MODAL,
        private_metadata=pair_metadata(pair_id),
        title="First meeting",
        submit="Save",
        close="Cancel",
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=f"When do you meet {partner}? I'll let them know, and the next "
                    "check-in waits until after it."
                )
            ),
            InputBlock(
                block_id=ids.FIRST_MEETING_AT,
                label="Day and time (your time zone)",
                element=DateTimePickerElement(
                    action_id=ids.FIRST_MEETING_AT,
                    initial_date_time=int(current.timestamp()) if current else None,
                ),
            ),
        ],
    )


def first_meeting_message(*, set_by: str, partner: str, at: datetime, moved: bool) -> Reply:
    """Told to both in their group message: who set it, and when, in each reader's zone."""
    who, other = mention_or(set_by, "Your partner"), mention_or(partner, "you")
    verb = "moved your first meeting to" if moved else "put your first meeting on the calendar:"
    words = (
        f":calendar: {who} {verb} *{meeting_time(at)}* (shown in your own time zone). "
        f"{other}, if that doesn't suit you, say so here. The next check-in comes after it."
    )
    plain = "Your first meeting has moved." if moved else "Your first meeting is on the calendar."
    return Reply(text=plain, blocks=(SectionBlock(text=MarkdownTextObject(text=words)),))


def first_meeting_saved(at: datetime) -> str:
    return f":calendar: Saved: {meeting_time(at)}. Your partner has been told. Enjoy it!"
