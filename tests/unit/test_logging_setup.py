"""Log formatting: context fields as key=value on one line, tokens redacted, job lines."""

from __future__ import annotations

import logging

import pytest

from bot.core.logging_setup import ContextFormatter, job_log, redact_tokens
from bot.listeners.shared.describe import describe_action


def formatted(record: logging.LogRecord) -> str:
    return ContextFormatter("%(levelname)s %(message)s").format(record)


def record(message: str, **extra: object) -> logging.LogRecord:
    made = logging.LogRecord("t", logging.INFO, __file__, 1, message, None, None)
    made.__dict__.update(extra)
    return made


@pytest.mark.parametrize(
    "token",
    [
        "xoxb-123-456-abcDEF",
        "xoxp-1-2-3",
        "xapp-1-A1-2-ffff",
        "xoxe.xoxb-1-MS0yLTI",
        "xoxe-1-My0xLTI",
    ],
)
def test_tokens_are_redacted_wherever_they_appear(token):
    line = formatted(record(f"sent headers {{'Authorization': 'Bearer {token}'}}"))
    assert token not in line and "[redacted]" in line
    assert token not in redact_tokens(f"token={token}&x=1")


def test_context_fields_stay_on_one_line_and_are_quoted_when_needed():
    line = formatted(record("http request", team_id="T1", action="/mentor offer", status=200))
    assert line == 'INFO http request team_id=T1 action="/mentor offer" status=200'
    sneaky = formatted(record("x", action="evil\nINFO forged line"))
    assert "\n" not in sneaky


def test_a_job_logs_one_line_when_it_ends(caplog):
    caplog.set_level(logging.INFO)
    with job_log("send_due_messages", team_id="T1"):
        pass
    (line,) = [formatted(r) for r in caplog.records]
    assert line.startswith("INFO job done team_id=T1 duration_ms=")
    assert "job=send_due_messages" in line


def test_a_failed_job_is_logged_and_raised(caplog):
    caplog.set_level(logging.INFO)
    with pytest.raises(RuntimeError), job_log("weekly_round"):
        raise RuntimeError("boom")
    (failed,) = caplog.records
    assert failed.levelname == "ERROR" and failed.job == "weekly_round"


@pytest.mark.parametrize(
    ("body", "action"),
    [
        ({"command": "/mentor", "text": "offer python"}, "/mentor offer"),
        ({"command": "/mentor", "text": "my secret plans"}, "/mentor ?"),
        ({"command": "/mentor", "text": ""}, "/mentor"),
        (
            {"type": "block_actions", "actions": [{"action_id": "show_my_list"}]},
            "action:show_my_list",
        ),
        ({"type": "block_actions", "actions": [{"action_id": "a b\n<c>"}]}, "action:a?b??c?"),
        ({"type": "view_submission", "view": {"callback_id": "offer_modal"}}, "view:offer_modal"),
        ({"type": "block_suggestion", "action_id": "skill"}, "options:skill"),
        ({"type": "event_callback", "event": {"type": "user_change"}}, "event:user_change"),
        ({}, "unknown"),
    ],
)
def test_actions_are_named_by_structure_not_by_what_people_typed(body, action):
    assert describe_action(body) == action
