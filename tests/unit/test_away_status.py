"""Which Slack statuses say someone is away, and until when (bot.cycle.away)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.cycle.away import (
    AWAY_WITHOUT_EXPIRY,
    AwayStatus,
    away_from_status,
    is_away,
    status_says_away,
)

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "OOO",
        "ooo until Monday",
        "Out of office",
        "OUT OF THE OFFICE — back on the 12th",
        "On leave",
        "Parental leave 🍼",
        "Vacation!",
        "on holiday in Crete",
        "PTO",
        "Off sick",
        "Sabbatical",
        "En congé",
        "Im Urlaub",
        "de vacaciones",
        "Op vakantie",
        "Férias",
    ],
)
def test_away_texts_are_recognised_in_any_case(text):
    assert status_says_away(text, "")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "In a meeting",
        "Working from home",
        "Focusing",
        "booked the room",  # "ooo" inside a word is not "OOO"
        "Commuting",
        "Looking at leaves",
        "Bootooo",
    ],
)
def test_other_texts_are_not_away(text):
    assert not status_says_away(text, "")


@pytest.mark.parametrize("emoji", [":palm_tree:", ":airplane:", ":face_with_thermometer:",
                                   ":PALM_TREE:", ":baby_bottle:"])  # fmt: skip
def test_away_emoji_say_away_without_text(emoji):
    assert status_says_away("", emoji)


@pytest.mark.parametrize(
    "emoji", [":house_with_garden:", ":spiral_calendar_pad:", ":train:", ":no_entry:", ""]
)
def test_working_elsewhere_emoji_are_not_away(emoji):
    assert not status_says_away("", emoji)


def test_the_expiration_is_the_return_date():
    back = NOW + timedelta(days=10)
    status = away_from_status(text="Vacation", emoji="", expiration=int(back.timestamp()), now=NOW)
    assert status == AwayStatus(until=back, from_expiry=True)


def test_an_expiration_already_past_is_a_stale_status():
    past = int((NOW - timedelta(minutes=1)).timestamp())
    assert away_from_status(text="OOO", emoji="", expiration=past, now=NOW) is None


def test_without_an_expiration_away_lasts_a_week_and_reading_again_does_not_extend_it():
    first = away_from_status(text="", emoji=":palm_tree:", expiration=None, now=NOW)
    assert first == AwayStatus(until=NOW + AWAY_WITHOUT_EXPIRY, from_expiry=False)
    later = NOW + timedelta(days=3)
    again = away_from_status(text="", emoji=":palm_tree:", expiration=0, now=later, current=first)
    assert again == first
    # Once that week is over, a status still saying away starts a new week.
    after = NOW + timedelta(days=8)
    renewed = away_from_status(text="OOO", emoji="", expiration=None, now=after, current=first)
    assert renewed == AwayStatus(until=after + AWAY_WITHOUT_EXPIRY, from_expiry=False)


def test_a_status_that_no_longer_says_away_ends_it():
    current = AwayStatus(until=NOW + timedelta(days=3), from_expiry=True)
    assert away_from_status(text="Back!", emoji=":wave:", expiration=None, now=NOW,
                            current=current) is None  # fmt: skip


def test_is_away_runs_until_the_moment_given():
    until = NOW + timedelta(hours=1)
    assert is_away(until, NOW)
    assert not is_away(until, until)
    assert not is_away(None, NOW)
