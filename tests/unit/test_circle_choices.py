"""Circles in the forms and the round: the offer's circle size, and who joins a peer circle."""

from __future__ import annotations

import pytest

from bot.core import ids
from bot.matching import Participant, Unserved, UnservedReason
from bot.parsing.forms import OfferInput, ProfileInput, parse_offer, parse_profile
from bot.services.circles import plan_peer_circles, unserved_after_peers


def _offer(circle: str | None) -> OfferInput:
    return OfferInput(["s:python"], "3", "1", None, circle)


@pytest.mark.parametrize(("typed", "stored"), [(None, None), ("", None), ("  ", None),
                                               ("3", 3), ("6", 6), (" 4 ", 4)])  # fmt: skip
def test_a_circle_size_is_empty_or_3_to_6(typed, stored):
    form, errors = parse_offer(_offer(typed))
    assert errors == {} and form is not None and form.circle_size == stored


@pytest.mark.parametrize("typed", ["2", "7", "0", "-3", "4.5", "four", "٣", "1000"])
def test_any_other_circle_size_is_answered_next_to_its_field(typed):
    form, errors = parse_offer(_offer(typed))
    assert form is None and set(errors) == {ids.OFFER_CIRCLE_BLOCK}
    assert "3 to 6 learners" in errors[ids.OFFER_CIRCLE_BLOCK]


def test_the_profile_keeps_whether_someone_is_open_to_a_circle():
    form, _ = parse_profile(ProfileInput(None, True, False, open_to_circle=True))
    assert form is not None and form.open_to_circle
    form, _ = parse_profile(ProfileInput(None, True, False))
    assert form is not None and not form.open_to_circle


def _learner(uid: str, *, open_to_circle: bool = True, tz: float = 0) -> Participant:
    return Participant(uid, {}, {"rust": 1}, tz_offset_hours=tz, open_to_circle=open_to_circle)


def test_peer_circles_take_only_learners_open_to_one_and_not_yet_served():
    people = [_learner("A"), _learner("B"), _learner("C"), _learner("D", open_to_circle=False)]
    assert plan_peer_circles(people, served=set()) != ()
    (circle,) = plan_peer_circles(people, served=set())
    assert set(circle.learners) == {"A", "B", "C"}
    assert plan_peer_circles(people, served={"A"}) == ()  # two left: not a circle


def test_learners_in_a_peer_circle_are_no_longer_unserved():
    people = [_learner(uid) for uid in "ABC"]
    peers = plan_peer_circles(people, served=set())
    unserved = [
        Unserved(uid, "rust", UnservedReason.NO_OFFER, "Nobody offers Rust yet.") for uid in "ABCD"
    ]
    assert [u.participant for u in unserved_after_peers(unserved, peers)] == ["D"]
