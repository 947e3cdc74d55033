"""The listeners' client retries what is safe to repeat, and never a post Slack may have made."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError

from bot.core.config import Settings
from bot.slack.client import interactive_client
from tests.support.fake_slack import FakeSlack


@pytest.fixture
def client(fake_slack: FakeSlack):
    settings = Settings(_env_file=None, slack_api_url=fake_slack.base_url)
    fake_slack.add_user("U5")  # the person the posts go to, by their user id as Slack allows
    return interactive_client(settings, FakeSlack.DEFAULT_TOKEN)


def drop_answers(fake: FakeSlack, method: str, times: int) -> None:
    """Slack handles the next `times` calls, but the answer never arrives."""
    remaining = [times]

    def drop(_call: object) -> None:
        if remaining[0] > 0:
            remaining[0] -= 1
            raise ConnectionAbortedError("the answer is lost on the way back")

    fake.on_call(method, drop)


def test_a_post_answered_5xx_after_slack_made_it_is_not_sent_again(fake_slack, client):
    fake_slack.fail_after_accepting("chat.postMessage", status=503)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="U5", text="hello")
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert [m["text"] for m in fake_slack.messages()] == ["hello"]


def test_a_post_whose_answer_was_lost_is_not_sent_again(fake_slack, client):
    drop_answers(fake_slack, "chat.postMessage", times=1)
    with pytest.raises(Exception):  # noqa: B017 - whatever the HTTP library raises
        client.chat_postMessage(channel="U5", text="hello")
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert len(fake_slack.messages()) == 1


def test_reads_are_retried_after_a_5xx_or_a_lost_answer(fake_slack, client):
    fake_slack.fail_next("users.info", status=503)
    assert client.users_info(user="U5")["user"]["id"] == "U5"
    drop_answers(fake_slack, "users.info", times=1)
    assert client.users_info(user="U5")["user"]["id"] == "U5"
    assert len(fake_slack.calls_to("users.info")) == 4


def test_a_rate_limited_post_is_sent_again_since_slack_did_nothing(fake_slack, client):
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1)
    assert client.chat_postMessage(channel="U5", text="hello")["ok"]
    assert [c.status for c in fake_slack.calls_to("chat.postMessage")] == [429, 200]
    assert len(fake_slack.messages()) == 1
