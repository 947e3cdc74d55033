"""Hostile text through `/mentor`: never a 500 or an error, never a mention, broadcast or
link in what we send back (replies, App Home), and over-long input gets a clear "no".

The fake_slack fixture also checks every payload for broadcasts and Block Kit limits.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from bot.parsing.commands import MAX_COMMAND_LENGTH
from tests.e2e.helpers import command_answer, visible_text
from tests.support.hostile import (
    HOSTILE_TEXTS,
    LONG,
    assert_no_injected_markup,
    hostile_commands,
    hostile_text,
)

CASES = list(hostile_commands())
SOMETHING_WENT_WRONG = "something went wrong"


def answered_safely(slack, fake_slack, text: str) -> dict:
    reply = command_answer(slack, fake_slack, text)
    shown = visible_text(reply)
    assert shown.strip(), "an empty answer"
    assert SOMETHING_WENT_WRONG not in shown, f"the app failed on {text[:80]!r}"
    assert_no_injected_markup(reply)
    return reply


@pytest.mark.parametrize("text", [text for _id, text in CASES], ids=[i for i, _t in CASES])
def test_hostile_command_text_is_answered_without_markup(slack, fake_slack, text):
    fake_slack.add_user("U1")
    answered_safely(slack, fake_slack, text)


def test_what_was_stored_from_hostile_text_is_shown_safely_later(slack, fake_slack):
    """Text accepted as a skill comes back in `list` and App Home: still inert."""
    fake_slack.add_user("U1")
    for text in HOSTILE_TEXTS.values():
        if len(text) < 200:
            answered_safely(slack, fake_slack, f"offer {text}")
            answered_safely(slack, fake_slack, f"request {text}")
    listed = answered_safely(slack, fake_slack, "list")
    assert "You can teach" in visible_text(listed)
    home = {"type": "app_home_opened", "user": "U1", "tab": "home", "event_ts": "1.0"}
    assert slack.event(home).status == 200
    published = fake_slack.wait_for("views.publish")[0]
    assert_no_injected_markup(published.params)


@pytest.mark.parametrize("text", [v for v in HOSTILE_TEXTS.values() if len(v) >= LONG // 2])
def test_over_long_input_is_refused_with_a_clear_message(slack, fake_slack, settle, text):
    fake_slack.add_user("U1")
    reply = answered_safely(slack, fake_slack, f"offer {text}")
    shown = visible_text(reply)
    assert "too long" in shown and str(MAX_COMMAND_LENGTH) in shown
    settle()
    assert fake_slack.calls_to("users.info") == []  # refused before anything was looked up


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=hostile_text)
@pytest.mark.typed_text_echoed
def test_any_command_text_gets_a_safe_answer(slack, fake_slack, text):
    fake_slack.add_user("U1")
    answered_safely(slack, fake_slack, text)
