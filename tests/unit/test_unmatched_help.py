"""What the "no match" DM suggests for each reason the engine gives."""

from __future__ import annotations

import pytest

from bot.matching import UnservedReason
from bot.matching.reasons import unserved_text
from bot.ui.unmatched import UnmatchedSkill, invite_line, unmatched_message, what_would_help
from tests.support.blockkit import check_call
from tests.support.copy_check import check_copy


def item(reason: UnservedReason, label: str = "Rust", **extra) -> UnmatchedSkill:
    return UnmatchedSkill(label, reason, unserved_text(reason, label), 3, 2, **extra)


@pytest.mark.parametrize(
    ("reason", "extra", "says", "recruits"),
    [
        (UnservedReason.NO_OFFER, {}, "3rd most requested skill here (2 people are waiting)", True),
        (UnservedReason.PAUSED, {}, "`/mentor resume`", False),
        (UnservedReason.CAPACITY, {}, "You keep your place", True),
        (UnservedReason.TIMEZONE, {"max_tz_gap_hours": 1}, "(at most 1 hour apart)", True),
        (UnservedReason.TIMEZONE, {"max_tz_gap_hours": 4.5}, "(at most 4.5 hours apart)", True),
        (UnservedReason.TIMEZONE, {}, "your Slack profile", True),
        (UnservedReason.COOLDOWN, {"cooldown_weeks": 26}, "waits 26 weeks", True),
        (UnservedReason.COOLDOWN, {"cooldown_weeks": 1}, "waits 1 week before", True),
        (UnservedReason.BLOCKED, {}, "Someone new offering it would change that.", True),
    ],
)
def test_each_reason_says_what_would_help(reason, extra, says, recruits) -> None:
    chosen = item(reason, **extra)
    assert says in what_would_help(chosen)
    invite = invite_line([chosen])
    assert (invite is not None) is recruits
    if recruits:
        assert "`/mentor offer Rust`" in invite
    message = unmatched_message([chosen])
    params = {
        "channel": "D1",
        "text": message.text,
        "blocks": [b.to_dict() for b in message.blocks],
    }
    check_call("chat.postMessage", params)
    check_copy("chat.postMessage", params)


def test_blocked_never_hints_that_someone_asked_not_to_be_paired() -> None:
    words = what_would_help(item(UnservedReason.BLOCKED)).lower()
    assert not any(w in words for w in ("block", "fit", "asked", "declin", "again"))


def test_several_skills_share_one_invite_naming_each() -> None:
    items = [item(UnservedReason.CAPACITY, "Go"), item(UnservedReason.NO_OFFER, "A&B"),
             item(UnservedReason.PAUSED, "Excel")]  # fmt: skip
    assert invite_line(items) == (
        ":bulb: Know someone who could teach Go or A&amp;B? "
        "Ask them to try `/mentor offer` with the skill."
    )
