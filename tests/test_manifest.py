"""manifest.yml matches the app: every command and event has a listener, every Slack
method we call is covered by a scope the manifest asks for, and no scope is unused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.e2e.helpers import command_reply

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text())

# The bot scopes each Web API method needs (Slack's method docs). A method the code calls
# that is missing here fails the test, so new calls force a conscious scope decision.
SCOPES_BY_METHOD: dict[str, set[str]] = {
    "users_info": {"users:read"},
    "users_list": {"users:read"},
    "usergroups_list": {"usergroups:read"},
    "usergroups_users_list": {"usergroups:read"},
    "chat_postMessage": {"chat:write"},
    "chat_postEphemeral": {"chat:write"},
    "chat_update": {"chat:write"},
    "chat_delete": {"chat:write"},
    "chat_scheduleMessage": {"chat:write"},
    "conversations_open": {"im:write", "mpim:write"},
    "files_upload_v2": {"files:write"},
    "views_open": set(),
    "views_push": set(),
    "views_update": set(),
    "views_publish": set(),
    "auth_test": set(),
    "team_info": {"team:read"},
    # The sender reads DMs, group DMs and the announcement channel (public or private).
    "conversations_history": {"im:history", "mpim:history", "channels:history", "groups:history"},
    # The same check for a reply in a thread (a learning log entry under the pair's intro).
    "conversations_replies": {"im:history", "mpim:history", "channels:history", "groups:history"},
}
SCOPES_FOR_FEATURES = {"commands"}  # slash commands need no method call


def methods_called_by_the_code() -> set[str]:
    pattern = re.compile(r"\bclient\.(\w+)\(")
    found: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        found |= set(pattern.findall(path.read_text()))
    return found


def test_manifest_has_the_basics():
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"] is True
    assert MANIFEST["settings"]["socket_mode_enabled"] is True
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    command = MANIFEST["features"]["slash_commands"][0]
    assert command["command"] == "/mentor" and command["description"] and command["usage_hint"]


def test_every_method_the_code_calls_has_its_scope_in_the_manifest():
    granted = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    called = methods_called_by_the_code()
    unknown = called - SCOPES_BY_METHOD.keys()
    assert not unknown, f"add these methods to SCOPES_BY_METHOD: {sorted(unknown)}"
    for method in called:
        assert SCOPES_BY_METHOD[method] <= granted, f"{method} needs {SCOPES_BY_METHOD[method]}"
    needed = set().union(*(SCOPES_BY_METHOD[m] for m in called)) | SCOPES_FOR_FEATURES
    assert granted <= needed, f"scopes nobody uses: {sorted(granted - needed)}"


def bot_events() -> list[str]:
    return MANIFEST["settings"]["event_subscriptions"]["bot_events"]


@pytest.mark.parametrize("event_type", bot_events())
def test_every_manifest_event_has_a_listener(slack, fake_slack, event_type):
    event = {"type": event_type, "user": "U1", "tab": "home", "event_ts": "1.0"}
    if event_type == "user_change":
        event["user"] = {"id": "U1", "team_id": "T1", "deleted": False}
    if event_type == "tokens_revoked":
        event["tokens"] = {"oauth": ["U9"], "bot": []}
    response = slack.event(event)
    assert response.status == 200, f"{event_type}: {response.status} {response.text}"


def test_an_event_without_a_listener_is_refused(slack):
    """Guards the test above: Bolt answers 404 when no listener takes an event."""
    assert slack.event({"type": "reaction_added", "user": "U1"}).status == 404


def test_every_manifest_command_has_a_listener(slack, fake_slack):
    fake_slack.add_user("U1")
    for command in MANIFEST["features"]["slash_commands"]:
        reply = command_reply(slack, fake_slack, "help", command=command["command"])
        assert reply["response_type"] == "ephemeral"
