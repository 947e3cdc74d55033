"""The App Home tab (pure builder)."""

from __future__ import annotations

from slack_sdk.models.blocks import DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.services.records import MemberRecords
from bot.ui.replies import records_reply
from bot.ui.texts import text


def home_view(records: MemberRecords | None) -> View:
    """The person's dashboard; a welcome for someone who hasn't offered or asked yet."""
    blocks = [
        HeaderBlock(text="Mentoring"),
        SectionBlock(text=MarkdownTextObject(text=text("help"))),
        DividerBlock(),
    ]
    if records is not None:
        blocks.extend(records_reply(records).blocks)
    return View(type="home", blocks=blocks)
