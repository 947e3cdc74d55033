"""The offer, request and profile modals through the front door: each entry point opens
them, valid submissions are stored and reflected in App Home, invalid ones are answered
next to the field and store nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import Member, MentoringRequest, Offer, Skill
from tests.e2e.helpers import command_reply, visible_text
from tests.e2e.modal_support import (
    answer,
    element,
    home_surface,
    known,
    new,
    offer_values,
    profile_values,
    published_homes,
    request_values,
    submit,
)
from tests.support.blockkit import check_view
from tests.support.opened_views import wait_for_opened_view, wait_for_opened_views


@pytest.fixture(autouse=True)
def people(fake_slack):
    fake_slack.add_user("U1", display_name="Ada", tz="Europe/Paris", tz_offset=3600)
    fake_slack.add_user("U2", display_name="Grace")


def member(sessions, user_id="U1"):
    with sessions() as session:
        return session.scalar(select(Member).where(Member.slack_user_id == user_id))


def offers(sessions):
    with sessions() as session:
        rows = session.execute(
            select(Skill.slug, Offer.level).join(Offer, Offer.skill_id == Skill.id)
        ).all()
    return sorted(tuple(r) for r in rows)


def requests(sessions):
    with sessions() as session:
        return session.scalars(select(MentoringRequest).order_by(MentoringRequest.id)).all()


def count(sessions, model):
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def become_known(slack, fake_slack, user_id="U1"):
    """Someone who has used the app before (so no first-time profile modal)."""
    command_reply(slack, fake_slack, "offer cooking", user_id=user_id)
    wait_for_opened_view(fake_slack, ids.PROFILE_MODAL)
    submit(slack, ids.PROFILE_MODAL, profile_values(), user_id=user_id)
    published_homes(fake_slack, user_id, count=2)  # both changes are on Home before going on


# ---------------------------------------------------------------- offer modal


def test_offer_command_without_skill_opens_the_offer_modal(slack, fake_slack, settle):
    reply_url = fake_slack.response_url("offer-cmd")
    trigger = "1.2.abc"
    assert slack.command("offer", response_url=reply_url, trigger_id=trigger).status == 200
    (call,) = fake_slack.wait_for("views.open")
    assert call.params["trigger_id"] == trigger
    view = call.params["view"]
    assert view["callback_id"] == ids.OFFER_MODAL
    skills = element(view, ids.OFFER_SKILLS_BLOCK)
    assert skills["type"] == "multi_external_select"
    assert skills["action_id"] == ids.OFFER_SKILLS_INPUT
    assert element(view, ids.OFFER_CAPACITY_BLOCK)["initial_value"] == "1"
    assert element(view, ids.OFFER_LEVEL_BLOCK)["initial_option"]["value"] == "3"
    assert "One level for all the skills" in visible_text(view)
    assert json.loads(view["private_metadata"]) == {"response_url": reply_url}
    settle()
    assert not fake_slack.calls_to("response_url"), "nothing to say besides the modal"


@pytest.mark.parametrize("surface", ["help", "home"])
def test_offer_button_opens_the_offer_modal(slack, fake_slack, surface):
    if surface == "help":
        slack.action(ids.OPEN_OFFER_MODAL, value="offer")
    else:
        slack.action(ids.OPEN_OFFER_MODAL, value="offer", view=home_surface())
    assert wait_for_opened_view(fake_slack, ids.OFFER_MODAL)


def test_first_offer_is_stored_then_the_profile_modal_follows(slack, fake_slack, sessions):
    fake_slack.add_user("U1", display_name="Ada", tz="Europe/Paris", tz_offset=3600)
    url = fake_slack.response_url("offer-done")
    values = offer_values(
        [new("Python"), new("Sourdough baking")], level="4", capacity="2", in_return="Excel"
    )
    response = submit(
        slack, ids.OFFER_MODAL, values, private_metadata=json.dumps({"response_url": url})
    )
    ack = answer(response)
    assert ack["response_action"] == "update"
    assert ack["view"]["callback_id"] == ids.PROFILE_MODAL
    check_view(ack["view"])
    assert "Europe/Paris (UTC+01:00)" in visible_text(ack["view"])
    assert offers(sessions) == [("python", 4), ("sourdough-baking", 4)]
    stored = member(sessions)
    assert (stored.mentor_capacity, stored.wants_in_return) == (2, "Excel")
    (home,) = published_homes(fake_slack)
    assert "Python" in visible_text(home) and "Sourdough baking" in visible_text(home)
    assert "level 4 of 5" in visible_text(home)
    (confirmation,) = fake_slack.responses("offer-done")
    assert "Python" in visible_text(confirmation)


def test_later_offers_just_close_the_modal(slack, fake_slack, sessions):
    become_known(slack, fake_slack)
    response = submit(slack, ids.OFFER_MODAL, offer_values([new("excel")], level="2"))
    assert answer(response) is None
    assert ("microsoft-excel", 2) in offers(sessions)


@pytest.mark.parametrize(
    ("values", "block_id", "message_part"),
    [
        (offer_values([]), ids.OFFER_SKILLS_BLOCK, "at least one skill"),
        (offer_values([{"value": "nonsense", "text": {}}]), ids.OFFER_SKILLS_BLOCK, "isn't a"),
        (offer_values([new("x")]), ids.OFFER_SKILLS_BLOCK, "isn't a skill"),
        (offer_values([known("never-heard-of")]), ids.OFFER_SKILLS_BLOCK, "no longer"),
        (offer_values([new(f"skill {i}") for i in range(11)]), ids.OFFER_SKILLS_BLOCK, "at most"),
        (offer_values([known("python")], capacity="0"), ids.OFFER_CAPACITY_BLOCK, "1 to 5"),
        (offer_values([known("python")], capacity="6"), ids.OFFER_CAPACITY_BLOCK, "1 to 5"),
        (offer_values([known("python")], capacity="2.5"), ids.OFFER_CAPACITY_BLOCK, "1 to 5"),
        (offer_values([known("python")], capacity="-1"), ids.OFFER_CAPACITY_BLOCK, "1 to 5"),
        (offer_values([known("python")], level="9"), ids.OFFER_LEVEL_BLOCK, "level"),
        (offer_values([known("python")], in_return="x" * 501), ids.OFFER_IN_RETURN_BLOCK, "500"),
    ],
)
def test_invalid_offers_are_answered_in_the_modal_and_store_nothing(
    slack, fake_slack, sessions, settle, values, block_id, message_part
):
    command_reply(slack, fake_slack, "offer python level 5")
    settle()  # the first offer's Home and profile modal, before the submission
    before = offers(sessions), count(sessions, Skill), member(sessions).mentor_capacity
    ack = answer(submit(slack, ids.OFFER_MODAL, values))
    assert ack["response_action"] == "errors"
    assert list(ack["errors"]) == [block_id]
    assert message_part in ack["errors"][block_id]
    assert (offers(sessions), count(sessions, Skill), member(sessions).mentor_capacity) == before


def test_a_skill_removed_meanwhile_is_an_error_and_nothing_else_is_stored(
    slack, fake_slack, sessions
):
    become_known(slack, fake_slack)
    values = offer_values([new("Knitting"), known("gone-skill")], capacity="4")
    ack = answer(submit(slack, ids.OFFER_MODAL, values))
    assert ack["response_action"] == "errors"
    assert offers(sessions) == [("cooking", 3)]
    assert member(sessions).mentor_capacity == 1


# ---------------------------------------------------------------- request modal


def test_request_command_without_skill_opens_an_empty_request_modal(slack, fake_slack):
    slack.command("request")
    view = wait_for_opened_view(fake_slack, ids.REQUEST_MODAL)
    skill = element(view, ids.REQUEST_SKILL_BLOCK)
    assert skill["type"] == "external_select" and "initial_option" not in skill
    assert element(view, ids.REQUEST_GOAL_BLOCK)["max_length"] == 500
    assert "What do you want to be able to do?" in visible_text(view)


@pytest.mark.parametrize("surface", ["help", "home"])
def test_request_button_opens_the_request_modal(slack, fake_slack, surface):
    view = home_surface() if surface == "home" else None
    slack.action(ids.OPEN_REQUEST_MODAL, value="request", view=view)
    assert wait_for_opened_view(fake_slack, ids.REQUEST_MODAL)


def test_request_command_with_a_new_skill_stores_it_and_opens_its_details(
    slack, fake_slack, sessions
):
    reply = command_reply(slack, fake_slack, "request negotiation")
    assert "Negotiation" in visible_text(reply)
    view = wait_for_opened_view(fake_slack, ids.REQUEST_MODAL)
    published_homes(fake_slack)
    assert element(view, ids.REQUEST_SKILL_BLOCK)["initial_option"]["value"] == "s:negotiation"
    (request,) = requests(sessions)
    assert json.loads(view["private_metadata"])["request_id"] == request.id
    values = request_values(
        known("negotiation"),
        goal="Negotiate my first contract",
        frequency="monthly",
        duration="about_three_months",
        success="I sign it",
        teach="Spreadsheets",
    )
    ack = answer(
        submit(slack, ids.REQUEST_MODAL, values, private_metadata=view["private_metadata"])
    )
    assert ack["response_action"] == "update", "first time: the profile modal comes next"
    (request,) = requests(sessions)
    assert (request.goal, request.frequency, request.duration) == (
        "Negotiate my first contract",
        "monthly",
        "about_three_months",
    )
    assert (request.success_measure, request.can_teach_in_return) == ("I sign it", "Spreadsheets")
    home = published_homes(fake_slack, count=2)[-1]
    assert "Negotiate my first contract" in visible_text(home)


def test_request_command_for_an_open_request_opens_no_modal(slack, fake_slack):
    command_reply(slack, fake_slack, "request negotiation")
    wait_for_opened_view(fake_slack, ids.REQUEST_MODAL)
    again = command_reply(slack, fake_slack, "request negotiation")
    assert "Already waiting" in visible_text(again)
    assert len(fake_slack.calls_to("views.open")) == 1


def test_a_request_from_the_modal_opens_one_request(slack, fake_slack, sessions):
    become_known(slack, fake_slack)
    ack = answer(submit(slack, ids.REQUEST_MODAL, request_values(new("Public speaking"))))
    assert ack is None
    (request,) = requests(sessions)
    assert (request.skill.slug, request.status, request.goal) == (
        "public-speaking",
        "open",
        "Run a workshop on my own",
    )
    # Asking again for the same skill edits the open request instead of adding one.
    submit(slack, ids.REQUEST_MODAL, request_values(known("public-speaking"), goal="Speak up"))
    (request,) = requests(sessions)
    assert request.goal == "Speak up"


@pytest.mark.parametrize(
    ("values", "message_part"),
    [
        (request_values(known("negotiation"), goal=None), "what you want to be able to do"),
        (request_values(known("negotiation"), goal="   \n "), "what you want to be able to do"),
        (request_values(known("negotiation"), goal="g" * 501), "500 characters"),
        (request_values(None), "Choose the skill"),
        (request_values({"value": "x:y", "text": {}}), "isn't a skill"),
        (request_values(known("cooking")), "already offer Cooking"),
        (request_values(new("COOKING")), "already offer Cooking"),
        (request_values(known("negotiation"), frequency="daily"), "how often"),
        (request_values(known("negotiation"), duration="forever"), "how long"),
        (request_values(known("negotiation"), success="s" * 501), "500"),
        (request_values(known("negotiation"), teach="t" * 501), "500"),
    ],
)
def test_invalid_requests_are_answered_in_the_modal_and_store_nothing(
    slack, fake_slack, sessions, values, message_part
):
    become_known(slack, fake_slack)
    command_reply(slack, fake_slack, "request negotiation")
    before = [(r.id, r.goal, r.status) for r in requests(sessions)], count(sessions, Skill)
    ack = answer(submit(slack, ids.REQUEST_MODAL, values))
    assert ack["response_action"] == "errors"
    (message,) = ack["errors"].values()
    assert message_part.casefold() in message.casefold()
    assert (
        [(r.id, r.goal, r.status) for r in requests(sessions)],
        count(sessions, Skill),
    ) == before


def test_asking_for_a_skill_you_offer_adds_no_skill_and_no_request(slack, fake_slack, sessions):
    become_known(slack, fake_slack)
    skills_before = count(sessions, Skill)
    ack = answer(submit(slack, ids.REQUEST_MODAL, request_values(new("Cooking"))))
    assert "already offer" in ack["errors"][ids.REQUEST_SKILL_BLOCK]
    assert requests(sessions) == [] and count(sessions, Skill) == skills_before


def test_the_request_command_refuses_a_skill_you_offer(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python")
    reply = command_reply(slack, fake_slack, "request python")
    assert "already offer Python" in visible_text(reply)
    assert requests(sessions) == []


# ---------------------------------------------------------------- profile modal


def test_profile_command_opens_the_profile_modal_with_slack_time_zone(slack, fake_slack):
    slack.command("profile")
    view = wait_for_opened_view(fake_slack, ids.PROFILE_MODAL)
    text = visible_text(view)
    assert "Europe/Paris (UTC+01:00)" in text
    assert "never to decide who teaches" in text
    assert "initial_options" not in element(view, ids.PROFILE_DIRECTORY_BLOCK), "off by default"
    assert "initial_options" in element(view, ids.PROFILE_REVERSE_BLOCK)


@pytest.mark.parametrize("surface", ["help", "home"])
def test_profile_button_opens_the_profile_modal(slack, fake_slack, surface):
    view = home_surface() if surface == "home" else None
    slack.action(ids.OPEN_PROFILE_MODAL, value="profile", view=view)
    assert wait_for_opened_view(fake_slack, ids.PROFILE_MODAL)


def test_first_offer_by_command_opens_the_profile_modal_once(slack, fake_slack):
    command_reply(slack, fake_slack, "offer python")
    assert wait_for_opened_view(fake_slack, ids.PROFILE_MODAL)
    command_reply(slack, fake_slack, "offer excel")
    assert len(wait_for_opened_views(fake_slack, ids.PROFILE_MODAL)) == 1


def test_profile_submission_is_stored_and_shown_in_home(slack, fake_slack, sessions, clock):
    command_reply(slack, fake_slack, "offer python")
    published_homes(fake_slack)
    ack = answer(
        submit(slack, ids.PROFILE_MODAL, profile_values(stage="mid", reverse=False, listed=True))
    )
    assert ack is None
    stored = member(sessions)
    assert (stored.career_stage, stored.open_to_reverse, stored.listed_in_directory) == (
        "mid",
        False,
        True,
    )
    assert stored.profile_completed_at == clock()
    home = published_homes(fake_slack, count=2)[-1]
    assert "Career stage: Mid career" in visible_text(home)
    assert "Listed in the directory: yes" in visible_text(home)
    # Saying nothing about career stage clears it.
    submit(slack, ids.PROFILE_MODAL, profile_values(stage="unsaid"))
    assert member(sessions).career_stage is None


def test_an_unknown_career_stage_is_refused(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python")
    ack = answer(submit(slack, ids.PROFILE_MODAL, profile_values(stage="intern", listed=True)))
    assert list(ack["errors"]) == [ids.PROFILE_STAGE_BLOCK]
    assert member(sessions).listed_in_directory is False
    assert member(sessions).profile_completed_at is None


# ---------------------------------------------------------------- edit and remove from Home


def offer_id(sessions, slug):
    with sessions() as session:
        return session.scalar(select(Offer.id).join(Offer.skill).where(Skill.slug == slug))


def menu(slack, action_id, value):
    slack.action(action_id, view=home_surface(), action_type="overflow", selected_option=value)


def test_edit_an_offer_from_home_opens_it_prefilled(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python level 5")
    menu(slack, ids.OFFER_MENU, f"edit:{offer_id(sessions, 'python')}")
    view = wait_for_opened_view(fake_slack, ids.OFFER_MODAL)
    (chosen,) = element(view, ids.OFFER_SKILLS_BLOCK)["initial_options"]
    assert chosen["value"] == "s:python"
    assert element(view, ids.OFFER_LEVEL_BLOCK)["initial_option"]["value"] == "5"


def test_remove_an_offer_from_home(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python, excel")
    published_homes(fake_slack)  # after the command
    menu(slack, ids.OFFER_MENU, f"remove:{offer_id(sessions, 'python')}")
    home = published_homes(fake_slack, count=2)[-1]
    assert offers(sessions) == [("microsoft-excel", 3)]
    assert "Python" not in visible_text(home)


def test_someone_else_cannot_remove_your_offer(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python")
    slack.action(
        ids.OFFER_MENU,
        user_id="U2",
        view=home_surface(),
        action_type="overflow",
        selected_option=f"remove:{offer_id(sessions, 'python')}",
    )
    published_homes(fake_slack, "U2")
    assert offers(sessions) == [("python", 3)]


def test_edit_and_withdraw_a_request_from_home(slack, fake_slack, sessions):
    become_known(slack, fake_slack)
    submit(slack, ids.REQUEST_MODAL, request_values(new("Negotiation"), goal="Close deals"))
    (request,) = requests(sessions)
    menu(slack, ids.REQUEST_MENU, f"edit:{request.id}")
    view = wait_for_opened_view(fake_slack, ids.REQUEST_MODAL)
    assert element(view, ids.REQUEST_GOAL_BLOCK)["initial_value"] == "Close deals"
    assert json.loads(view["private_metadata"])["request_id"] == request.id
    # Editing may change the skill: the same request is updated.
    submit(
        slack,
        ids.REQUEST_MODAL,
        request_values(new("Sales"), goal="Sell"),
        private_metadata=view["private_metadata"],
    )
    (edited,) = requests(sessions)
    assert (edited.id, edited.skill.slug, edited.goal) == (request.id, "sales", "Sell")
    menu(slack, ids.REQUEST_MENU, f"remove:{request.id}")
    fake_slack.wait_for("views.publish", count=5)
    (withdrawn,) = requests(sessions)
    assert withdrawn.status == "closed"


def test_garbled_menu_values_do_nothing(slack, fake_slack, sessions):
    command_reply(slack, fake_slack, "offer python")
    for value in ["remove:", "remove:abc", "explode:1", "", "remove:٣"]:
        response = slack.action(
            ids.OFFER_MENU, view=home_surface(), action_type="overflow", selected_option=value
        )
        assert response.status == 200
    assert offers(sessions) == [("python", 3)]


def test_a_deactivated_account_is_told_so_in_the_modal(slack, fake_slack, sessions):
    fake_slack.add_user("UGONE", deleted=True)
    ack = answer(submit(slack, ids.OFFER_MODAL, offer_values([new("Python")]), user_id="UGONE"))
    assert "deactivated" in ack["errors"][ids.OFFER_SKILLS_BLOCK]
    assert offers(sessions) == []


def test_first_request_for_several_skills_opens_the_profile_modal(slack, fake_slack, sessions):
    reply = command_reply(slack, fake_slack, "request negotiation, budgeting")
    assert "Budgeting" in visible_text(reply)
    assert wait_for_opened_view(fake_slack, ids.PROFILE_MODAL)
    assert len(requests(sessions)) == 2


def test_an_expired_trigger_is_explained_and_nothing_is_lost(slack, fake_slack, sessions):
    fake_slack.error_next("views.open", "expired_trigger_id")
    reply = command_reply(slack, fake_slack, "request negotiation")
    assert "didn't let me open the form" in visible_text(reply)
    (request,) = requests(sessions)
    assert request.skill.slug == "negotiation", "the request itself was stored"
