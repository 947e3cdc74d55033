"""The App Home builder: valid, escaped, and within 100 blocks however much there is."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.domain.home import HomeDashboard, OfferItem, PauseState, ProfileSummary, RequestItem
from bot.ui.home import home_view, menu_value, read_menu_value
from tests.support.blockkit import check_view

HOSTILE = "<!channel> & <@U123> <https://evil|click>"
SINCE = datetime(2026, 11, 2, tzinfo=UTC)


NOT_PAUSED = PauseState(False, None)


def dashboard(offers, requests, *, paused=NOT_PAUSED, text="Label"):
    return HomeDashboard(
        profile=ProfileSummary(True, "mid", True, False, 2, text, "Europe/Paris"),
        pause=paused,
        offers=[OfferItem(i, text, 1 + i % 5) for i in range(offers)],
        requests=[
            RequestItem(i, text, "matched" if i % 3 == 0 else "open", SINCE, text * 5)
            for i in range(requests)
        ],
    )


def test_welcome_for_someone_new_is_valid():
    check_view(home_view(None).to_dict())


@settings(max_examples=40)
@given(st.integers(0, 400), st.integers(0, 400), st.booleans())
def test_any_amount_fits_in_100_blocks(offers, requests, paused):
    state = PauseState(True, SINCE) if paused else NOT_PAUSED
    view = home_view(dashboard(offers, requests, paused=state)).to_dict()
    check_view(view)
    text = json.dumps(view)
    overflowed = offers + requests > 88
    assert ("/mentor list` shows them all" in text) == overflowed


def test_user_text_is_escaped():
    text = json.dumps(home_view(dashboard(3, 3, text=HOSTILE)).to_dict())
    assert "<!channel>" not in text and "<@U123>" not in text
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt;" in text


def test_statuses_of_requests():
    text = json.dumps(home_view(dashboard(0, 2, paused=PauseState(True, None))).to_dict())
    assert "*Label* \\u2014 matched" in text
    assert "paused (open since <!date^1793577600^{date_short}|2 Nov 2026>)" in text


def test_menu_values_round_trip_and_garbage_is_ignored():
    assert read_menu_value(menu_value("edit", 42)) == ("edit", 42)
    for garbage in ("", "edit", "edit:", "edit:x", "drop:1", "remove:١"):
        assert read_menu_value(garbage) is None


@settings(max_examples=25)
@given(st.integers(0, 300), st.integers(0, 300), st.integers(0, 40))
def test_an_admin_section_takes_room_from_the_lists_not_from_the_limit(
    offers, requests, admin_blocks
):
    admin_section = [
        SectionBlock(text=MarkdownTextObject(text=f"admin {i}")) for i in range(admin_blocks)
    ]
    view = home_view(dashboard(offers, requests), admin_section=admin_section).to_dict()
    check_view(view)
    assert len(view["blocks"]) <= 100
    assert [b["text"]["text"] for b in view["blocks"][-admin_blocks:] if admin_blocks] == [
        f"admin {i}" for i in range(admin_blocks)
    ]
