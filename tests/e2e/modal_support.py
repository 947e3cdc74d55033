"""Helpers for end-to-end tests of the modals and App Home: what a person fills in,
and what the app opened or published in return."""

from __future__ import annotations

from typing import Any

from bot.core import ids
from tests.support import slack_requests as sr
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import Response, SlackClient


def known(slug: str, label: str | None = None) -> dict[str, Any]:
    """A catalogue skill as a selected option."""
    return sr.option(f"s:{slug}", label or slug)


def new(label: str) -> dict[str, Any]:
    """A skill typed in and chosen as new."""
    return sr.option(f"n:{label}", f"Add new skill: {label}")


def offer_values(
    skills: list[dict[str, Any]],
    *,
    level: str | None = "3",
    capacity: str | None = "1",
    in_return: str | None = None,
    circle: str | None = None,
) -> dict[str, dict[str, Any]]:
    return {
        ids.OFFER_SKILLS_BLOCK: {ids.OFFER_SKILLS_INPUT: sr.multi_external_select(skills)},
        ids.OFFER_LEVEL_BLOCK: {ids.OFFER_LEVEL_INPUT: sr.static_select(level)},
        ids.OFFER_CAPACITY_BLOCK: {ids.OFFER_CAPACITY_INPUT: sr.number_input(capacity)},
        ids.OFFER_IN_RETURN_BLOCK: {ids.OFFER_IN_RETURN_INPUT: sr.plain_text_input(in_return)},
        ids.OFFER_CIRCLE_BLOCK: {ids.OFFER_CIRCLE_INPUT: sr.number_input(circle)},
    }


def request_values(
    skill: dict[str, Any] | None,
    *,
    goal: str | None = "Run a workshop on my own",
    frequency: str | None = "weekly",
    duration: str | None = "about_a_month",
    success: str | None = None,
    teach: str | None = None,
) -> dict[str, dict[str, Any]]:
    return {
        ids.REQUEST_SKILL_BLOCK: {ids.REQUEST_SKILL_INPUT: sr.external_select(skill)},
        ids.REQUEST_GOAL_BLOCK: {ids.REQUEST_GOAL_INPUT: sr.plain_text_input(goal)},
        ids.REQUEST_FREQUENCY_BLOCK: {ids.REQUEST_FREQUENCY_INPUT: sr.static_select(frequency)},
        ids.REQUEST_DURATION_BLOCK: {ids.REQUEST_DURATION_INPUT: sr.static_select(duration)},
        ids.REQUEST_SUCCESS_BLOCK: {ids.REQUEST_SUCCESS_INPUT: sr.plain_text_input(success)},
        ids.REQUEST_TEACH_BLOCK: {ids.REQUEST_TEACH_INPUT: sr.plain_text_input(teach)},
    }


def profile_values(
    *,
    stage: str | None = None,
    reverse: bool = True,
    listed: bool = False,
    public: bool = False,
    circle: bool = False,
) -> dict[str, dict[str, Any]]:
    return {
        ids.PROFILE_STAGE_BLOCK: {ids.PROFILE_STAGE_INPUT: sr.static_select(stage)},
        ids.PROFILE_REVERSE_BLOCK: {
            ids.PROFILE_REVERSE_INPUT: sr.checkboxes(["open_to_reverse"] if reverse else [])
        },
        ids.PROFILE_DIRECTORY_BLOCK: {
            ids.PROFILE_DIRECTORY_INPUT: sr.checkboxes(["listed_in_directory"] if listed else [])
        },
        ids.PROFILE_PUBLIC_THANKS_BLOCK: {
            ids.PROFILE_PUBLIC_THANKS_INPUT: sr.checkboxes(
                ["allows_public_thanks"] if public else []
            )
        },
        ids.PROFILE_CIRCLE_BLOCK: {
            ids.PROFILE_CIRCLE_INPUT: sr.checkboxes(["open_to_circle"] if circle else [])
        },
    }


def submit(
    slack: SlackClient,
    callback_id: str,
    values: dict[str, dict[str, Any]],
    *,
    user_id: str = "U1",
    private_metadata: str = "",
) -> Response:
    response = slack.submit_view(
        callback_id, values=values, user_id=user_id, private_metadata=private_metadata
    )
    assert response.status == 200, (response.status, response.text)
    return response


def answer(response: Response) -> dict[str, Any] | None:
    """The JSON the app acknowledged a submission with; None for a plain ack (modal closes)."""
    return response.json() if response.body.strip() else None


def published_homes(fake: FakeSlack, user_id: str = "U1", *, count: int = 1) -> list[dict]:
    calls = fake.wait_for(
        "views.publish", count=count, where=lambda c: c.params["user_id"] == user_id
    )
    return [call.params["view"] for call in calls]


def home_surface(user_id: str = "U1") -> dict[str, Any]:
    """The Home tab as Slack sends it with a click on one of its buttons."""
    return sr.modal_view("", view_type="home")


def element(view: dict[str, Any], block_id: str) -> dict[str, Any]:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return block["element"]


def block_ids(view: dict[str, Any]) -> set[str]:
    return {b["block_id"] for b in view["blocks"] if b.get("block_id")}
