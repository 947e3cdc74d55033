"""Ephemeral replies to `/mentor` commands, as validated Block Kit (pure builders)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core import ids
from bot.domain.catalogue import DirectoryResult, SkillCount, SkillsOverview
from bot.domain.home import PauseState
from bot.domain.records import MemberRecords, SavedOffer, SavedRequest, SavedRequestDetails
from bot.parsing.commands import Invalid
from bot.ui.escape import escape_mrkdwn
from bot.ui.people import clip, plural
from bot.ui.texts import text

MAX_MESSAGE_BLOCKS = 50
MAX_LISTED_PER_KIND = 20  # keeps `list` well inside the 50-block message limit


class ReplyKwargs(TypedDict):
    """A reply as the keyword arguments of `respond`, `chat_postMessage` and webhook sends."""

    text: str
    blocks: list[dict[str, Any]]


@dataclass(frozen=True)
class Reply:
    """What the bot answers: `text` is the notification/fallback, `blocks` the layout."""

    text: str
    blocks: Sequence[Block] = field(default_factory=tuple)

    def to_kwargs(self) -> ReplyKwargs:
        return {"text": self.text, "blocks": [block.to_dict() for block in self.blocks]}


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def footnote(markdown: str) -> ContextBlock:
    """The small grey line under a reply: what happens next, or where to look."""
    return ContextBlock(elements=[MarkdownTextObject(text=markdown)])


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
                    ButtonElement(
                        text="Offer a skill", action_id=ids.OPEN_OFFER_MODAL, value="offer"
                    ),
                    ButtonElement(
                        text="Ask to learn", action_id=ids.OPEN_REQUEST_MODAL, value="request"
                    ),
                    ButtonElement(
                        text="My profile", action_id=ids.OPEN_PROFILE_MODAL, value="profile"
                    ),
                ]
            ),
        ),
    )


def _clip_quotes(problem: str) -> str:
    # The parser quotes what was typed; a long paste is shown only in part.
    return re.sub(r"“([^”]{61,})”", lambda m: f"“{clip(m.group(1), 60)}”", problem)


def invalid_reply(invalid: Invalid) -> Reply:
    problem = escape_mrkdwn(_clip_quotes(invalid.problem))
    suggestion = escape_mrkdwn(invalid.suggestion)
    return Reply(
        text=f"Sorry, {problem}.",
        blocks=(
            _section(f":thinking_face: Sorry, {problem}."),
            footnote(
                "Try `/mentor help`."
                if invalid.suggestion.strip() == "/mentor help"
                else f"Try `{suggestion}`, or `/mentor help` for everything."
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
            footnote(
                "You'll be considered in the next weekly round. "
                "`/mentor list` shows everything you offer and request."
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
            footnote(
                "The next weekly round will look for someone who offers it. "
                "Offer something in return (`/mentor offer …`) for a two-way match."
            ),
        ),
    )


def removed_reply(kind: str, label: str, removed: bool) -> Reply:
    what = "offer to teach" if kind == "offer" else "request to learn"
    if removed:
        message = f"Removed your {what} {_skill(label)}."
        plain = f"Removed your {what} {escape_mrkdwn(label)}."
    else:
        message = f"You have no open {what} {_skill(label)}, so nothing changed."
        plain = f"You have no open {what} {escape_mrkdwn(label)}."
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
        empty="Nothing yet. Try `/mentor offer excel`, with a skill of yours.",
        overflow=max(0, len(records.offers) - MAX_LISTED_PER_KIND),
    )
    requests_text = _bullets(
        requests,
        empty="Nothing yet. Try `/mentor request negotiation`, with what you'd like to learn.",
        overflow=max(0, len(records.requests) - MAX_LISTED_PER_KIND),
    )
    return Reply(
        text=f"You offer {plural(len(records.offers), 'skill')} and ask to learn "
        f"{len(records.requests)}.",
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


# ---------------------------------------------------------------- directory, skills, pausing


def directory_reply(result: DirectoryResult) -> Reply:
    skill = _skill(result.label)
    if not result.entries:
        message = f"Nobody listed in the directory offers {skill} yet."
        if result.unlisted_others:
            who = plural(result.unlisted_others, "person", "people")
            message += (
                f" {who} {'offers' if result.unlisted_others == 1 else 'offer'} it without "
                "being listed, so the weekly round can still pair you."
            )
        message += (
            f"\nAsk to learn it with `/mentor request {escape_mrkdwn(result.label)}` and the "
            "next round looks for a mentor."
        )
        if result.you_offer_unlisted:
            message += "\nYou offer it, but you aren't listed: `/mentor profile` to change that."
        return Reply(text=f"Nobody listed offers {escape_mrkdwn(result.label)} yet.",
                     blocks=(_section(message),))  # fmt: skip
    lines = []
    for entry in result.entries:
        room = "taking new mentees" if entry.taking_mentees else "not taking anyone right now"
        you = " (you)" if entry.is_you else ""
        thanked = f", thanked by {plural(entry.thanked_by, 'learner')}" if entry.thanked_by else ""
        lines.append(f"• <@{entry.slack_user_id}>{you} — level {entry.level} of 5, {room}{thanked}")
    blocks: list[Block] = [_section(f"*People who offer* {skill}\n" + "\n".join(lines))]
    notes = []
    if result.total > len(result.entries):
        notes.append(f"…and {result.total - len(result.entries)} more.")
    if result.you_offer_unlisted:
        notes.append("You offer it too, but aren't listed: `/mentor profile` to change that.")
    notes.append("Only people who chose to be listed appear here.")
    blocks.append(footnote(" ".join(notes)))
    return Reply(
        text=f"{result.total} listed {'person offers' if result.total == 1 else 'people offer'} "
        f"{escape_mrkdwn(result.label)}.",
        blocks=tuple(blocks),
    )


def _counts(skills: Sequence[SkillCount], *, empty: str) -> str:
    if not skills:
        return empty
    return "\n".join(f"• {_skill(s.label)} ({s.count})" for s in skills)


def skills_overview_reply(overview: SkillsOverview) -> Reply:
    return Reply(
        text="What people ask for and offer.",
        blocks=(
            _section(
                "*Most requested*\n"
                + _counts(overview.most_requested, empty="Nobody is waiting to learn anything.")
            ),
            _section(
                "*Most offered*\n"
                + _counts(overview.most_offered, empty="Nobody offers anything yet.")
            ),
            _section(
                "*Asked for, but nobody offers them yet*\n"
                + _counts(
                    overview.requested_not_offered,
                    empty="None: every skill asked for has someone offering it.",
                )
            ),
            footnote(
                "Counts are open requests and current offers. Know one of the "
                "skills nobody offers? Offer it with `/mentor offer` and its name."
            ),
        ),
    )


def paused_reply(state: PauseState) -> Reply:
    if state.until is not None:
        # Slack shows the date in each reader's own time zone.
        fallback = f"{state.until:%A} {state.until.day} {state.until:%B %Y}"
        when = f"until <!date^{int(state.until.timestamp())}^{{date_long}}|{fallback}>"
        after = "You'll be back in the weekly rounds after that by yourself"
    else:
        when = "until you resume"
        after = "Say `/mentor resume` when you're ready"
    message = (
        f":double_vertical_bar: Paused {when}. You won't be matched meanwhile, and your "
        f"offers and requests are kept. {after}."
    )
    plain = f"until {fallback}" if state.until is not None else when
    return Reply(text=f"Paused {plain}.", blocks=(_section(message),))


def resumed_reply(was_paused: bool) -> Reply:
    if not was_paused:
        message = "You weren't paused, so nothing changed: the next weekly round can match you."
    else:
        message = ":arrow_forward: Welcome back! The next weekly round can match you again."
    return Reply(text=message, blocks=(_section(message),))


def request_details_saved_reply(saved: SavedRequestDetails) -> Reply:
    verb = "Added" if saved.created else "Updated"
    message = (
        f":seedling: {verb} your request to learn {_skill(saved.label)}. "
        "The next weekly round will look for someone who offers it."
    )
    return Reply(text=f"{verb} your request to learn {escape_mrkdwn(saved.label)}.",
                 blocks=(_section(message),))  # fmt: skip


def profile_saved_reply() -> Reply:
    message = "Saved your mentoring profile. `/mentor profile` changes it at any time."
    return Reply(text=message, blocks=(_section(message),))


def missing_permission_reply(scope: str) -> Reply:
    """Slack refused a call because the app lacks `scope`: say which, and who can fix it."""
    needed = f"the `{escape_mrkdwn(scope)}` permission" if scope else "a permission it needs"
    message = (
        f":lock: mentorbot couldn't do that: its Slack app is missing {needed}. "
        "A workspace admin can add it to the app (manifest.yml lists every permission "
        "mentorbot uses) and reinstall it; then try again."
    )
    return Reply(text=message, blocks=(_section(message),))


def modal_failed_reply() -> Reply:
    message = (
        "Sorry, Slack didn't let me open the form in time. Please try again; "
        "it usually works the second time."
    )
    return Reply(text=message, blocks=(_section(message),))
