"""Replies for find, skills, pause and resume: valid Block Kit, escaped user text."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.domain.catalogue import DirectoryEntry, DirectoryResult, SkillCount, SkillsOverview
from bot.domain.home import PauseState
from bot.domain.records import SavedRequestDetails
from bot.ui import replies
from tests.support.blockkit import check_message

HOSTILE = "<!channel> & <@U123> <https://evil|click>"


def every_reply():
    entries = [DirectoryEntry(f"U{i}", HOSTILE, 5, i % 2 == 0, i == 0) for i in range(20)]
    yield replies.directory_reply(DirectoryResult(HOSTILE, entries, 500, True))
    yield replies.directory_reply(DirectoryResult(HOSTILE, [], 0, True))
    many = [SkillCount(HOSTILE, 10**6)] * 10
    yield replies.skills_overview_reply(SkillsOverview(many, many, many))
    yield replies.skills_overview_reply(SkillsOverview([], [], []))
    yield replies.paused_reply(PauseState(True, datetime(2026, 12, 15, tzinfo=UTC)))
    yield replies.paused_reply(PauseState(True, None))
    yield replies.resumed_reply(True)
    yield replies.resumed_reply(False)
    yield replies.request_details_saved_reply(SavedRequestDetails(HOSTILE, True))
    yield replies.profile_saved_reply()
    yield replies.modal_failed_reply()
    yield replies.help_reply()


def test_replies_are_valid_and_escape_user_text():
    for reply in every_reply():
        payload = reply.to_kwargs()
        check_message(payload)
        dumped = json.dumps(payload)
        assert "<!channel>" not in dumped and "<@U123>" not in dumped


def test_directory_reply_marks_you_and_counts_the_rest():
    entries = [
        DirectoryEntry("U1", "Ada", 4, True, True),
        DirectoryEntry("U2", "Bo", 2, False, False),
    ]
    text = json.dumps(
        replies.directory_reply(DirectoryResult("Python", entries, 25, False)).to_kwargs()
    )
    assert "<@U1> (you) \\u2014 level 4 of 5, taking new mentees" in text
    assert "<@U2> \\u2014 level 2 of 5, not taking anyone right now" in text
    assert "and 23 more" in text


def test_paused_reply_says_until_when():
    reply = replies.paused_reply(PauseState(True, datetime(2026, 12, 15, 8, tzinfo=UTC)))
    assert "until Tuesday 15 December 2026" in reply.text
