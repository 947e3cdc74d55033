"""Fit that teaches the matcher, end to end: the private two-week question, "not a fit"
into the existing flow, "pair again?" at the end with Send thanks, all stored privately."""

from __future__ import annotations

from sqlalchemy import select

from bot.core import ids
from bot.db.models import FitRating, Member, OutboxMessage, Thanks
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    deliver,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, command_reply, visible_text
from tests.support.opened_views import wait_for_single_opened_view


def start_pair(deps, fake_slack, clock, **request):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"}, **request)
    add_person(deps, fake_slack, "U3", "Linus", offers={"go": 2})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    return pair


def week(deps, clock):
    clock.advance(days=7)
    finish_setup(deps)
    tick_and_deliver(deps)


def dm_posts_with(fake_slack, action_id):
    return [c for c in posts(fake_slack, channel_prefix="D") if action_id in buttons(c)]


def receiver(fake_slack, call) -> str:
    opened = {
        c.response["channel"]["id"]: c.params["users"]
        for c in fake_slack.calls_to("conversations.open")
    }
    return opened[call.params["channel"]]


def ratings(deps) -> list[tuple[str, str, str, str]]:
    with deps.sessions() as session:
        names = {m.id: m.slack_user_id for m in session.scalars(select(Member))}
        return [
            (names[r.rater_id], names[r.rated_id], r.stage, r.answer)
            for r in session.scalars(select(FitRating).order_by(FitRating.id))
        ]


def test_two_weeks_in_each_person_is_asked_once_and_answers_privately(
    slack, fake_slack, deps, clock
):
    pair = start_pair(deps, fake_slack, clock, duration="about_three_months")
    week(deps, clock)
    assert dm_posts_with(fake_slack, ids.FIT_GOOD) == []
    week(deps, clock)
    asked = dm_posts_with(fake_slack, ids.FIT_GOOD)
    assert sorted(receiver(fake_slack, c) for c in asked) == ["U1", "U2"]
    to_grace = next(c for c in asked if receiver(fake_slack, c) == "U2")
    assert "paired with <@U1> for two weeks" in visible_text(to_grace.params)
    assert "never shown to your partner or to the admins" in visible_text(to_grace.params)
    week(deps, clock)
    assert len(dm_posts_with(fake_slack, ids.FIT_GOOD)) == 2, "asked once"

    value = buttons(to_grace)[ids.FIT_GOOD]
    said = visible_text(action_reply(slack, fake_slack, ids.FIT_GOOD, value=value, user_id="U2"))
    assert "Noted, privately" in said
    # Changing one's mind keeps one answer per stage.
    action_reply(slack, fake_slack, ids.FIT_NOT_SURE, value=value, user_id="U2")
    assert ratings(deps) == [("U2", "U1", "two_weeks", "not_sure")]
    # Someone outside the pair is refused and nothing is stored.
    refused = visible_text(
        action_reply(slack, fake_slack, ids.FIT_GOOD, value=str(pair.id), user_id="U3")
    )
    assert refused and ratings(deps) == [("U2", "U1", "two_weeks", "not_sure")]


def test_not_a_fit_is_stored_and_leads_to_the_existing_not_a_fit_flow(
    slack, fake_slack, deps, clock
):
    pair = start_pair(deps, fake_slack, clock, duration="about_three_months")
    week(deps, clock)
    week(deps, clock)
    slack.action(ids.FIT_NOT_A_FIT, value=str(pair.id), user_id="U1")
    view = wait_for_single_opened_view(fake_slack, ids.NOT_A_FIT_MODAL)
    assert "End your pairing with <@U2>?" in visible_text(view)
    assert ratings(deps) == [("U1", "U2", "two_weeks", "not_a_fit")]


def test_at_the_end_pair_again_and_send_thanks_from_the_modal(slack, fake_slack, deps, clock):
    pair = start_pair(deps, fake_slack, clock, duration="one_conversation")
    week(deps, clock)
    week(deps, clock)  # two weeks in: the planned end
    asked = dm_posts_with(fake_slack, ids.AGAIN_YES)
    assert sorted(receiver(fake_slack, c) for c in asked) == ["U1", "U2"]
    to_grace = next(c for c in asked if receiver(fake_slack, c) == "U2")
    assert "Would you pair with <@U1> again?" in visible_text(to_grace.params)
    action_reply(slack, fake_slack, ids.AGAIN_YES, value=str(pair.id), user_id="U2")
    action_reply(slack, fake_slack, ids.AGAIN_NO, value=str(pair.id), user_id="U1")
    assert sorted(ratings(deps)) == [
        ("U1", "U2", "end", "again_no"),
        ("U2", "U1", "end", "again_yes"),
    ]

    slack.action(ids.SEND_THANKS, value=str(pair.id), user_id="U2")
    view = wait_for_single_opened_view(fake_slack, ids.SEND_THANKS_MODAL)
    assert "Say thank you to <@U1>" in visible_text(view)
    empty = slack.submit_view(
        ids.SEND_THANKS_MODAL,
        values={ids.THANKS_WORDS: {ids.THANKS_WORDS: ""}},
        user_id="U2",
        private_metadata=view["private_metadata"],
    )
    assert "Say what you are thanking them for" in empty.text
    response = slack.submit_view(
        ids.SEND_THANKS_MODAL,
        values={ids.THANKS_WORDS: {ids.THANKS_WORDS: "Patient Python help every week"}},
        user_id="U2",
        private_metadata=view["private_metadata"],
    )
    assert "endorsement of their *Python*" in response.text
    deliver(deps)
    thanked = [
        c
        for c in posts(fake_slack, channel_prefix="D")
        if "wanted to say thank you" in visible_text(c.params)
    ]
    assert [receiver(fake_slack, c) for c in thanked] == ["U1"]
    with deps.sessions() as session:
        [row] = session.scalars(select(Thanks)).all()
        assert row.pair_id == pair.id and row.endorsed_skill_id is not None


def test_a_stranger_cant_open_the_thanks_modal_of_a_pair(slack, fake_slack, deps, clock):
    pair = start_pair(deps, fake_slack, clock, duration="one_conversation")
    said = visible_text(
        action_reply(slack, fake_slack, ids.SEND_THANKS, value=str(pair.id), user_id="U3")
    )
    assert said
    assert not [c for c in fake_slack.calls_to("views.open")]


MARKER = "PRIVATE-THANKS-marker-for-the-pipeline"


def test_forget_me_deletes_thanks_and_ratings_both_ways(slack, fake_slack, deps, clock):
    pair = start_pair(deps, fake_slack, clock, duration="about_three_months")
    week(deps, clock)
    week(deps, clock)
    action_reply(slack, fake_slack, ids.FIT_GOOD, value=str(pair.id), user_id="U2")
    action_reply(slack, fake_slack, ids.FIT_NOT_SURE, value=str(pair.id), user_id="U1")
    command_reply(slack, fake_slack, f"thanks <@U1> for python {MARKER}", user_id="U2")
    command_reply(slack, fake_slack, "thanks <@U2> for asking good questions", user_id="U1")
    command_reply(slack, fake_slack, "thanks <@U3> for the go tips", user_id="U2")
    deliver(deps)
    assert len(ratings(deps)) == 2

    command_reply(slack, fake_slack, "forget-me", user_id="U1")
    action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget", user_id="U1")
    assert ratings(deps) == [], "ratings by and about the person go"
    with deps.sessions() as session:
        left = [(row.message) for row in session.scalars(select(Thanks))]
        assert left == ["the go tips"], "only thanks between other people stay"
        ada = session.scalar(select(Member).where(Member.slack_user_id.like("forgotten:%")))
        assert ada is not None and not ada.allows_public_thanks
        queued = [f"{row.text} {row.blocks}" for row in session.scalars(select(OutboxMessage))]
        assert not [words for words in queued if MARKER in words]
