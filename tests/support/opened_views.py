"""Waiting for the modals the app opens, as the fake Slack records them."""

from __future__ import annotations

from typing import Any

from tests.support.fake_slack import FakeSlack


def wait_for_opened_views(
    fake: FakeSlack, callback_id: str, *, count: int = 1
) -> list[dict[str, Any]]:
    """Wait until at least ``count`` modals with ``callback_id`` were opened; all of them."""
    calls = fake.wait_for(
        "views.open", count=count, where=lambda c: c.params["view"]["callback_id"] == callback_id
    )
    return [call.params["view"] for call in calls]


def wait_for_opened_view(fake: FakeSlack, callback_id: str) -> dict[str, Any]:
    """Wait until a modal with ``callback_id`` was opened; the latest one."""
    return wait_for_opened_views(fake, callback_id)[-1]


def wait_for_single_opened_view(fake: FakeSlack, callback_id: str) -> dict[str, Any]:
    """Wait until a modal with ``callback_id`` was opened; fails if more than one was."""
    [view] = wait_for_opened_views(fake, callback_id)
    return view
