"""The pair's learning log: the "Log a session" button and modal, the entry posted to the
pair, open action items on a check-in, `/mentor log` and its Markdown export (pure)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    MarkdownTextObject,
    Option,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.domain.learning_log import ActionItem, LoggedSession
from bot.parsing.log_forms import (
    MAX_ACTION,
    MAX_COVERED,
    MAX_LEARNED,
    OWNER_MENTEE,
    OWNER_MENTOR,
)
from bot.ui.escape import escape_mrkdwn
from bot.ui.fields import select_box, text_box
from bot.ui.people import clip, mention_or, plain_name, plural
from bot.ui.replies import Reply

MAX_SECTION_TEXT = 3000
# `/mentor log` shows the newest entries; the export holds them all.
MAX_LISTED_ENTRIES = 10
MAX_LISTED_ECHO = 200  # characters of each field in the list
MAX_ITEMS_ON_CHECKIN = 5
PRIVACY_NOTE = "Only the two of you see this log; admins never do."


# The Markdown export of `/mentor log export`, sent as a file to the person's own DM.
EXPORT_TITLE = "My learning log"
EXPORT_COMMENT = "Your learning log, as Markdown. Only you received this file."


def _day(moment: datetime) -> str:
    """A date Slack shows in each reader's own time zone (with a plain fallback)."""
    fallback = f"{moment.day} {moment:%b %Y}"
    return f"<!date^{int(moment.timestamp())}^{{date_short}}|{fallback}>"


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def shown(words: str, room: int) -> str:
    """`words` escaped for mrkdwn and clipped so the escaped text fits in `room`."""
    limit = len(words)
    escaped = escape_mrkdwn(words)
    while len(escaped) > room and limit > 1:
        limit = max(1, min(limit - 1, limit * room // len(escaped)))
        escaped = escape_mrkdwn(clip(words, limit))
    return escaped


def log_session_button(pair_id: int) -> ButtonElement:
    return ButtonElement(text="Log a session", action_id=ids.LOG_SESSION, value=str(pair_id))


def log_session_actions(pair_id: int) -> ActionsBlock:
    """The button on its own, for places whose section already has an accessory."""
    return ActionsBlock(block_id=f"log_session_{pair_id}", elements=[log_session_button(pair_id)])


def log_session_modal(*, pair_id: int, mentor_name: str, mentee_name: str) -> View:
    """What we covered; one thing each person learned (named); an action item and owner."""
    mentor = plain_name(mentor_name, fallback="The mentor")
    mentee = plain_name(mentee_name, fallback="The learner")
    owners = [
        Option(value=OWNER_MENTOR, label=clip(mentor, 75)),
        Option(value=OWNER_MENTEE, label=clip(mentee, 75)),
    ]
    return View(
        type="modal",
        callback_id=ids.LOG_SESSION_MODAL,
        private_metadata=json.dumps({"pair": pair_id}),
        title="Log a session",
        submit="Save",
        close="Cancel",
        blocks=[
            _section(
                "The entry goes into the thread of your intro, in your group message. "
                + PRIVACY_NOTE
            ),
            text_box(ids.LOG_COVERED, "What we covered", max_length=MAX_COVERED),
            text_box(
                ids.LOG_MENTOR_LEARNED,
                clip(f"One thing {mentor} learned", 150),
                max_length=MAX_LEARNED,
                optional=True,
            ),
            text_box(
                ids.LOG_MENTEE_LEARNED,
                clip(f"One thing {mentee} learned", 150),
                max_length=MAX_LEARNED,
                optional=True,
            ),
            text_box(
                ids.LOG_ACTION_ITEM,
                "An action item",
                max_length=MAX_ACTION,
                optional=True,
                hint="It comes up at your next check-in until it is marked done.",
            ),
            select_box(
                ids.LOG_ACTION_OWNER,
                "Who does it",
                owners,
                initial=None,
                optional=True,
                placeholder="Choose one of you",
            ),
        ],
    )


def entry_message(
    *,
    author: str,
    covered: str,
    learned: Sequence[tuple[str, str]],
    action_item: str | None,
    action_owner: str | None,
) -> Reply:
    """The entry as the pair sees it in their group message; `learned` is (Slack id, words)."""
    who = mention_or(author, "One of you")
    blocks: list[Block] = [
        _section(f":notebook: {who} logged a session."),
        _section(f"*What we covered*\n{shown(covered, MAX_SECTION_TEXT - 40)}"),
    ]
    for user_id, words in learned:
        person = mention_or(user_id, "One of you")
        blocks.append(_section(f"*What {person} learned*\n{shown(words, MAX_SECTION_TEXT - 60)}"))
    if action_item:
        owner = mention_or(action_owner, "one of you")
        blocks.append(
            _section(
                f"*Action item* for {owner}\n{shown(action_item, MAX_SECTION_TEXT - 60)}\n"
                "_It comes up at your next check-in until it is marked done._"
            )
        )
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=PRIVACY_NOTE)]))
    return Reply(text="A session was logged in your learning log.", blocks=tuple(blocks))


def action_items_blocks(items: Sequence[ActionItem]) -> list[Block]:
    """Open action items for a check-in, each with a button to mark it done."""
    if not items:
        return []
    blocks: list[Block] = [_section(":pushpin: *Open action items from your log*")]
    for item in items[:MAX_ITEMS_ON_CHECKIN]:
        owner = mention_or(item.owner, "one of you")
        blocks.append(
            SectionBlock(
                text=MarkdownTextObject(text=f"{shown(item.text, 2800)} ({owner})"),
                accessory=ButtonElement(
                    text="Mark done", action_id=ids.LOG_ACTION_DONE, value=str(item.entry_id)
                ),
            )
        )
    hidden = len(items) - MAX_ITEMS_ON_CHECKIN
    if hidden > 0:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text=f"And {plural(hidden, 'older item')}: `/mentor log` lists them all."
                    )
                ]
            )
        )
    return blocks


def action_done_message(*, done_by: str, action_item: str) -> Reply:
    who = mention_or(done_by, "One of you")
    words = f":white_check_mark: {who} marked an action item done: {shown(action_item, 2800)}"
    return Reply(text="An action item was marked done.", blocks=(_section(words),))


def action_done_reply(*, changed: bool) -> Reply:
    words = (
        "Marked done. It won't come up at check-ins again."
        if changed
        else "That action item was already marked done."
    )
    return Reply(text=words, blocks=(_section(words),))


def _entry_line(entry: LoggedSession) -> str:
    partner = mention_or(entry.partner_id, escape_mrkdwn(plain_name(entry.partner_name)))
    lines = [
        f"*{_day(entry.logged_at)}* · {shown(entry.skills, 200)} with {partner}",
        f"_Covered:_ {shown(clip(entry.covered, MAX_LISTED_ECHO), 1000)}",
    ]
    for line in entry.learned:
        person = mention_or(line.user_id, escape_mrkdwn(plain_name(line.name)))
        lines.append(f"_{person} learned:_ {shown(clip(line.learned, MAX_LISTED_ECHO), 1000)}")
    if entry.action_item:
        owner = mention_or(entry.action_owner_id, "one of you")
        state = "done" if entry.action_done else "open"
        action = shown(clip(entry.action_item, MAX_LISTED_ECHO), 1000)
        lines.append(f"_Action ({state}, {owner}):_ {action}")
    return "\n".join(lines)


def log_list_reply(entries: Sequence[LoggedSession]) -> Reply:
    """`/mentor log`: the newest entries of the person's own log, across pairings."""
    if not entries:
        words = (
            "Your learning log is empty. After a session, press *Log a session* on a "
            "check-in or on your pairing in App Home."
        )
        return Reply(text=words, blocks=(_section(words),))
    listed = entries[:MAX_LISTED_ENTRIES]
    blocks: list[Block] = [
        _section(f":notebook: *Your learning log* ({plural(len(entries), 'entry', 'entries')})")
    ]
    blocks += [_section(_entry_line(entry)) for entry in listed]
    more = len(entries) - len(listed)
    older = plural(more, "older entry", "older entries")
    tail = f"Showing the {len(listed)} newest; {older} in the export. " if more > 0 else ""
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text=f"{tail}`/mentor log export` sends the whole log as a Markdown file. "
                    "Only you and your partners see these entries."
                )
            ]
        )
    )
    return Reply(
        text=f"Your learning log: {plural(len(entries), 'entry', 'entries')}.", blocks=tuple(blocks)
    )


def export_sent_reply(count: int) -> Reply:
    entries = plural(count, "entry", "entries")
    words = (
        f":inbox_tray: Your learning log ({entries}) is on its way to your direct messages "
        "as a Markdown file."
    )
    return Reply(text=words, blocks=(_section(words),))


def export_empty_reply() -> Reply:
    words = "Your learning log is empty, so there is nothing to export yet."
    return Reply(text=words, blocks=(_section(words),))


def _quoted(words: str) -> str:
    """Markdown that keeps the person's line breaks inside a list item."""
    return "\n  ".join(words.splitlines())


def log_markdown(entries: Sequence[LoggedSession]) -> str:
    """The whole log as a Markdown document, oldest entry first."""
    out = ["# My learning log", ""]
    for entry in sorted(entries, key=lambda e: (e.logged_at, e.entry_id)):
        day = entry.logged_at.astimezone(UTC).strftime("%d %B %Y")
        partner = plain_name(entry.partner_name)
        out += [f"## {day}: {entry.skills} with {partner}", ""]
        out.append(f"- **Covered:** {_quoted(entry.covered)}")
        for line in entry.learned:
            out.append(
                f"- **{plain_name(line.name, fallback='Your partner')} learned:** "
                f"{_quoted(line.learned)}"
            )
        if entry.action_item:
            owner = plain_name(entry.action_owner_name, fallback="one of you")
            state = "done" if entry.action_done else "open"
            out.append(f"- **Action item** ({owner}, {state}): {_quoted(entry.action_item)}")
        out.append("")
    return "\n".join(out)
