"""Only requests signed with our secret in the last five minutes reach a listener."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from bot.db.models import Offer


@pytest.mark.parametrize(
    "forgery",
    [
        {"unsigned": True},
        {"tamper": True},
        {"wrong_signature": True},
        {"timestamp": int(time.time()) - 6 * 60},
    ],
    ids=["unsigned", "tampered", "wrong-secret", "six-minutes-old"],
)
def test_forged_requests_get_401_and_change_nothing(slack, fake_slack, sessions, forgery):
    fake_slack.add_user("U1")
    response = slack.command("offer python", user_id="U1", **forgery)
    assert response.status == 401
    time.sleep(0.2)  # give a wrongly accepted request time to reach the database
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Offer)) == 0
    assert fake_slack.calls_to("users.info") == []
    assert fake_slack.calls_to("response_url") == []
