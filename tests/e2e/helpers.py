"""Small helpers for end-to-end tests: send a command, wait for the app's reply."""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import Member, Offer, Skill
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackClient


def command_reply(
    slack: SlackClient, fake: FakeSlack, text: str, *, user_id: str = "U1", **fields: Any
) -> dict[str, Any]:
    """Send `/mentor <text>` and return what the app posted to the command's response_url."""
    name = f"cmd-{uuid.uuid4().hex[:10]}"
    response = slack.command(text, user_id=user_id, response_url=fake.response_url(name), **fields)
    assert response.status == 200, (response.status, response.text)
    calls = fake.wait_for("response_url", where=lambda call: call.params.get("_name") == name)
    return calls[0].params


def action_reply(
    slack: SlackClient, fake: FakeSlack, action_id: str, *, user_id: str = "U1", **fields: Any
) -> dict[str, Any]:
    """Click a button on a message and return what the app posted to its response_url."""
    name = f"act-{uuid.uuid4().hex[:10]}"
    response = slack.action(
        action_id, user_id=user_id, response_url=fake.response_url(name), **fields
    )
    assert response.status == 200, (response.status, response.text)
    calls = fake.wait_for("response_url", where=lambda call: call.params.get("_name") == name)
    return calls[0].params


def visible_text(payload: dict[str, Any]) -> str:
    """All the words a person would see in a message or view payload, for assertions."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str) and node.startswith(("[", "{")):
            with contextlib.suppress(ValueError):
                walk(json.loads(node))

    walk(payload)
    return "\n".join(found)


def command_answer(
    slack: SlackClient,
    fake: FakeSlack,
    text: str,
    *,
    user_id: str = "U1",
    timeout: float = 5.0,
) -> dict[str, Any]:
    """Send `/mentor <text>`; return the ephemeral reply or, for verbs that open a modal,
    the `views.open` call's parameters — whichever the app answered with."""
    name = f"cmd-{uuid.uuid4().hex[:10]}"
    trigger_id = f"trigger-{uuid.uuid4().hex[:10]}"
    response = slack.command(
        text, user_id=user_id, response_url=fake.response_url(name), trigger_id=trigger_id
    )
    assert response.status == 200, (response.status, response.text)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in fake.calls:
            if call.method == "response_url" and call.params.get("_name") == name:
                return call.params
            if call.method == "views.open" and call.params.get("trigger_id") == trigger_id:
                return call.params
        time.sleep(0.02)
    raise AssertionError(f"no answer to /mentor {text[:80]!r}\n{fake.describe_calls()}")


def offers_of(sessions: sessionmaker[Session], user_id: str) -> list[tuple[str, int]]:
    """What `user_id` offers, as (skill slug, level) sorted by slug, read from the database."""
    with sessions() as session:
        rows = session.execute(
            select(Skill.slug, Offer.level)
            .join(Offer, Offer.skill_id == Skill.id)
            .join(Member, Member.id == Offer.member_id)
            .where(Member.slack_user_id == user_id)
            .order_by(Skill.slug)
        ).all()
    return [(slug, level) for slug, level in rows]
