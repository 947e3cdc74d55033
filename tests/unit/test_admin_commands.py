"""`/mentor admin …` parsing, table-driven (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.parsing.admin_commands import (
    AddAdmin,
    AdminHelp,
    ListAdmins,
    NewProgram,
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
from bot.parsing.commands import Invalid, parse_command


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
        # One program's counts: the rest is its name, unescaped.
        ("admin stats Leaders &amp; AI", ShowStats(program="Leaders & AI")),
        ("admin program new", NewProgram()),
        ("admin PROGRAM New", NewProgram()),
        ("admin export", SendExport()),
        ("admin chart", SendChart()),
        ("admin list", ListAdmins()),
        ("admin help", AdminHelp()),
        ("admin add <@U0123ABC|grace>", AddAdmin(PersonRef(user_id="U0123ABC"))),
        ("admin add <@W0123ABC>", AddAdmin(PersonRef(user_id="W0123ABC"))),
        ("admin add U0123ABC", AddAdmin(PersonRef(user_id="U0123ABC"))),
        ("admin add @grace.hopper", AddAdmin(PersonRef(name="grace.hopper"))),
        ("admin   remove   <@U0123ABC>", RemoveAdmin(PersonRef(user_id="U0123ABC"))),
        # Escaped text (should_escape: true): the id is in the mention, label or not.
        ("admin add <@U0123ABC|Grace Hopper>", AddAdmin(PersonRef(user_id="U0123ABC"))),
        ("admin add <@U0123ABC|Hopper, Grace>", AddAdmin(PersonRef(user_id="U0123ABC"))),
        # Unescaped text (an older install): a plain name, spaces and all, to look up.
        ("admin add @Grace Hopper", AddAdmin(PersonRef(name="Grace Hopper"))),
        ("admin add @Grace   Hopper ", AddAdmin(PersonRef(name="Grace Hopper"))),
        ("admin remove @José Ñúñez", RemoveAdmin(PersonRef(name="José Ñúñez"))),
        ("admin add @Ann &amp; Bo", AddAdmin(PersonRef(name="Ann & Bo"))),
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
        ("admin program", "/mentor admin program new"),
        ("admin program delete", "/mentor admin program new"),
    ],
)
def test_admin_mistakes_get_the_closest_command(text, suggestion):
    parsed = parse_command(text)
    assert isinstance(parsed, Invalid)
    assert parsed.suggestion == suggestion


@pytest.mark.parametrize(
    ("text", "problem_part"),
    [
        ("admin add <#C0123ABC|general>", "“#general” is a channel, not a person"),
        ("admin add <!here>", "“@here” is a group of people"),
        ("admin add <!subteam^S0123|@design>", "“@design” is a group of people"),
        ("admin add <https://example.com>", "is a link, not a person"),
        ("admin add <@U0123ABC> <@U0456DEF>", "name one person at a time"),
        ("admin add <@U0123ABC> and ada", "name one person at a time"),
        ("admin add @ada and @grace", "say who to add as a program admin"),
        ("admin add @" + "x" * 81, "say who to add as a program admin"),
        ("admin add grace", "say who to add as a program admin"),
    ],
)
def test_who_an_admin_names_is_one_person(text, problem_part):
    parsed = parse_command(text)
    assert isinstance(parsed, Invalid)
    assert problem_part in parsed.problem
    assert parsed.suggestion == "/mentor admin add @someone"


def test_unknown_admin_verbs_quote_the_text_unescaped():
    parsed = parse_command("admin exprot R&amp;D")
    assert isinstance(parsed, Invalid)
    assert parsed.problem == "I don't know the admin command “exprot”"
    assert parsed.suggestion == "/mentor admin export R&D"


@given(st.text(max_size=200))
def test_any_admin_text_parses_without_raising(rest):
    parse_command("admin " + rest)
