"""Sample surfaces of approve before send and of a new workspace's setup, for the gallery:
the approval DM and what it becomes, the reminder, the Send answers, and App Home before
setup and with a round waiting; and the same DM for a program's round, which names the
program and has no preview."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.domain.program_settings import NextRound
from bot.domain.round_approval import AlreadySent, ApprovalDraft, NoLongerWaiting, Sent
from bot.domain.round_preview import RoundOutcome
from bot.ui import round_approval as approval_ui
from bot.ui.replies import Reply

ZONE = "Europe/London"
DRAFT = ApprovalDraft(
    period="2026-W49",
    at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
    timezone=ZONE,
    pairs=12,
    served=17,
    unserved=3,
    circles=1,
)
PROGRAM_DRAFT = replace(
    DRAFT,
    period="program=3:2026-W49",
    program="Leaders learn AI",
    pairs=4,
    served=4,
    unserved=1,
    circles=0,
)
SENT_AT = datetime(2026, 11, 30, 10, 12, tzinfo=UTC)
OUTCOME = RoundOutcome(period="2026-W49", pairs=12, unmatched_people=3, summary={}, circles=1)


def approval_messages() -> list[tuple[str, Reply]]:
    """(title, message) of each approval DM and edit an admin can see."""
    return [
        ("Round waiting for approval (DM)", approval_ui.approval_message(DRAFT)),
        (
            "Round waiting, replacing one nobody sent (DM)",
            approval_ui.approval_message(
                replace(DRAFT, replaces=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
            ),
        ),
        ("The one reminder, a day later (DM)", approval_ui.reminder_message(DRAFT)),
        (
            "Approval DM once sent (edited in place)",
            approval_ui.sent_message(DRAFT, OUTCOME, by="U0PRIYA", at=SENT_AT),
        ),
        (
            "Approval DM once replaced (edited in place)",
            approval_ui.replaced_message(
                replace(DRAFT, period="2026-W48", at=datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
                newer_at=DRAFT.at,
            ),
        ),
        ("Program round waiting for approval (DM)", approval_ui.approval_message(PROGRAM_DRAFT)),
        (
            "Program round's reminder, a day later (DM)",
            approval_ui.reminder_message(PROGRAM_DRAFT),
        ),
        (
            "Program round's approval DM once sent (edited in place)",
            approval_ui.sent_message(
                PROGRAM_DRAFT, replace(OUTCOME, pairs=4, circles=0), by="U0PRIYA", at=SENT_AT
            ),
        ),
        (
            "Program round's approval DM once the program ended (edited in place)",
            approval_ui.ended_message(PROGRAM_DRAFT),
        ),
    ]


def send_answers() -> list[tuple[str, str]]:
    """(title, words) of each answer to a Send click."""
    results = (
        ("Send: sent", Sent(OUTCOME, by="U0PRIYA", at=SENT_AT)),
        ("Send: another admin was first", AlreadySent("U0SAM", SENT_AT)),
        ("Send: replaced meanwhile", NoLongerWaiting("2026-W48")),
        (
            "Send: a program's round no longer waiting",
            NoLongerWaiting("program=3:2026-W48", program="Leaders learn AI"),
        ),
    )
    return [(title, approval_ui.send_result_text(result, ZONE)) for title, result in results]


def waiting_for_setup(upcoming: NextRound) -> NextRound:
    return replace(upcoming, waiting_for_setup=True)


def awaiting_approval(upcoming: NextRound) -> NextRound:
    return replace(upcoming, due_now=True, awaiting_approval=True)
