"""Helpers for the program admin end-to-end tests: admins, App Home, the admin modals."""

from __future__ import annotations

import uuid
from typing import Any

from bot import ids
from tests.support.fake_slack import Call, FakeSlack
from tests.support.slack_requests import (
    SlackClient,
    checkboxes,
    external_select,
    modal_view,
    number_input,
    static_select,
)

ADMIN = "UADMIN"


def add_admin_user(fake: FakeSlack, user_id: str = ADMIN, **flags: Any) -> None:
    fake.add_user(user_id, display_name=user_id.title(), **({"is_admin": True} | flags))


def published_home(slack: SlackClient, fake: FakeSlack, user_id: str) -> dict[str, Any]:
    """Open App Home as `user_id` and return the view the app published for them."""
    before = len(fake.calls_to("views.publish"))
    assert slack.event({"type": "app_home_opened", "user": user_id, "tab": "home"}).status == 200
    calls = fake.wait_for(
        "views.publish",
        count=before + 1,
        where=lambda c: True,
    )
    mine = [c for c in calls[before:] if c.params.get("user_id") == user_id]
    assert mine, fake.describe_calls()
    return mine[-1].params["view"]


def home_buttons(view: dict[str, Any]) -> dict[str, str | None]:
    found = {}
    for block in view.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("type") == "button":
                found[element["action_id"]] = element.get("value")
    return found


def home_container(user_id: str) -> dict[str, Any]:
    """The `view` Slack sends with a click in someone's App Home."""
    return modal_view("", view_type="home", view_id=f"VHOME{user_id}")


def views_with(fake: FakeSlack, method: str, callback_id: str) -> list[Call]:
    return [c for c in fake.calls_to(method) if c.params["view"].get("callback_id") == callback_id]


def wait_for_view(fake: FakeSlack, method: str, callback_id: str, count: int = 1) -> dict[str, Any]:
    calls = fake.wait_for(
        method, count=count, where=lambda c: c.params["view"].get("callback_id") == callback_id
    )
    return calls[-1].params["view"]


def command(slack: SlackClient, fake: FakeSlack, text: str, user_id: str = ADMIN) -> str:
    """Send `/mentor <text>`; returns the response_url name its replies land on."""
    name = f"cmd-{uuid.uuid4().hex[:10]}"
    response = slack.command(text, user_id=user_id, response_url=fake.response_url(name))
    assert response.status == 200, response.text
    return name


def reply_to(fake: FakeSlack, name: str, count: int = 1) -> dict[str, Any]:
    calls = fake.wait_for(
        "response_url", count=count, where=lambda c: c.params.get("_name") == name
    )
    return calls[count - 1].params


def settings_values(
    *,
    weekday: str = "0",
    at: str = "09:00",
    timezone: str = "Europe/London",
    cadence: str = "weekly",
    cooldown: str | None = "26",
    gap: str | None = None,
    weight: str | None = "3",
    nudge: str | None = "2",
    close: str | None = "4",
    channel: str | None = None,
    name_pairs: bool = False,
) -> dict[str, dict[str, Any]]:
    """The state values of a settings modal submission (strings, as Slack sends them)."""
    return {
        ids.ADMIN_WEEKDAY: {ids.ADMIN_WEEKDAY: static_select(weekday)},
        ids.ADMIN_TIME: {ids.ADMIN_TIME: {"type": "timepicker", "selected_time": at}},
        ids.ADMIN_TIMEZONE: {ids.ADMIN_TIMEZONE: external_select(timezone)},
        ids.ADMIN_CADENCE: {ids.ADMIN_CADENCE: static_select(cadence)},
        ids.ADMIN_COOLDOWN: {ids.ADMIN_COOLDOWN: number_input(cooldown)},
        ids.ADMIN_TZ_GAP: {ids.ADMIN_TZ_GAP: number_input(gap)},
        ids.ADMIN_TWO_WAY_WEIGHT: {ids.ADMIN_TWO_WAY_WEIGHT: number_input(weight)},
        ids.ADMIN_NUDGE_AFTER: {ids.ADMIN_NUDGE_AFTER: number_input(nudge)},
        ids.ADMIN_CLOSE_AFTER: {ids.ADMIN_CLOSE_AFTER: number_input(close)},
        ids.ADMIN_ANNOUNCE_CHANNEL: {
            ids.ADMIN_ANNOUNCE_CHANNEL: {
                "type": "conversations_select",
                "selected_conversation": channel,
            }
        },
        ids.ADMIN_ANNOUNCE_PAIRS: {
            ids.ADMIN_ANNOUNCE_PAIRS: checkboxes(["name_pairs"] if name_pairs else [])
        },
    }


def open_preview(slack: SlackClient, fake: FakeSlack, user_id: str = ADMIN) -> dict[str, Any]:
    """`/mentor admin preview`, then the preview modal the app put in place."""
    before = len(views_with(fake, "views.update", ids.ADMIN_PREVIEW_MODAL))
    command(slack, fake, "admin preview", user_id)
    return wait_for_view(fake, "views.update", ids.ADMIN_PREVIEW_MODAL, count=before + 1)
