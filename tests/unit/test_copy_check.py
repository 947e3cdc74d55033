"""The copy check finds each kind of mistake the issue lists, and leaves good copy alone."""

from __future__ import annotations

import pytest

from tests.support.copy_check import check_copy, handles_of, problems_in
from tests.support.fake_slack import Call


@pytest.mark.parametrize(
    ("text", "mrkdwn", "found"),
    [
        ("You offer 1 and request 1 skills.", True, "plural after 1"),
        ("*1 requests unserved*", True, "plural after 1"),
        ("1 people told why", True, "plural after 1"),
        ("Last 1 rounds", True, "plural after 1"),
        ("You can mentor up to 2 person at once.", True, "singular after 2"),
        ("Expectations set by U0ALICE.", True, "raw user id"),
        ("Try `/mentor find <skill>`", True, "placeholder"),
        ("{mentor} offers Python", True, "placeholder"),
        ("Try `/mentor help`, or `/mentor help`.", True, "the same suggestion twice"),
        ("Why? (optional, only you see it) (optional)", False, "optional twice"),
        ("Run `/mentor list`", False, "backticks in plain text"),
        ("Agree these with bob.", True, "handle 'bob'"),
    ],
)
def test_each_mistake_is_found(text: str, mrkdwn: bool, found: str) -> None:
    problems = problems_in(text, mrkdwn=mrkdwn, handles={"bob": "Bob Okafor"})
    assert any(found in problem for problem in problems), problems


@pytest.mark.parametrize(
    "text",
    [
        "You offer 1 skill and ask to learn 2.",
        "Agree these with <@U0BOB>; times are in UTC.",
        "Nobody offers it yet: 1 offers it, 3 want to learn it.",
        "Your note: &lt;@U123&gt; is shown as you typed it.",
        "Open since <!date^1796287142^{date_short}|3 Dec 2026>, level 1 of 5.",
        "Bob Okafor will share Python with Alice.",
        "Sorry, I don't know the command “U0 1 requests”.",  # what was typed, shown back
    ],
)
def test_good_copy_passes(text: str) -> None:
    assert problems_in(text, mrkdwn=True, handles={"bob": "Bob Okafor"}) == []


def test_a_failure_shows_the_payload() -> None:
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "Set by U0ALICE"}}
    with pytest.raises(AssertionError, match=r"(?s)U0ALICE.*payload:"):
        check_copy("chat.postMessage", {"text": "Hi", "blocks": [section]})


def test_handles_come_from_users_info_answers() -> None:
    user = {"name": "bob", "profile": {"display_name": "", "real_name": "Bob Okafor"}}
    call = Call("users.info", {}, None, {}, 0.0, response={"ok": True, "user": user})
    same = {"name": "ada", "profile": {"display_name": "ada"}}
    other = Call("users.info", {}, None, {}, 0.0, response={"ok": True, "user": same})
    assert handles_of([call, other]) == {"bob": "Bob Okafor"}
