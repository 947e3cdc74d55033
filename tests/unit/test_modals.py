"""The modal builders produce valid Block Kit within Slack's limits (pure)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core import ids
from bot.domain.drafts import OfferDraft, ProfileDraft, RequestDraft, SkillRef, Suggestions
from bot.skills.normalise import Skill
from bot.skills.search import PREFIX, CatalogueEntry, SkillMatch
from bot.ui.modals import ModalContext, offer_modal, profile_modal, request_modal, skill_options
from tests.support.blockkit import check_view

LONG = "L" * 75


def test_offer_modal_new_and_with_ten_long_skills():
    check_view(offer_modal(OfferDraft([], None, 1, None), ModalContext()).to_dict())
    skills = [SkillRef(f"s{i}" * 20, LONG) for i in range(10)]
    view = offer_modal(OfferDraft(skills, 5, 5, "x" * 500), ModalContext("https://h/x")).to_dict()
    check_view(view)
    assert view["callback_id"] == ids.OFFER_MODAL


@pytest.mark.parametrize("request_id", [None, 7])
def test_request_modal(request_id):
    draft = RequestDraft(request_id, SkillRef("a" * 50, LONG), "g" * 500, "monthly", "ongoing",
                         "s" * 500, "t" * 500)  # fmt: skip
    view = request_modal(draft, ModalContext(request_id=request_id)).to_dict()
    check_view(view)
    assert view["title"]["text"] == ("Your request" if request_id else "Ask to learn")


@pytest.mark.parametrize(("tz", "offset", "shown"), [
    ("Asia/Kolkata", 19800, "Asia/Kolkata (UTC+05:30)"),
    ("America/St_Johns", -12600, "America/St_Johns (UTC-03:30)"),
    (None, 0, "not set in Slack"),
])  # fmt: skip
def test_profile_modal_shows_the_slack_time_zone(tz, offset, shown):
    view = profile_modal(ProfileDraft("senior", False, True, tz, offset), ModalContext()).to_dict()
    check_view(view)
    assert shown in json.dumps(view)


def test_skill_options_stay_within_option_limits():
    matches = [SkillMatch(CatalogueEntry("a" * 50, LONG), PREFIX) for _ in range(99)]
    options = skill_options(Suggestions(matches, Skill("b" * 50, LONG)))
    assert len(options) == 100
    for option in options:
        data = option.to_dict()
        assert len(data["text"]["text"]) <= 75 and len(data["value"]) <= 150
    assert options[-1].to_dict()["text"]["text"].startswith("Add new skill: ")


@given(
    st.one_of(st.none(), st.text(max_size=3500)),
    st.one_of(st.none(), st.integers(0, 10**12)),
    st.booleans(),
)
def test_modal_context_round_trips_within_the_metadata_limit(url, request_id, then_profile):
    context = ModalContext(url, request_id, then_profile)
    metadata = context.to_metadata()
    assert len(metadata) <= 3000
    back = ModalContext.from_metadata(metadata)
    assert (back.request_id, back.then_profile) == (request_id, then_profile)
    if url is not None and len(metadata) < 3000 and url:
        assert back.response_url in (url, None)


@pytest.mark.parametrize("garbage", ["", "{", "[1]", '"x"', '{"request_id": "7"}', "null"])
def test_modal_context_ignores_garbage(garbage):
    context = ModalContext.from_metadata(garbage)
    assert context.request_id is None and context.response_url is None


def test_request_modal_with_a_rhythm_it_does_not_know_starts_from_the_default():
    draft = RequestDraft(3, None, "", "fortnightly", "forever", None, None)
    view = request_modal(draft, ModalContext()).to_dict()
    check_view(view)
    selects = {b["block_id"]: b["element"].get("initial_option") for b in view["blocks"]
               if b.get("block_id")}  # fmt: skip
    assert selects[ids.REQUEST_FREQUENCY_BLOCK]["value"] == "every_two_weeks"
    assert selects[ids.REQUEST_DURATION_BLOCK]["value"] == "about_a_month"
