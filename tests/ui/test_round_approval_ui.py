"""The approval DMs for a program's round: they name the program (escaped), offer Send
only, and validate as Block Kit with clean copy; the workspace's round reads as before."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from bot.core import ids
from bot.domain.round_approval import ApprovalDraft, NoLongerWaiting
from bot.domain.round_preview import RoundOutcome
from bot.ui import round_approval as approval_ui
from bot.ui.replies import Reply
from tests.support.blockkit import check_call
from tests.support.copy_check import check_copy

DRAFT = ApprovalDraft(
    period="2026-W49",
    at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
    timezone="Europe/London",
    pairs=2,
    served=2,
    unserved=1,
)
PROGRAM = replace(DRAFT, period="program=3:2026-W49", program="R&D <leads>")
OUTCOME = RoundOutcome(period=PROGRAM.period, pairs=2, unmatched_people=1, summary={})


def _payload(reply: Reply) -> dict[str, object]:
    return {
        "channel": "D1",
        "text": reply.text,
        "blocks": [block.to_dict() for block in reply.blocks or ()],
    }


def _action_ids(reply: Reply) -> set[str]:
    found: set[str] = set()
    for block in _payload(reply)["blocks"]:  # type: ignore[attr-defined]
        for element in block.get("elements", []):
            if "action_id" in element:
                found.add(element["action_id"])
    return found


def test_every_program_dm_validates_names_the_program_and_escapes_it() -> None:
    replies = [
        approval_ui.approval_message(PROGRAM),
        approval_ui.approval_message(
            replace(PROGRAM, replaces=datetime(2026, 11, 23, 9, tzinfo=UTC))
        ),
        approval_ui.reminder_message(PROGRAM),
        approval_ui.sent_message(PROGRAM, OUTCOME, by="U0PRIYA", at=PROGRAM.at),
        approval_ui.replaced_message(PROGRAM, newer_at=PROGRAM.at),
        approval_ui.ended_message(PROGRAM),
    ]
    for reply in replies:
        payload = _payload(reply)
        check_call("chat.postMessage", payload)
        blocks = json.dumps(payload["blocks"])
        assert "R&amp;D &lt;leads&gt;: the round of Monday 30 November" in blocks
        assert "<leads>" not in blocks
        # Slack reads notification text as mrkdwn too, and shows the escaped name as typed.
        assert reply.text.startswith("R&amp;D &lt;leads&gt;: the round of Monday 30 November")


def test_a_programs_draft_offers_send_only_and_says_there_is_no_preview() -> None:
    for reply in (approval_ui.approval_message(PROGRAM), approval_ui.reminder_message(PROGRAM)):
        assert _action_ids(reply) == {ids.ADMIN_APPROVAL_SEND}
        assert "have no preview" in json.dumps(_payload(reply))
    for reply in (approval_ui.approval_message(DRAFT), approval_ui.reminder_message(DRAFT)):
        assert _action_ids(reply) == {ids.ADMIN_OPEN_PREVIEW, ids.ADMIN_APPROVAL_SEND}
        assert reply.text.startswith("The round of Monday 30 November")


def test_the_program_draft_copy_reads_right() -> None:
    named = replace(PROGRAM, program="Leaders learn AI")
    for reply in (
        approval_ui.approval_message(named),
        approval_ui.ended_message(named),
        approval_ui.replaced_message(named, newer_at=named.at),
    ):
        check_copy("chat.postMessage", _payload(reply))
    words = approval_ui.send_result_text(NoLongerWaiting(named.period, "Leaders learn AI"), "UTC")
    assert words.startswith("This round of Leaders learn AI is no longer waiting")


def test_the_counts_name_circles_beside_pairs_with_plurals() -> None:
    def counts(**changes: int) -> str:
        reply = approval_ui.approval_message(replace(DRAFT, **changes))
        check_call("chat.postMessage", _payload(reply))
        return json.dumps(_payload(reply))

    both = counts(pairs=12, circles=1, served=17, unserved=3)
    assert "12 pairs and 1 circle, serving 17 requests; 3 requests can't be served yet." in both
    assert "is ready with 12 pairs and 1 circle." in both
    only = counts(pairs=0, circles=2, served=7, unserved=0)
    assert "2 circles, serving 7 requests; every open request is served." in only
    assert "No pairs this time" not in only
    assert "No pairs this time: 1 request can't be served yet." in counts(pairs=0, served=0)
