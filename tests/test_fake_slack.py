"""The fake Slack Web API, checked with slack_sdk's real clients."""

from __future__ import annotations

import contextlib
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from slack_sdk import WebClient, WebhookClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from tests.support import slack_rules
from tests.support.fake_slack import Call, FakeSlack

pytestmark = pytest.mark.db_independent

DIVIDER = {"type": "divider"}
HOME = {"type": "home", "blocks": [DIVIDER]}


@pytest.fixture(scope="module")
def server() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake(server: FakeSlack) -> Iterator[FakeSlack]:
    """The strict fake, with one public channel the bot is in (most tests post there)."""
    server.reset()
    server.add_channel("C1", name="general", members=["U1"])
    yield server
    server.reset()


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.base_url)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


# ---------------------------------------------------------------------- lifecycle & parsing


def test_base_url_has_api_path_and_trailing_slash(fake: FakeSlack) -> None:
    assert fake.base_url == f"http://127.0.0.1:{fake.port}/api/"


def test_start_stop_frees_the_port() -> None:
    fake = FakeSlack().start()
    url = fake.base_url
    assert WebClient(token="xoxb-test", base_url=url).auth_test()["ok"]
    fake.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "auth.test", data=b"", timeout=2)


def test_records_form_params_with_json_values_decoded(fake: FakeSlack, client: WebClient) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]
    client.api_call(
        "chat.postMessage",
        params={"channel": "C1", "text": "hi", "blocks": json.dumps(blocks), "unfurl_links": False},
    )
    (call,) = fake.calls_to("chat.postMessage")
    assert isinstance(call, Call)
    assert call.params == {"channel": "C1", "text": "hi", "blocks": blocks, "unfurl_links": "0"}
    assert call.token == "xoxb-test"
    assert call.headers["content-type"] == "application/x-www-form-urlencoded"
    assert call.headers["authorization"] == "Bearer xoxb-test"
    assert call.at <= time.time()


def test_records_json_bodies(fake: FakeSlack, client: WebClient) -> None:
    view = {"type": "modal", "title": {"type": "plain_text", "text": "T"}, "blocks": [DIVIDER]}
    fake.add_trigger("t-1")
    client.views_open(trigger_id="t-1", view=view)
    client.chat_postMessage(channel="C1", text="hi", blocks=[{"type": "divider"}])
    assert fake.calls_to("chat.postMessage")[0].params["blocks"] == [{"type": "divider"}]
    (call,) = fake.calls_to("views.open")
    assert call.headers["content-type"].startswith("application/json")
    assert call.params == {"trigger_id": "t-1", "view": view}


def test_token_param_query_string_and_multipart(fake: FakeSlack) -> None:
    status, _, body = _post(
        fake.base_url + "users.list?limit=5",
        urlencode({"token": "xoxb-test", "cursor": ""}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200 and json.loads(body)["ok"]
    (call,) = fake.calls_to("users.list")
    assert call.token == "xoxb-test"
    assert call.params == {"limit": "5", "cursor": ""}

    client = WebClient(token="xoxb-test", base_url=fake.base_url)
    with pytest.raises(SlackApiError) as raised:
        client.api_call(
            "files.upload", files={"file": b"\x00binary\xff"}, data={"channels": "C1,C2"}
        )
    assert raised.value.response["error"] == "unknown_method"
    (upload,) = fake.calls_to("files.upload")
    assert upload.params["file"] == b"\x00binary\xff"
    assert upload.params["channels"] == "C1,C2"


def test_auth_errors(fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as raised:
        WebClient(token="xoxb-nope", base_url=fake.base_url).auth_test()
    assert raised.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as raised:
        WebClient(base_url=fake.base_url).auth_test()
    assert raised.value.response["error"] == "not_authed"


def test_unknown_method_is_recorded(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.api_call("bookmarks.add", params={"channel_id": "C1"})
    assert raised.value.response.data == {"ok": False, "error": "unknown_method"}
    (call,) = fake.calls_to("bookmarks.add")
    assert call.error == "unknown_method" and not call.ok


# ---------------------------------------------------------------------- workspaces & users


def test_auth_test_per_workspace(fake: FakeSlack) -> None:
    fake.add_workspace("T2", bot_token="xoxb-t2", bot_user_id="UBOT2", enterprise_id="E1")
    one = WebClient(token="xoxb-test", base_url=fake.base_url).auth_test()
    two = WebClient(token="xoxb-t2", base_url=fake.base_url).auth_test()
    fake.set_scopes("T2", ["team:read"])
    assert (one["team_id"], one["user_id"]) == ("T1", "UBOT")
    assert one["bot_id"] and "enterprise_id" not in one
    assert (two["team_id"], two["user_id"], two["enterprise_id"]) == ("T2", "UBOT2", "E1")
    assert two["url"].startswith("https://")
    team = WebClient(token="xoxb-t2", base_url=fake.base_url).team_info()["team"]
    assert team["id"] == "T2" and team["enterprise_id"] == "E1"


def test_users_info_and_overlapping_ids_across_workspaces(fake: FakeSlack) -> None:
    fake.add_workspace("T2", bot_token="xoxb-t2")
    fake.add_user("U1", real_name="Ada Lovelace", tz="Europe/Paris", tz_offset=3600)
    fake.add_user("U1", team_id="T2", real_name="Grace Hopper", is_admin=True)
    ada = WebClient(token="xoxb-test", base_url=fake.base_url).users_info(user="U1")["user"]
    grace = WebClient(token="xoxb-t2", base_url=fake.base_url).users_info(user="U1")["user"]
    assert ada["real_name"] == "Ada Lovelace" and ada["team_id"] == "T1"
    assert (ada["tz"], ada["tz_offset"], ada["is_admin"]) == ("Europe/Paris", 3600, False)
    assert ada["profile"]["real_name"] == "Ada Lovelace" and "display_name" in ada["profile"]
    assert {"id", "name", "is_bot", "deleted", "is_owner"} <= ada.keys()
    assert grace["real_name"] == "Grace Hopper" and grace["is_admin"] is True
    with pytest.raises(SlackApiError) as raised:
        WebClient(token="xoxb-test", base_url=fake.base_url).users_info(user="U404")
    assert raised.value.response["error"] == "user_not_found"


def test_users_list_paginates_with_next_cursor(fake: FakeSlack, client: WebClient) -> None:
    for n in range(5):
        fake.add_user(f"U{n}")
    fake.add_user("UX", team_id="T9")
    # SlackResponse iteration follows next_cursor, reusing one response object.
    pages = [[m["id"] for m in page["members"]] for page in client.users_list(limit=2)]
    assert pages == [["U0", "U1"], ["U2", "U3"], ["U4"]]
    cursors = [c.params.get("cursor") for c in fake.calls_to("users.list")]
    assert cursors[0] is None and all(cursors[1:])
    fake.page_size = 3
    assert len(client.users_list(limit=100)["members"]) == 3


# ---------------------------------------------------------------------- chat & conversations


def test_post_message_ts_unique_increasing_and_echoed(fake: FakeSlack, client: WebClient) -> None:
    replies = [client.chat_postMessage(channel="C1", text=f"m{n}") for n in range(3)]
    stamps = [r["ts"] for r in replies]
    assert stamps[0] == "1700000000.000100"
    assert stamps == sorted(stamps, key=float) and len(set(stamps)) == 3
    assert replies[1]["message"]["text"] == "m1" and replies[1]["channel"] == "C1"
    assert replies[1]["message"]["bot_id"]
    assert [m["text"] for m in fake.messages("C1")] == ["m0", "m1", "m2"]


def test_post_message_needs_text(fake: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised, pytest.warns(UserWarning, match="text"):
        client.chat_postMessage(channel="C1")
    assert raised.value.response["error"] == "no_text"


def test_ephemeral_update_delete_schedule(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1")
    assert client.chat_postEphemeral(channel="C1", user="U1", text="psst")["message_ts"]
    ts = client.chat_postMessage(channel="C1", text="v1")["ts"]
    updated = client.chat_update(channel="C1", ts=ts, text="v2")
    assert (updated["ts"], updated["text"], updated["message"]["text"]) == (ts, "v2", "v2")
    assert fake.messages("C1")[0]["text"] == "v2"
    assert client.chat_delete(channel="C1", ts=ts)["ts"] == ts
    assert fake.messages("C1") == []
    post_at = int(time.time()) + 3600
    scheduled = client.chat_scheduleMessage(channel="C1", text="later", post_at=post_at)
    assert scheduled["post_at"] == post_at and scheduled["scheduled_message_id"].startswith("Q")
    with pytest.raises(SlackApiError) as raised:
        client.chat_scheduleMessage(channel="C1", text="past", post_at=int(time.time()) - 10)
    assert raised.value.response["error"] == "time_in_past"


def test_conversations_open_is_stable(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1")
    fake.add_user("U2")
    first = client.conversations_open(users="U1")
    again = client.conversations_open(users=["U1"])
    assert first["channel"]["id"].startswith("D") and "already_open" not in first
    assert again["channel"]["id"] == first["channel"]["id"] and again["already_open"] is True
    group = client.conversations_open(users="U1,U2")["channel"]["id"]
    assert group.startswith("G")
    assert client.conversations_open(users="U2,U1")["channel"]["id"] == group
    fake.set_scopes("T1", ["im:write", "mpim:write", "chat:write", "mpim:read", "channels:read"])
    assert client.conversations_info(channel=group)["channel"]["is_mpim"] is True
    posted = client.chat_postMessage(channel="U1", text="dm")
    assert posted["channel"] == first["channel"]["id"]
    fake.add_channel("C9", name="mentoring", members=["U1"])
    assert client.conversations_info(channel="C9")["channel"]["name"] == "mentoring"
    with pytest.raises(SlackApiError):
        client.conversations_info(channel="C404")


# ---------------------------------------------------------------------- views


MODAL = {
    "type": "modal",
    "callback_id": "offer",
    "title": {"type": "plain_text", "text": "Offer"},
    "blocks": [DIVIDER],
    "private_metadata": "p",
}


def test_views_open_push_update(fake: FakeSlack, client: WebClient) -> None:
    fake.add_trigger("t1")
    fake.add_trigger("t2")
    opened = client.views_open(trigger_id="t1", view=MODAL)["view"]
    assert opened["id"].startswith("V") and opened["callback_id"] == "offer"
    assert opened["private_metadata"] == "p" and opened["hash"]
    with pytest.raises(SlackApiError) as raised:
        client.views_open(trigger_id="t1", view=MODAL)
    assert raised.value.response["error"] == "exchanged_trigger_id"
    pushed = client.views_push(trigger_id="t2", view=MODAL)["view"]
    assert pushed["id"] != opened["id"]
    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL)["view"]
    assert updated["id"] == opened["id"] and updated["hash"] != opened["hash"]
    with pytest.raises(SlackApiError) as raised:
        client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL)
    assert raised.value.response["error"] == "hash_conflict"


def test_views_publish_keeps_one_home_per_user(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1")
    fake.add_user("U2")
    home = {"type": "home", "blocks": [{"type": "divider"}]}
    first = client.views_publish(user_id="U1", view=home)["view"]
    second = client.views_publish(user_id="U1", view=home)["view"]
    other = client.views_publish(user_id="U2", view=home)["view"]
    assert first["id"] == second["id"] != other["id"]
    assert second["type"] == "home" and second["blocks"] == home["blocks"]


# ---------------------------------------------------------------------- files


def test_files_upload_v2_round_trip(fake: FakeSlack, client: WebClient) -> None:
    data = b"name,skill\nAda,python\n"
    result = client.files_upload_v2(channel="C1", content=data, filename="pairs.csv", title="Pairs")
    assert result["file"]["name"] == "pairs.csv" and result["file"]["title"] == "Pairs"
    (url_call,) = fake.calls_to("files.getUploadURLExternal")
    assert url_call.params == {"filename": "pairs.csv", "length": str(len(data))}
    (upload_call,) = fake.calls_to("file_upload")
    file_id = upload_call.params["file_id"]
    assert fake.uploaded(file_id).data == data
    (complete,) = fake.calls_to("files.completeUploadExternal")
    assert complete.params["files"] == [{"id": file_id, "title": "Pairs"}]
    assert complete.params["channel_id"] == "C1"


def test_files_upload_v2_refuses_an_unknown_channel(fake: FakeSlack, client: WebClient) -> None:
    answer = _error(lambda: client.files_upload_v2(channel="G404", content="x", filename="a.ics"))
    assert answer["error"] == "channel_not_found"
    assert fake.calls_to("files.completeUploadExternal")[-1].ok is False


def test_an_upload_of_another_length_than_declared_is_refused(
    fake: FakeSlack, client: WebClient
) -> None:
    issued = client.files_getUploadURLExternal(filename="a.ics", length=5)
    status, _headers, body = _post(issued["upload_url"], b"too long", {})
    assert (status, body) == (400, b"length mismatch")
    with pytest.raises(KeyError):
        fake.uploaded(issued["file_id"])
    answer = _error(lambda: client.files_completeUploadExternal(files=[{"id": issued["file_id"]}]))
    assert answer["error"] == "file_not_found"


# ---------------------------------------------------------------------- response_url


def test_webhook_client_posts_to_response_url(fake: FakeSlack) -> None:
    url = fake.response_url("cmd-1")
    assert url == f"{fake.root_url}response/cmd-1"
    reply = WebhookClient(url).send(text="done", response_type="ephemeral")
    assert (reply.status_code, reply.body) == (200, "ok")
    (call,) = fake.wait_for("response_url")
    assert call.params == {"text": "done", "response_type": "ephemeral", "_name": "cmd-1"}
    assert fake.responses("cmd-1") == [{"text": "done", "response_type": "ephemeral"}]
    assert fake.response_url() != fake.response_url()


def test_response_url_failures_can_be_injected(fake: FakeSlack) -> None:
    fake.fail_next("response_url", status=500)
    assert WebhookClient(fake.response_url()).send(text="x").status_code == 500


# ---------------------------------------------------------------------- failure injection


def test_rate_limited_answer_is_retried_by_rate_limit_handler(
    fake: FakeSlack, client: WebClient
) -> None:
    fake.fail_next("chat.postMessage", status=429, retry_after=1)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    started = time.monotonic()
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]
    assert time.monotonic() - started >= 1.0  # slept Retry-After (+ jitter)
    first, second = fake.calls_to("chat.postMessage")
    assert (first.status, first.error, second.status) == (429, "ratelimited", 200)
    assert fake.rate_limited_count("chat.postMessage") == 1


def test_rate_limited_answer_without_handler_raises(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("users.info", retry_after=7, times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as raised:
            client.users_info(user="U1")
        assert raised.value.response.status_code == 429
        assert raised.value.response.headers["Retry-After"] == "7"
        assert raised.value.response["error"] == "ratelimited"
    fake.add_user("U1")
    assert client.users_info(user="U1")["ok"]


def test_server_errors_and_server_error_retry_handler(fake: FakeSlack, client: WebClient) -> None:
    fake.fail_next("chat.postMessage", status=503, times=1)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="x")
    assert raised.value.response.status_code == 503
    fake.fail_next("chat.postMessage", status=500, times=2)
    client.retry_handlers.append(ServerErrorRetryHandler(max_retry_count=2))
    assert client.chat_postMessage(channel="C1", text="x")["ok"]
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [503, 500, 500, 200]


def test_error_next_answers_ok_false(fake: FakeSlack, client: WebClient) -> None:
    fake.error_next("chat.postMessage", "not_in_channel", times=1)
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="x")
    assert raised.value.response.status_code == 200
    assert raised.value.response["error"] == "not_in_channel"
    assert client.chat_postMessage(channel="C1", text="x")["ok"]


def test_random_failures_are_reproducible(fake: FakeSlack, client: WebClient) -> None:
    def outcomes() -> list[int]:
        fake.reset()
        fake.random_failures(0.5, seed=42, statuses=(500, 503), methods={"auth.test"})
        results = []
        for _ in range(20):
            try:
                client.auth_test()
                results.append(200)
            except SlackApiError as error:
                results.append(error.response.status_code)
        client.users_list()  # not in ``methods``: never fails
        return results

    first = outcomes()
    assert first == outcomes()
    assert {200, 500, 503} <= set(first)


def test_enforced_rate_limit_sliding_window(fake: FakeSlack) -> None:
    fake.add_workspace("T2", bot_token="xoxb-t2")
    fake.add_channel("C1", team_id="T2")
    fake.enforce_rate_limits({"chat.postMessage": (2, 2.0)})
    one = WebClient(token="xoxb-test", base_url=fake.base_url)
    two = WebClient(token="xoxb-t2", base_url=fake.base_url)
    one.chat_postMessage(channel="C1", text="1")
    one.chat_postMessage(channel="C1", text="2")
    two.chat_postMessage(channel="C1", text="other team has its own window")
    with pytest.raises(SlackApiError) as raised:
        one.chat_postMessage(channel="C1", text="3")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "2"
    assert fake.rate_limited_count("chat.postMessage") == 1
    one.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    assert one.chat_postMessage(channel="C1", text="3")["ok"]


def test_latency(fake: FakeSlack, client: WebClient) -> None:
    fake.latency = 0.3
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started >= 0.3


# ---------------------------------------------------------------------- OAuth & uninstall


def test_oauth_v2_access_installs_a_workspace(fake: FakeSlack) -> None:
    fake.set_app_credentials("cid", "secret")
    fake.add_oauth_code("code-1", team_id="T7", team_name="Seven", enterprise_id="E7")
    anonymous = WebClient(base_url=fake.base_url)
    with pytest.raises(SlackApiError) as raised:
        anonymous.oauth_v2_access(client_id="cid", client_secret="bad", code="code-1")
    assert raised.value.response["error"] == "bad_client_secret"
    result = anonymous.oauth_v2_access(client_id="cid", client_secret="secret", code="code-1")
    assert result["token_type"] == "bot" and result["access_token"].startswith("xoxb-")
    assert result["team"] == {"id": "T7", "name": "Seven"}
    assert result["enterprise"]["id"] == "E7" and result["is_enterprise_install"] is False
    assert (result["bot_user_id"], result["authed_user"]["id"]) == ("UBOT", "U1")
    assert result["app_id"] and result["scope"]
    assert "refresh_token" not in result
    installed = WebClient(token=result["access_token"], base_url=fake.base_url).auth_test()
    assert installed["team_id"] == "T7"
    with pytest.raises(SlackApiError) as raised:
        anonymous.oauth_v2_access(client_id="cid", client_secret="secret", code="code-1")
    assert raised.value.response["error"] == "invalid_code"


def test_token_rotation(fake: FakeSlack) -> None:
    fake.enable_token_rotation(expires_in=43_200)
    fake.add_oauth_code("c", team_id="T3", user_scope="identity.basic")
    anonymous = WebClient(base_url=fake.base_url)
    first = anonymous.oauth_v2_access(client_id="cid", client_secret="s", code="c")
    assert first["expires_in"] == 43_200 and first["refresh_token"].startswith("xoxe-")
    assert first["authed_user"]["access_token"].startswith("xoxp-")
    assert first["authed_user"]["refresh_token"]
    fake.expire_token(first["access_token"])
    with pytest.raises(SlackApiError) as raised:
        WebClient(token=first["access_token"], base_url=fake.base_url).auth_test()
    assert raised.value.response["error"] == "token_expired"
    refreshed = anonymous.oauth_v2_access(
        client_id="cid",
        client_secret="s",
        grant_type="refresh_token",
        refresh_token=first["refresh_token"],
    )
    assert refreshed["access_token"] != first["access_token"]
    assert refreshed["refresh_token"] != first["refresh_token"]
    assert WebClient(token=refreshed["access_token"], base_url=fake.base_url).auth_test()["ok"]


def test_auth_revoke_and_apps_uninstall(fake: FakeSlack) -> None:
    fake.add_workspace("T2", bot_token="xoxb-t2")
    fake.add_workspace("T3", bot_token="xoxb-t3")
    assert (
        WebClient(token="xoxb-t2", base_url=fake.base_url).auth_revoke(test=True)["revoked"]
        is False
    )
    assert WebClient(token="xoxb-t2", base_url=fake.base_url).auth_revoke()["revoked"] is True
    with pytest.raises(SlackApiError) as raised:
        WebClient(token="xoxb-t2", base_url=fake.base_url).auth_test()
    assert raised.value.response["error"] == "invalid_auth"
    t3 = WebClient(token="xoxb-t3", base_url=fake.base_url)
    assert t3.apps_uninstall(client_id="cid", client_secret="s")["ok"]
    with pytest.raises(SlackApiError):
        t3.auth_test()


# ---------------------------------------------------------------------- waiting & reset


def test_wait_for_sees_calls_from_other_threads(fake: FakeSlack, client: WebClient) -> None:
    def later() -> None:
        time.sleep(0.2)
        for n in range(3):
            client.chat_postMessage(channel="C1", text=str(n))

    thread = threading.Thread(target=later)
    thread.start()
    calls = fake.wait_for(
        "chat.postMessage", count=2, where=lambda c: c.params["text"] in {"1", "2"}
    )
    thread.join()
    assert [c.params["text"] for c in calls] == ["1", "2"]


def test_wait_for_timeout_dumps_recorded_calls(fake: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="C1", text="hello")
    with pytest.raises(AssertionError) as raised:
        fake.wait_for("views.open", timeout=0.2)
    message = str(raised.value)
    assert "views.open" in message and "chat.postMessage" in message and "hello" in message


def test_concurrent_calls_are_all_recorded(fake: FakeSlack) -> None:
    def post(n: int) -> None:
        WebClient(token="xoxb-test", base_url=fake.base_url).chat_postMessage(
            channel="C1", text=str(n)
        )

    threads = [threading.Thread(target=post, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    calls = fake.calls_to("chat.postMessage")
    assert sorted(int(c.params["text"]) for c in calls) == list(range(20))
    assert len({c.response["ts"] for c in calls if c.response}) == 20


def test_reset_forgets_calls_failures_and_set_up(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1")
    fake.fail_next("auth.test", status=500)
    fake.enforce_rate_limits({"auth.test": (1, 60)})
    client.users_info(user="U1")
    fake.reset()
    assert fake.calls == []
    client.auth_test()
    client.auth_test()
    with pytest.raises(SlackApiError):
        client.users_info(user="U1")
    assert [c.method for c in fake.calls] == ["auth.test", "auth.test", "users.info"]


def test_random_failures_spare_response_urls_unless_named(fake: FakeSlack) -> None:
    fake.random_failures(1.0, seed=1, statuses=(503,))
    assert WebhookClient(fake.response_url()).send(text="x").status_code == 200
    with pytest.raises(SlackApiError):
        WebClient(token="xoxb-test", base_url=fake.base_url).auth_test()
    fake.random_failures(1.0, seed=1, statuses=(503,), methods={"response_url"})
    assert WebhookClient(fake.response_url()).send(text="x").status_code == 503
    fake.random_failures(0, seed=1)
    assert WebClient(token="xoxb-test", base_url=fake.base_url).auth_test()["ok"]


# ---------------------------------------------------------------------- strict: says no like Slack


def _error(call: Callable[[], object]) -> dict:
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value.response.data


def test_strict_refuses_unknown_arguments_naming_them(fake: FakeSlack, client: WebClient) -> None:
    answer = _error(lambda: client.chat_postMessage(channel="C1", text="x", thread_tss="1.2"))
    assert answer["error"] == "invalid_arguments"
    assert "thread_tss" in answer["response_metadata"]["messages"][0]
    fake.add_user("U1")
    answer = _error(lambda: client.api_call("users.info", params={"user": "U1", "usr": "U1"}))
    assert answer["error"] == "invalid_arguments" and "usr" in str(answer)
    assert client.users_info(user="U1", include_locale=True)["ok"]


def test_every_method_the_fake_serves_has_arguments_and_a_scope_rule(fake: FakeSlack) -> None:
    handlers = {name for name in dir(FakeSlack) if name.startswith("_api_")}
    tabled = {"_api_" + method.replace(".", "_") for method in slack_rules.ARGUMENTS}
    assert handlers <= tabled, f"methods without an arguments table: {handlers - tabled}"
    assert "apps.connections.open" in slack_rules.ARGUMENTS
    assert slack_rules.required_scopes("apps.connections.open") == frozenset()


def test_strict_refuses_unknown_channels_and_users(fake: FakeSlack, client: WebClient) -> None:
    assert _error(lambda: client.chat_postMessage(channel="C404", text="x"))["error"] == (
        "channel_not_found"
    )
    assert _error(lambda: client.chat_postMessage(channel="U404", text="x"))["error"] == (
        "channel_not_found"
    )
    assert _error(lambda: client.conversations_open(users="U404"))["error"] == "user_not_found"
    fake.add_user("U9", deleted=True)
    assert _error(lambda: client.conversations_open(users="U9"))["error"] == "user_disabled"
    assert _error(lambda: client.views_publish(user_id="U404", view=HOME))["error"] == (
        "user_not_found"
    )
    fake.add_channel("C2", is_member=False)
    fake.add_channel("G2", is_private=True, is_member=False)
    fake.add_channel("C3", is_archived=True)
    assert _error(lambda: client.chat_postMessage(channel="C2", text="x"))["error"] == (
        "not_in_channel"
    )
    assert _error(lambda: client.chat_postMessage(channel="G2", text="x"))["error"] == (
        "channel_not_found"
    )
    assert _error(lambda: client.chat_postMessage(channel="C3", text="x"))["error"] == (
        "is_archived"
    )
    fake.set_scopes("T1", [*slack_rules.manifest_bot_scopes(), "chat:write.public"])
    assert client.chat_postMessage(channel="C2", text="x")["ok"]


def test_strict_refuses_unknown_messages_and_views(fake: FakeSlack, client: WebClient) -> None:
    ts = client.chat_postMessage(channel="C1", text="v1")["ts"]
    assert _error(lambda: client.chat_update(channel="C1", ts="1.000001", text="v2"))["error"] == (
        "message_not_found"
    )
    assert _error(lambda: client.chat_delete(channel="C1", ts="1.000001"))["error"] == (
        "message_not_found"
    )
    assert _error(lambda: client.chat_update(channel="C404", ts=ts, text="v2"))["error"] == (
        "channel_not_found"
    )
    assert client.chat_update(channel="C1", ts=ts, text="v2")["ok"]
    assert _error(lambda: client.views_update(view_id="V404", view=MODAL))["error"] == "not_found"
    assert _error(lambda: client.views_update(external_id="nope", view=MODAL))["error"] == (
        "not_found"
    )
    fake.add_view({"id": "VSEEN", "team_id": "T1", "type": "modal"})  # one a person interacted with
    assert client.views_update(view_id="VSEEN", view=MODAL)["view"]["id"] == "VSEEN"
    fake.add_workspace("T2", bot_token="xoxb-t2")
    other = WebClient(token="xoxb-t2", base_url=fake.base_url)
    assert _error(lambda: other.views_update(view_id="VSEEN", view=MODAL))["error"] == "not_found"


def test_strict_triggers_unknown_stale_or_used(fake: FakeSlack, client: WebClient) -> None:
    assert _error(lambda: client.views_open(trigger_id="never-sent", view=MODAL))["error"] == (
        "invalid_trigger_id"
    )
    fake.add_trigger("old", age=3.5)
    assert _error(lambda: client.views_open(trigger_id="old", view=MODAL))["error"] == (
        "expired_trigger_id"
    )
    fake.add_trigger("fresh", age=2.0)
    assert client.views_open(trigger_id="fresh", view=MODAL)["ok"]
    assert _error(lambda: client.views_push(trigger_id="fresh", view=MODAL))["error"] == (
        "exchanged_trigger_id"
    )


def test_slack_client_registers_the_triggers_and_views_it_sends(fake: FakeSlack) -> None:
    from tests.support.slack_requests import SlackClient, modal_view

    # Nothing listens on this port: only what the fake learns before sending matters.
    sender = SlackClient("http://127.0.0.1:9", signing_secret="s", fake=fake, timeout=0.5)
    view = modal_view("cb", view_id="VPAYLOAD")
    for send in (
        lambda: sender.command("help", trigger_id="tc"),
        lambda: sender.action("a", trigger_id="ta", view=view),
        lambda: sender.submit_view("cb", trigger_id="ts", trigger_age=5),
    ):
        with contextlib.suppress(OSError):
            send()
    client = WebClient(token="xoxb-test", base_url=fake.base_url)
    assert client.views_open(trigger_id="tc", view=MODAL)["ok"]
    assert client.views_open(trigger_id="ta", view=MODAL)["ok"]
    assert _error(lambda: client.views_open(trigger_id="ts", view=MODAL))["error"] == (
        "expired_trigger_id"
    )
    assert client.views_update(view_id="VPAYLOAD", view=MODAL)["ok"]


def test_strict_size_limits(fake: FakeSlack, client: WebClient) -> None:
    long_text = "x" * 40_001
    assert _error(lambda: client.chat_postMessage(channel="C1", text=long_text))["error"] == (
        "msg_too_long"
    )
    assert client.chat_postMessage(channel="C1", text="x" * 40_000)["ok"]
    too_many = [DIVIDER] * 51
    answer = _error(lambda: client.chat_postMessage(channel="C1", text="x", blocks=too_many))
    assert answer["error"] == "invalid_blocks" and "50" in str(answer)
    assert client.chat_postMessage(channel="C1", text="x", blocks=[DIVIDER] * 50)["ok"]
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "s" * 3_001}}
    answer = _error(lambda: client.chat_postMessage(channel="C1", text="x", blocks=[section]))
    assert answer["error"] == "invalid_blocks" and "3000" in str(answer)
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}
    answer = _error(lambda: client.chat_postMessage(channel="C1", text="x", blocks=[header]))
    assert answer["error"] == "invalid_blocks"
    weird = {"type": "no_such_block"}
    answer = _error(lambda: client.chat_postMessage(channel="C1", text="x", blocks=[weird]))
    assert answer["error"] == "invalid_blocks"

    fake.add_user("U1")
    big_home = {"type": "home", "blocks": [DIVIDER] * 101}
    answer = _error(lambda: client.views_publish(user_id="U1", view=big_home))
    assert answer["error"] == "invalid_arguments"
    assert client.views_publish(user_id="U1", view={**big_home, "blocks": [DIVIDER] * 100})["ok"]
    fake.add_trigger("t")
    long_title = {**MODAL, "title": {"type": "plain_text", "text": "t" * 25}}
    assert _error(lambda: client.views_open(trigger_id="t", view=long_title))["error"] == (
        "invalid_arguments"
    )
    metadata = {**MODAL, "private_metadata": "m" * 3_001}
    assert _error(lambda: client.views_open(trigger_id="t", view=metadata))["error"] == (
        "invalid_arguments"
    )
    assert client.views_open(trigger_id="t", view=MODAL)["ok"]  # refusals don't use it up


def test_strict_response_url_refuses_like_slack(fake: FakeSlack) -> None:
    url = fake.response_url()
    reply = WebhookClient(url).send(text="x" * 40_001)
    assert (reply.status_code, reply.body) == (400, "msg_too_long")
    reply = WebhookClient(url).send(text="x", blocks=[DIVIDER] * 51)
    assert (reply.status_code, reply.body) == (400, "invalid_blocks")
    assert WebhookClient(url).send(delete_original=True).status_code == 200


def test_missing_scope_names_what_is_needed(fake: FakeSlack, client: WebClient) -> None:
    fake.add_user("U1")
    fake.add_user("U2")
    fake.set_scopes("T1", ["chat:write", "im:write"])
    answer = _error(lambda: client.users_info(user="U1"))
    assert (answer["error"], answer["needed"]) == ("missing_scope", "users:read")
    assert answer["provided"] == "chat:write,im:write"
    dm = client.conversations_open(users="U1")["channel"]["id"]
    answer = _error(lambda: client.conversations_open(users="U1,U2"))
    assert answer["needed"] == "mpim:write"
    assert _error(lambda: client.conversations_history(channel=dm))["needed"] == "im:history"
    assert _error(lambda: client.conversations_history(channel="C1"))["needed"] == (
        "channels:history"
    )
    fake.add_channel("G1", is_private=True)
    assert _error(lambda: client.conversations_history(channel="G1"))["needed"] == (
        "groups:history"
    )
    assert (
        _error(lambda: client.files_getUploadURLExternal(filename="a", length=1))["needed"]
        == "files:write"
    )
    fake.add_trigger("t")
    assert client.views_open(trigger_id="t", view=MODAL)["ok"]  # views need no scope


def test_bot_tokens_get_the_manifest_scopes(fake: FakeSlack, client: WebClient) -> None:
    manifest = yaml.safe_load((Path(__file__).parents[1] / "manifest.yml").read_text())
    granted = set(manifest["oauth_config"]["scopes"]["bot"])
    assert slack_rules.manifest_bot_scopes() == granted
    answer = _error(lambda: client.team_info())
    assert answer["error"] == "missing_scope"
    assert set(answer["provided"].split(",")) == granted


def test_oauth_installs_get_the_granted_scopes(fake: FakeSlack) -> None:
    fake.add_oauth_code("c", team_id="T5", scope="chat:write")
    token = WebClient(base_url=fake.base_url).oauth_v2_access(
        client_id="cid", client_secret="s", code="c"
    )["access_token"]
    installed = WebClient(token=token, base_url=fake.base_url)
    assert _error(lambda: installed.users_list())["needed"] == "users:read"


def test_history_returns_what_was_posted(fake: FakeSlack, client: WebClient) -> None:
    fake.ts_clock = lambda: 1_800_000_000.0
    fake.add_user("U1")
    dm = client.conversations_open(users="U1")["channel"]["id"]
    metadata = {"event_type": "outbox", "event_payload": {"key": "k1"}}
    stamps = [
        client.chat_postMessage(channel=dm, text=f"m{n}", metadata=metadata)["ts"] for n in range(5)
    ]
    client.chat_postMessage(channel="C1", text="elsewhere")
    page = client.conversations_history(channel=dm, limit=2)
    assert [m["text"] for m in page["messages"]] == ["m4", "m3"] and page["has_more"]
    assert "metadata" not in page["messages"][0]
    rest = client.conversations_history(
        channel=dm, limit=10, cursor=page["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in rest["messages"]] == ["m2", "m1", "m0"] and not rest["has_more"]
    ranged = client.conversations_history(
        channel=dm, oldest=stamps[1], latest=stamps[3], include_all_metadata=True
    )
    assert [m["text"] for m in ranged["messages"]] == ["m2"]
    assert ranged["messages"][0]["metadata"] == metadata
    inclusive = client.conversations_history(
        channel=dm, oldest=stamps[1], latest=stamps[3], inclusive=True
    )
    assert [m["text"] for m in inclusive["messages"]] == ["m3", "m2", "m1"]


def test_lenient_fake_accepts_what_slack_would_refuse() -> None:
    with FakeSlack(strict=False) as fake:
        client = WebClient(token="xoxb-test", base_url=fake.base_url)
        assert client.chat_postMessage(channel="C404", text="x" * 40_001, shout=1)["ok"]
        assert client.views_open(trigger_id="never-sent", view={"type": "modal"})["ok"]
        assert client.conversations_open(users="U404")["ok"]
        fake.set_scopes("T1", [])
        assert client.users_list()["ok"]
        fake.strict = True
        assert _error(lambda: client.users_list())["error"] == "missing_scope"
        fake.reset()
        assert fake.strict is False  # reset returns to the constructor's setting


@pytest.mark.lenient_slack("shows the marker: this test posts to a channel it never declared")
def test_the_lenient_marker_relaxes_the_shared_fixture(fake_slack: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=fake_slack.base_url)
    assert fake_slack.strict is False
    assert client.chat_postMessage(channel="CUNDECLARED", text="hi")["ok"]


def test_the_shared_fixture_is_strict_without_the_marker(fake_slack: FakeSlack) -> None:
    client = WebClient(token="xoxb-test", base_url=fake_slack.base_url)
    assert fake_slack.strict is True
    assert _error(lambda: client.chat_postMessage(channel="CUNDECLARED", text="hi"))["error"] == (
        "channel_not_found"
    )


def test_replies_stay_in_their_thread_out_of_the_channel_history(
    fake: FakeSlack, client: WebClient
) -> None:
    fake.add_user("U1")
    dm = client.conversations_open(users="U1")["channel"]["id"]
    parent = client.chat_postMessage(channel=dm, text="intro")["ts"]
    client.chat_postMessage(channel=dm, text="a reply", thread_ts=parent)
    client.chat_postMessage(channel=dm, text="later")
    history = client.conversations_history(channel=dm)
    assert [m["text"] for m in history["messages"]] == ["later", "intro"]
    thread = client.conversations_replies(channel=dm, ts=parent)
    assert sorted(m["text"] for m in thread["messages"]) == ["a reply", "intro"]
    assert _error(lambda: client.conversations_replies(channel=dm, ts="1.000001"))["error"] == (
        "thread_not_found"
    )
    assert _error(lambda: client.chat_postMessage(channel=dm, text="x", thread_ts="1.000001"))[
        "error"
    ] == ("thread_not_found")


def test_usergroups_list_shows_enabled_groups_and_disabled_ones_on_request(
    fake: FakeSlack, client: WebClient
) -> None:
    fake.add_usergroup("S1", name="Leadership team", handle="leads", users=["U1", "U2"])
    fake.add_usergroup("S2", name="Old guild", users=["U3"], disabled=True)
    fake.add_usergroup("S3", name="Elsewhere", team_id="T2")
    groups = client.usergroups_list()["usergroups"]
    listed = [(g["id"], g["name"], g["handle"]) for g in groups]
    assert listed == [("S1", "Leadership team", "leads")]
    assert "users" not in groups[0] and "user_count" not in groups[0]
    every = client.usergroups_list(include_disabled=True, include_users=True, include_count=True)
    by_id = {g["id"]: g for g in every["usergroups"]}
    assert set(by_id) == {"S1", "S2"}  # never another workspace's
    assert by_id["S2"]["date_delete"] > 0 and by_id["S1"]["date_delete"] == 0
    assert by_id["S1"]["users"] == ["U1", "U2"] and by_id["S1"]["user_count"] == 2
    assert "response_metadata" not in every.data  # one answer, no cursor


def test_usergroups_users_list_refuses_unknown_and_disabled_groups(
    fake: FakeSlack, client: WebClient
) -> None:
    fake.add_usergroup("S1", name="Leadership team", users=["U1", "U2"])
    fake.add_usergroup("S2", name="Old guild", users=["U3"], disabled=True)
    assert client.usergroups_users_list(usergroup="S1")["users"] == ["U1", "U2"]
    fake.set_usergroup_users("S1", ["U2", "U4"])
    assert client.usergroups_users_list(usergroup="S1")["users"] == ["U2", "U4"]
    assert _error(lambda: client.usergroups_users_list(usergroup="S9"))["error"] == (
        "no_such_subteam"
    )
    assert _error(lambda: client.usergroups_users_list(usergroup="S2"))["error"] == (
        "no_such_subteam"
    )
    assert client.usergroups_users_list(usergroup="S2", include_disabled=True)["users"] == ["U3"]
    answer = _error(lambda: client.api_call("usergroups.users.list", params={"group": "S1"}))
    assert answer["error"] == "invalid_arguments"


def test_usergroups_need_their_scope(fake: FakeSlack, client: WebClient) -> None:
    fake.add_usergroup("S1", name="Leadership team", users=["U1"])
    fake.set_scopes("T1", ["chat:write", "users:read"])
    for call in (client.usergroups_list, lambda: client.usergroups_users_list(usergroup="S1")):
        answer = _error(call)
        assert (answer["error"], answer["needed"]) == ("missing_scope", "usergroups:read")
