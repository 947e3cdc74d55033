"""The round preview modal: totals, then the pairs and unserved requests a page at a time
(pure builders). A modal holds at most 100 blocks, so long rounds are paged."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.domain.round_preview import (
    AlreadyRan,
    Changed,
    Direction,
    PreviewCircle,
    PreviewPair,
    PreviewUnserved,
    Ran,
    RoundPreview,
    RunResult,
    Skipped,
)
from bot.matching import UnservedReason
from bot.ui.admin_common import next_round_text, notice_view, pair_kinds, section
from bot.ui.escape import escape_mrkdwn
from bot.ui.people import plural, reason_line
from bot.ui.round_shaping import pair_menu, shaping_blocks

PAGE_SIZE = 20  # items per page: one section each, far inside the 100-block limit
MAX_SECTION = 3000

# Our own words for admins; deliberately vague about people who said "not a good fit".
REASON_WORDS = {
    UnservedReason.NO_OFFER: "nobody offers the skill",
    UnservedReason.CAPACITY: "every mentor is fully booked",
    UnservedReason.TIMEZONE: "mentors are outside the time-zone limit",
    UnservedReason.COOLDOWN: "paired with every mentor too recently",
    UnservedReason.BLOCKED: "no eligible mentor this round",
    UnservedReason.PAUSED: "the person asking is paused or away",
}


def _clip(text: str) -> str:
    return text if len(text) <= MAX_SECTION else text[: MAX_SECTION - 1] + "…"


def _direction_lines(direction: Direction) -> str:
    mentor, mentee = f"<@{direction.mentor}>", f"<@{direction.mentee}>"
    reasons = "; ".join(
        reason_line(reason, mentor=mentor, mentee=mentee) for reason in direction.reasons
    )
    return f"_{escape_mrkdwn(direction.skill)}_: {reasons}" if reasons else ""


def pair_text(pair: PreviewPair) -> str:
    main, back = pair.main, pair.back
    tags = [
        tag
        for tag, on in (
            ("locked", pair.locked),
            ("two-way", pair.two_way),
            ("reverse", pair.reverse),
        )
        if on
    ]
    tag_text = f" · {', '.join(tags)}" if tags else ""
    if back is not None:
        head = (
            f"*<@{main.mentor}> and <@{main.mentee}>* teach each other "
            f"{escape_mrkdwn(main.skill)} and {escape_mrkdwn(back.skill)}"
        )
    else:
        head = f"*<@{main.mentor}>* teaches *<@{main.mentee}>* {escape_mrkdwn(main.skill)}"
    lines = [f":handshake: {head}{tag_text}", _direction_lines(main)]
    if back is not None:
        lines.append(_direction_lines(back))
    return _clip("\n".join(line for line in lines if line))


def circle_text(circle: PreviewCircle) -> str:
    learners = ", ".join(f"<@{learner}>" for learner in circle.learners)
    skill = escape_mrkdwn(circle.skill)
    if circle.mentor is None:
        return f":busts_in_silhouette: Peer circle on {skill}: {learners}"
    return f":busts_in_silhouette: *<@{circle.mentor}>* leads a {skill} circle: {learners}"


def unserved_text(item: PreviewUnserved) -> str:
    return (
        f":hourglass_flowing_sand: <@{item.person}> asked to learn {escape_mrkdwn(item.skill)}: "
        f"not served, {REASON_WORDS[item.reason]}"
    )


def totals_text(preview: RoundPreview) -> str:
    by_reason = preview.unserved_by_reason()
    if not preview.unserved:
        unserved = "Every open request is served."
    elif len(by_reason) == 1:
        (reason,) = by_reason
        unserved = (
            f"*{plural(len(preview.unserved), 'request')} not served:* {REASON_WORDS[reason]}."
        )
    else:
        reasons = "; ".join(
            f"{REASON_WORDS[reason]} ({count})" for reason, count in sorted(by_reason.items())
        )
        unserved = f"*{plural(len(preview.unserved), 'request')} not served:* {reasons}."
    circles = f" and *{plural(len(preview.circles), 'circle')}*" if preview.circles else ""
    return (
        f"*{plural(len(preview.pairs), 'pair')}*"
        f"{pair_kinds(two_way=preview.two_way, reverse=preview.reverse)}{circles} serving "
        f"{preview.served} of "
        f"{plural(preview.open_requests, 'open request')} from "
        f"{plural(preview.participants, 'person', 'people')}.\n{unserved}"
    )


def page_count(preview: RoundPreview) -> int:
    items = len(preview.pairs) + len(preview.circles) + len(preview.unserved)
    return max(1, -(-items // PAGE_SIZE))


def _items(preview: RoundPreview, page: int, *, shaping: bool) -> list[Block]:
    blocks: list[Block] = [
        pair_section(p) if shaping else section(pair_text(p)) for p in preview.pairs
    ]
    blocks += [section(circle_text(c)) for c in preview.circles]
    blocks += [section(unserved_text(u)) for u in preview.unserved]
    return blocks[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]


def pair_section(pair: PreviewPair) -> SectionBlock:
    """A pair with its menu: Lock, Drop, Swap…"""
    return SectionBlock(
        text=MarkdownTextObject(text=pair_text(pair)),
        accessory=pair_menu(pair.main.mentor, pair.main.mentee),
    )


def preview_metadata(preview: RoundPreview, page: int) -> str:
    return json.dumps({"period": preview.period, "fingerprint": preview.fingerprint, "page": page})


def page_of(metadata: Mapping[str, Any], preview: RoundPreview, step: int) -> int:
    try:
        page = int(metadata.get("page", 0)) + step
    except (TypeError, ValueError):
        page = 0
    return min(max(0, page), page_count(preview) - 1)


def preview_modal(preview: RoundPreview, page: int = 0, *, note: str | None = None) -> View:
    pages = page_count(preview)
    page = min(max(0, page), pages - 1)
    skipped = any(o.key == preview.period for o in preview.upcoming.skipped)
    blocks: list[Block] = []
    if note:
        blocks.append(section(f":warning: {note}"))
    blocks += [section(next_round_text(preview.upcoming)), section(totals_text(preview))]
    if not skipped:
        blocks += shaping_blocks(preview)
    if not preview.optimal:
        blocks.append(
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="The solver hit its time limit: these pairs are very good but "
                        "may not be the best possible."
                    )
                ]
            )
        )
    blocks.append(DividerBlock())
    items = _items(preview, page, shaping=not skipped)
    blocks += items
    if not items:
        blocks.append(section("Nobody is waiting for a mentor right now."))
    if pages > 1:
        buttons = []
        if page > 0:
            buttons.append(
                ButtonElement(
                    text="Previous page", action_id=ids.ADMIN_PREVIEW_PREVIOUS, value="-1"
                )
            )
        if page < pages - 1:
            buttons.append(
                ButtonElement(text="Next page", action_id=ids.ADMIN_PREVIEW_NEXT, value="1")
            )
        blocks.append(
            ContextBlock(elements=[MarkdownTextObject(text=f"Page {page + 1} of {pages}")])
        )
        blocks.append(ActionsBlock(block_id="admin_preview_pages", elements=buttons))
    waiting = preview.upcoming.awaiting_approval
    blocks.append(
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Nothing has been sent. "
                    + ("*Send*" if waiting else "*Run now*")
                    + " makes exactly these pairs, unless someone changes their offers or "
                    "requests first."
                )
            ]
        )
    )
    return View(
        type="modal",
        callback_id=ids.ADMIN_PREVIEW_MODAL,
        private_metadata=preview_metadata(preview, page),
        title="Next round preview",
        submit=None if skipped else ("Send" if waiting else "Run now"),
        close="Close",
        blocks=blocks,
    )


def confirm_run_view(preview_metadata: str) -> View:
    """Asked before Run now from the preview, as the App Home button asks."""
    return View(
        type="modal",
        callback_id=ids.ADMIN_RUN_CONFIRM_MODAL,
        private_metadata=preview_metadata,
        title="Run the round now?",
        submit="Run now",
        close="Back",
        blocks=[
            section(
                "People are paired and their intros go out right away. Exactly the pairs you "
                "previewed are made; if anyone's offers or requests changed meanwhile, you get "
                "the fresh preview instead and nothing runs."
            )
        ],
    )


def running_view(period: str) -> View:
    return notice_view("Running the round", ":hourglass: Running the round…")


def run_result_text(result: RunResult) -> str:
    if isinstance(result, Ran):
        outcome = result.outcome
        made = bool(outcome.pairs or outcome.circles)
        told = (
            f"; {plural(outcome.unmatched_people, 'person', 'people')} told why they weren't "
            "matched yet"
            if outcome.unmatched_people
            else ""
        )
        return (
            ":white_check_mark: The round ran: "
            + (
                f"{plural(outcome.pairs, 'pair')} made"
                + (f" and {plural(outcome.circles, 'circle')} formed" if outcome.circles else "")
                if made
                else "nobody could be paired this time"
            )
            + f"{told}."
            + (" Intros are on their way." if made else "")
        )
    if isinstance(result, Skipped):
        return ":fast_forward: This round is skipped. Undo the skip in App Home to run it."
    if isinstance(result, AlreadyRan):
        return (
            "This round has already run (or is no longer the next one), so nothing new was "
            "sent. *Preview next round* in App Home, or `/mentor admin preview`, shows what "
            "the next one would do."
        )
    assert isinstance(result, Changed)
    return "Offers or requests changed since your preview, so nothing ran yet."


def run_result_view(result: RunResult) -> View:
    if isinstance(result, Changed):
        return preview_modal(
            result.preview,
            note="Offers or requests changed since your preview. Here is the new one; "
            "press Run now again to go ahead.",
        )
    return notice_view("Next round", run_result_text(result))
