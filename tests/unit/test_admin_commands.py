"""`/mentor admin …` parsing, table-driven (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.admin_commands import (
    AddAdmin,
    AdminHelp,
    ListAdmins,
    OpenSettings,
    PersonRef,
    PreviewRound,
    RemoveAdmin,
    SendChart,
    SendExport,
    ShowStats,
    SkipRound,
    UndoSkip,
)
from bot.commands import Invalid, parse_command


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("admin", OpenSettings()),
        ("ADMIN Settings", OpenSettings()),
        ("admin preview", PreviewRound()),
        ("admin run", PreviewRound()),
        ("admin skip", SkipRound()),
        ("admin unskip", UndoSkip()),
        ("admin stats", ShowStats()),
        ("admin export", SendExport()),
        ("admin chart", SendChart()),
        ("admin list", ListAdmins()),
        ("admin help", AdminHelp()),
        ("admin add <@U0123ABC|grace>", AddAdmin(PersonRef(user_id="U0123ABC"))),
        ("admin add <@W0123ABC>", AddAdmin(PersonRef(user_id="W0123ABC"))),
        ("admin add U0123ABC", AddAdmin(PersonRef(user_id="U0123ABC"))),
        ("admin add @grace.hopper", AddAdmin(PersonRef(name="grace.hopper"))),
        ("admin   remove   <@U0123ABC>", RemoveAdmin(PersonRef(user_id="U0123ABC"))),
    ],
)
def test_admin_commands(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("admin stat", "/mentor admin stats"),
        ("admin exprot", "/mentor admin export"),
        ("admin frobnicate", "/mentor admin help"),
        ("admin add", "/mentor admin add @someone"),
        ("admin add grace and ada", "/mentor admin add @someone"),
        ("admin remove <@U1> <@U2>", "/mentor admin remove @someone"),
        ("admin stats now", "/mentor admin stats"),
    ],
)
def test_admin_mistakes_get_the_closest_command(text, suggestion):
    parsed = parse_command(text)
    assert isinstance(parsed, Invalid)
    assert parsed.suggestion == suggestion


@given(st.text(max_size=200))
def test_any_admin_text_parses_without_raising(rest):
    parse_command("admin " + rest)
