"""The forget-me and partner-left messages: what they say, escaped and within limits."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core import ids
from bot.ui import leaving
from tests.support.hostile import assert_no_injected_markup


def _text(reply) -> str:
    return "\n".join(block.text.text for block in reply.blocks if hasattr(block, "text"))


def test_the_partner_is_told_the_skill_and_date_never_who_or_why():
    notice = leaving.partner_left_notice(
        skill="<!channel> & co", started_at=datetime(2026, 3, 2, tzinfo=UTC), reopened=["Go"]
    )
    words = _text(notice)
    assert "&lt;!channel&gt; &amp; co" in words and "since 2 March 2026" in words
    assert "*Go* is back in the queue" in words
    assert_no_injected_markup([b.to_dict() for b in notice.blocks])


def test_a_mentor_whose_mentee_left_hears_they_can_be_paired_again():
    notice = leaving.partner_left_notice(
        skill="Python", started_at=datetime(2026, 11, 23, tzinfo=UTC), reopened=[]
    )
    assert "The next round can pair you with someone new." in _text(notice)


def test_the_confirmation_lists_only_what_is_kept():
    kept = leaving.KeptAboutYou(offers=2, requests=1, active_pairs=1, profile=True)
    reply = leaving.forget_confirmation(kept)
    words = _text(reply)
    assert "2 offers to teach" in words and "1 request to learn" in words
    assert "note" not in words and "feedback" not in words
    assert "1 active pairing will end" in words
    [actions] = [b for b in reply.blocks if b.type == "actions"]
    assert [e.action_id for e in actions.elements] == [ids.FORGET_ME_CONFIRM, ids.FORGET_ME_CANCEL]
    for block in reply.blocks:
        block.validate_json()


def test_nothing_kept_means_nothing_to_ask():
    assert not leaving.KeptAboutYou().anything
    assert leaving.KeptAboutYou(program_admin=True).anything
    assert "nothing to delete" in _text(leaving.nothing_to_forget())


def test_what_pairings_built_up_is_counted_with_plurals_right():
    ones = leaving.KeptAboutYou(goals=1, level_ratings=1, log_entries=1, action_items=1,
                                thanks=1, fit_answers=1, meeting_times=1)  # fmt: skip
    words = _text(leaving.forget_confirmation(ones))
    for line in ("1 goal set in your pairings, with its progress",
                 "1 skill-level rating from", "1 learning-log entry from",
                 "1 action item in those entries", "1 first-meeting time, with its reminder",
                 "1 thank-you you sent or received",
                 "1 private answer about how a pairing fit"):  # fmt: skip
        assert line in words, line
    many = leaving.KeptAboutYou(goals=6, level_ratings=4, log_entries=3, action_items=2,
                                thanks=5, fit_answers=4, meeting_times=2)  # fmt: skip
    words = _text(leaving.forget_confirmation(many))
    for line in ("6 goals set in your pairings, with their progress",
                 "4 skill-level ratings", "3 learning-log entries", "2 action items",
                 "2 first-meeting times, with their reminders", "5 thank-yous",
                 "4 private answers"):  # fmt: skip
        assert line in words, line
    # Only what there is: no line at all for a kind with nothing in it.
    some = _text(leaving.forget_confirmation(leaving.KeptAboutYou(thanks=2)))
    assert "goal" not in some and "log" not in some and "fit" not in some
    assert "first-meeting" not in some and "2 thank-yous" in some
    for kind in ("goals", "level_ratings", "log_entries", "action_items", "thanks",
                 "fit_answers", "meeting_times"):  # fmt: skip
        assert leaving.KeptAboutYou(**{kind: 1}).anything, kind
