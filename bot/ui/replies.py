"""Ephemeral replies to `/mentor` commands, as validated Block Kit (pure builders)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot import ids
from bot.commands import Invalid
from bot.services.records import MemberRecords, SavedOffer, SavedRequest
from bot.ui.escape import escape_mrkdwn
from bot.ui.texts import text

MAX_MESSAGE_BLOCKS = 50
MAX_LISTED_PER_KIND = 20  # keeps `list` well inside the 50-block message limit


@dataclass(frozen=True)
class Reply:
    """What the bot answers: `text` is the notification/fallback, `blocks` the layout."""

    text: str
    blocks: Sequence[Block] = field(default_factory=tuple)

    def to_kwargs(self) -> dict[str, object]:
        return {"text": self.text, "blocks": [block.to_dict() for block in self.blocks]}


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def _skill(label: str) -> str:
    return f"*{escape_mrkdwn(label)}*"


def help_reply() -> Reply:
    return Reply(
        text="Here is what mentorbot can do for you.",
        blocks=(
            _section(text("help")),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="My offers and requests", action_id=ids.SHOW_MY_LIST, value="list"
                    ),
                ]
            ),
        ),
    )


def invalid_reply(invalid: Invalid) -> Reply:
    problem = escape_mrkdwn(invalid.problem)
    suggestion = escape_mrkdwn(invalid.suggestion)
    return Reply(
        text=f"Sorry, {problem}.",
        blocks=(
            _section(f":thinking_face: Sorry, {problem}."),
            ContextBlock(
                elements=[MarkdownTextObject(text=f"Try `{suggestion}`, or `/mentor help`.")]
            ),
        ),
    )


def refusal_reply(reason: str) -> Reply:
    return Reply(text=escape_mrkdwn(reason), blocks=(_section(escape_mrkdwn(reason)),))


def offers_saved_reply(saved: Sequence[SavedOffer]) -> Reply:
    lines = []
    for offer in saved:
        verb = "Updated" if offer.existed else "Added"
        lines.append(f"• {verb}: {_skill(offer.label)} at level {offer.level} of 5")
    body = "\n".join(lines)
    return Reply(
        text=f"Thanks! You now offer {escape_mrkdwn(', '.join(o.label for o in saved))}.",
        blocks=(
            _section(f":raised_hands: Thanks for offering to teach!\n{body}"),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="You'll be considered in the next weekly round. "
                        "`/mentor list` shows everything you offer and request."
                    )
                ]
            ),
        ),
    )


def requests_saved_reply(saved: Sequence[SavedRequest]) -> Reply:
    lines = []
    for request in saved:
        state = "Already waiting" if request.existed else "Added"
        lines.append(f"• {state}: {_skill(request.label)}")
    body = "\n".join(lines)
    return Reply(
        text=f"Got it: you'd like to learn {escape_mrkdwn(', '.join(r.label for r in saved))}.",
        blocks=(
            _section(f":seedling: Got it — you'd like to learn:\n{body}"),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="The next weekly round will look for someone who offers it. "
                        "Offer something in return (`/mentor offer …`) for a two-way match."
                    )
                ]
            ),
        ),
    )


def removed_reply(kind: str, label: str, removed: bool) -> Reply:
    what = "offer" if kind == "offer" else "request"
    if removed:
        message = f"Removed your {what} of {_skill(label)}."
        plain = f"Removed your {what} of {escape_mrkdwn(label)}."
    else:
        message = f"You have no open {what} of {_skill(label)}, so nothing changed."
        plain = f"You have no open {what} of {escape_mrkdwn(label)}."
    return Reply(text=plain, blocks=(_section(message),))


def _bullets(lines: Sequence[str], *, empty: str, overflow: int) -> str:
    if not lines:
        return empty
    shown = "\n".join(f"• {line}" for line in lines)
    if overflow:
        shown += f"\n…and {overflow} more"
    return shown


def records_reply(records: MemberRecords) -> Reply:
    offers = [
        f"{_skill(offer.label)} — level {offer.level}"
        for offer in records.offers[:MAX_LISTED_PER_KIND]
    ]
    requests = [
        f"{_skill(request.label)} — {request.status_text}"
        for request in records.requests[:MAX_LISTED_PER_KIND]
    ]
    offers_text = _bullets(
        offers,
        empty="Nothing yet — try `/mentor offer <skill>`.",
        overflow=max(0, len(records.offers) - MAX_LISTED_PER_KIND),
    )
    requests_text = _bullets(
        requests,
        empty="Nothing yet — try `/mentor request <skill>`.",
        overflow=max(0, len(records.requests) - MAX_LISTED_PER_KIND),
    )
    return Reply(
        text=f"You offer {len(records.offers)} and request {len(records.requests)} skills.",
        blocks=(
            _section(f"*You can teach*\n{offers_text}"),
            _section(f"*You want to learn*\n{requests_text}"),
        ),
    )


def error_reply() -> Reply:
    return Reply(
        text="Sorry, something went wrong on our side.",
        blocks=(
            _section(
                ":warning: Sorry, something went wrong on our side. "
                "Please try again in a minute; if it keeps happening, tell your program admin."
            ),
        ),
    )
