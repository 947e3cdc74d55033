"""Who a plain @name means, among users.list's members (pure)."""

from __future__ import annotations

import pytest

from bot.slack.find_people import people_named


def user(user_id, *, name, display="", real="", **flags):
    return {
        "id": user_id,
        "name": name,
        "real_name": real,
        "profile": {"display_name": display, "real_name": real},
        **flags,
    }


MEMBERS = [
    user("U1", name="grace", display="Grace Hopper", real="Grace Brewster Hopper"),
    user("U2", name="alex.b", display="Alex", real="Alex Brown"),
    user("U3", name="alex.c", display="Alex", real="Alex Chen"),
    user("U4", name="gone", display="Grace Hopper", deleted=True),
    user("U5", name="helper", display="Grace Hopper", is_bot=True),
    user("USLACKBOT", name="slackbot", display="Slackbot"),
    user("U6", name="jose", display="José Ñúñez"),
]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Grace Hopper", ["U1"]),  # deactivated people and bots with the name don't count
        ("grace  hopper", ["U1"]),
        ("grace", ["U1"]),
        ("Grace Brewster Hopper", ["U1"]),
        ("Alex", ["U2", "U3"]),
        ("alex chen", ["U3"]),
        ("José Ñúñez", ["U6"]),
        ("slackbot", []),
        ("Nobody", []),
        ("", []),
    ],
)
def test_people_named(typed, found):
    assert people_named(MEMBERS, typed) == found


def test_deactivated_people_are_found_only_when_asked():
    assert people_named(MEMBERS, "gone") == []
    assert people_named(MEMBERS, "gone", deactivated=True) == ["U4"]
    assert people_named(MEMBERS, "Grace Hopper", deactivated=True) == ["U1", "U4"]
