"""Finding our own earlier post in a channel's history, and the fake Slack's history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.delivery.confirmation import (
    CLOCK_SKEW_MARGIN,
    OUTBOX_EVENT_TYPE,
    history_oldest,
    outbox_metadata,
    posted_ts,
)


def test_our_post_is_recognised_by_its_key_only():
    ours = {"ts": "5.0", "metadata": outbox_metadata("intro:pair=1")}
    other_key = {"ts": "4.0", "metadata": outbox_metadata("intro:pair=2")}
    other_app = {"ts": "3.0", "metadata": {"event_type": "x", "event_payload": {}}}
    person = {"ts": "2.0", "text": "intro:pair=1"}
    assert posted_ts([person, other_app, other_key, ours], "intro:pair=1") == "5.0"
    assert posted_ts([person, other_app, other_key], "intro:pair=1") is None
    assert outbox_metadata("k")["event_type"] == OUTBOX_EVENT_TYPE


def test_history_is_read_from_a_margin_before_the_attempt():
    since = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert float(history_oldest(since)) == (since - CLOCK_SKEW_MARGIN).timestamp()


@pytest.fixture
def client(fake_slack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake_slack.base_url)


def test_fake_history_pages_newest_first_within_oldest(fake_slack, client):
    now = [1_800_000_000.0]
    fake_slack.ts_clock = lambda: now[0]
    fake_slack.add_user("U1")
    fake_slack.add_user("U2")
    channel = client.conversations_open(users="U1,U2")["channel"]["id"]
    stamps = []
    for n in range(5):
        now[0] += 10
        posted = client.chat_postMessage(
            channel=channel, text=f"m{n}", metadata=outbox_metadata(f"k{n}")
        )
        stamps.append(posted["ts"])
    assert stamps == sorted(stamps) and float(stamps[0]) == 1_800_000_010.0

    page = client.conversations_history(
        channel=channel, oldest=stamps[1], inclusive=True, limit=2, include_all_metadata=True
    )
    assert [m["ts"] for m in page["messages"]] == [stamps[4], stamps[3]]
    assert page["has_more"] is True
    assert page["messages"][0]["metadata"] == outbox_metadata("k4")
    rest = client.conversations_history(
        channel=channel,
        oldest=stamps[1],
        inclusive=True,
        limit=2,
        cursor=page["response_metadata"]["next_cursor"],
    )
    assert [m["ts"] for m in rest["messages"]] == [stamps[2], stamps[1]]
    assert rest["has_more"] is False and rest["response_metadata"]["next_cursor"] == ""
    assert all("metadata" not in m for m in rest["messages"])  # not asked for
    exclusive = client.conversations_history(channel=channel, oldest=stamps[3])
    assert [m["ts"] for m in exclusive["messages"]] == [stamps[4]]


def test_fake_history_of_an_unknown_channel_and_bad_metadata(fake_slack, client):
    with pytest.raises(SlackApiError) as unknown:
        client.conversations_history(channel="CNOPE")
    assert unknown.value.response["error"] == "channel_not_found"
    fake_slack.add_user("U1")
    with pytest.raises(SlackApiError) as bad:
        client.chat_postMessage(channel="U1", text="hi", metadata={"event_type": "x"})
    assert bad.value.response["error"] == "invalid_metadata_format"


def test_fake_fails_one_workspace_only_and_runs_call_hooks(fake_slack, client):
    fake_slack.add_workspace("T2", bot_token="xoxb-t2")
    fake_slack.add_user("U5")
    fake_slack.add_user("U5", team_id="T2")
    other = WebClient(token="xoxb-t2", base_url=fake_slack.base_url)
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=7, team_id="T1")
    seen = []
    fake_slack.on_call("chat.postMessage", lambda call: seen.append(call.status))
    assert other.chat_postMessage(channel="U5", text="hi")["ok"]
    with pytest.raises(SlackApiError) as limited:
        client.chat_postMessage(channel="U5", text="hi")
    assert limited.value.response.headers["Retry-After"] == "7"
    assert client.chat_postMessage(channel="U5", text="hi")["ok"]
    assert seen == [200, 429, 200]
