"""The learning log's pure parts: reading its modal, the `/mentor log` verbs, fitting
escaped text in Slack's limits, and the Markdown export."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core import ids
from bot.domain.learning_log import LearnedLine, LoggedSession
from bot.parsing.commands import ExportLog, Invalid, ShowLog, parse_command
from bot.parsing.log_forms import OWNER_MENTEE, OWNER_MENTOR, SessionLogForm, read_session_log
from bot.ui.learning_log import log_list_reply, log_markdown, shown


def values(**typed: str | None) -> dict:
    out: dict = {}
    for block, value in typed.items():
        if block == ids.LOG_ACTION_OWNER:
            option = {"value": value} if value else None
            out[block] = {block: {"type": "static_select", "selected_option": option}}
        else:
            out[block] = {block: {"type": "plain_text_input", "value": value}}
    return out


def test_a_full_entry_is_read_clean():
    form, errors = read_session_log(
        values(
            **{
                ids.LOG_COVERED: "  Loops\u0000 ",
                ids.LOG_MENTOR_LEARNED: "",
                ids.LOG_MENTEE_LEARNED: "Generators",
                ids.LOG_ACTION_ITEM: "Practise",
                ids.LOG_ACTION_OWNER: OWNER_MENTOR,
            }
        )
    )
    assert errors == {}
    assert form == SessionLogForm(
        covered="Loops", mentee_learned="Generators", action_item="Practise",
        action_owner=OWNER_MENTOR,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "block"),
    [
        ({}, ids.LOG_COVERED),
        ({ids.LOG_COVERED: "x", ids.LOG_ACTION_ITEM: "Do it"}, ids.LOG_ACTION_OWNER),
        ({ids.LOG_COVERED: "x", ids.LOG_ACTION_OWNER: OWNER_MENTEE}, ids.LOG_ACTION_ITEM),
        ({ids.LOG_COVERED: "x", ids.LOG_ACTION_ITEM: "a", ids.LOG_ACTION_OWNER: "U1"},
         ids.LOG_ACTION_OWNER),
        ({ids.LOG_COVERED: "x" * 1001}, ids.LOG_COVERED),
        ({ids.LOG_COVERED: "x", ids.LOG_MENTEE_LEARNED: "y" * 501}, ids.LOG_MENTEE_LEARNED),
        ({ids.LOG_COVERED: "x", ids.LOG_ACTION_ITEM: "z" * 301, ids.LOG_ACTION_OWNER: "mentor"},
         ids.LOG_ACTION_ITEM),
    ],
)  # fmt: skip
def test_a_bad_entry_says_which_field_is_wrong(typed, block):
    form, errors = read_session_log(values(**typed))
    assert form is None and block in errors


def test_forged_shapes_are_read_as_nothing_typed():
    form, errors = read_session_log({ids.LOG_COVERED: "garbage", ids.LOG_ACTION_OWNER: [1]})
    assert form is None and set(errors) == {ids.LOG_COVERED}


def test_log_commands():
    assert parse_command("log") == ShowLog()
    assert parse_command("LOG  Export") == ExportLog()
    wrong = parse_command("log everything")
    assert isinstance(wrong, Invalid) and wrong.suggestion == "/mentor log export"


def test_escaped_text_is_clipped_to_fit_its_room():
    assert shown("a & b", 100) == "a &amp; b"
    fitted = shown("&" * 1000, 2900)
    assert len(fitted) <= 2900 and fitted.endswith("…") and "&amp" in fitted


def _entry(n: int, **extra) -> LoggedSession:
    return LoggedSession(
        entry_id=n, logged_at=datetime(2026, 11, n, 9, tzinfo=UTC), skills="Python",
        partner_name="Grace", partner_id="U2", covered=f"Session {n}\nsecond line",
        learned=(LearnedLine("Ada", "U1", "x" * 600),), action_item=None,
        action_owner_name=None, action_owner_id=None, action_done=False, **extra,
    )  # fmt: skip


def test_the_list_stays_within_slack_limits_and_says_how_many_are_left_out():
    reply = log_list_reply([_entry(n) for n in range(20, 0, -1)])
    assert len(reply.blocks) == 12  # heading, 10 entries, the footnote
    text = reply.to_kwargs()["blocks"][-1]["elements"][0]["text"]
    assert "10 older entries in the export" in text
    assert all(len(b["text"]["text"]) <= 3000 for b in reply.to_kwargs()["blocks"][1:-1])


def test_the_markdown_export_is_oldest_first_with_every_entry():
    markdown = log_markdown([_entry(2), _entry(1)])
    assert markdown.index("Session 1") < markdown.index("Session 2")
    assert "## 01 November 2026: Python with Grace" in markdown
    assert "- **Covered:** Session 1\n  second line" in markdown
    assert "- **Ada learned:** " + "x" * 600 in markdown  # the file holds every word
