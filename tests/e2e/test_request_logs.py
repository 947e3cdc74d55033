"""One log line per HTTP request with workspace, user, action and duration; no token, and
no text people typed, ever reaches the log output."""

from __future__ import annotations

import logging
import re

from bot.core.logging_setup import ContextFormatter
from tests.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.e2e.helpers import command_reply
from tests.support.oauth import CLIENT_SECRET, running
from tests.support.slack_requests import SlackClient

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
TYPED_TEXT = "my manager keeps shouting at me"


def output(caplog) -> list[str]:
    """The lines an operator would see: our formatter applied to every record."""
    formatter = ContextFormatter(FORMAT)
    return [formatter.format(record) for record in caplog.records]


def request_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if "mentorbot.http http request" in line]


def test_each_request_is_one_line_with_who_what_and_how_long(slack, fake_slack, caplog):
    caplog.set_level(logging.INFO)
    fake_slack.add_user("U1")
    command_reply(slack, fake_slack, "offer python")
    slack.event({"type": "app_home_opened", "user": "U1", "tab": "home", "event_ts": "1.0"})
    fake_slack.wait_for("views.publish")
    assert slack.command("list", unsigned=True).status == 401

    lines = request_lines(output(caplog))
    assert len(lines) == 3, lines
    command, home, forged = lines
    assert re.search(r'team_id=T1 user_id=U1 action="/mentor offer" method=POST', command)
    assert re.search(r"path=/slack/events status=200 duration_ms=\d+", command)
    assert "team_id=T1 user_id=U1 action=event:app_home_opened" in home
    assert "status=401" in forged and "team_id" not in forged


def test_command_text_never_reaches_the_log(slack, fake_slack, caplog):
    caplog.set_level(logging.INFO)
    fake_slack.add_user("U1")
    command_reply(slack, fake_slack, f"offer python level 9 {TYPED_TEXT}")
    command_reply(slack, fake_slack, f"{TYPED_TEXT}")
    text = "\n".join(output(caplog))
    assert "manager" not in text
    assert 'action="/mentor ?"' in text  # an unknown verb is named by nothing it said


def test_no_token_or_secret_is_logged_even_at_debug_level(oauth_deps, fake_slack, caplog):
    caplog.set_level(logging.DEBUG)
    fake_slack.enable_token_rotation(expires_in=12 * 3600)
    with running(oauth_deps) as bot:
        bot.install(fake_slack, code="code-L", team_id="TL")
        fake_slack.add_user("U1", team_id="TL")
        slack = SlackClient(bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack, team_id="TL")
        command_reply(slack, fake_slack, "offer python")
    secrets = {fake_slack.workspace("TL").bot_token, CLIENT_SECRET, SIGNING_SECRET, BOT_TOKEN}
    for call in fake_slack.calls_to("oauth.v2.access"):
        secrets.add((call.response or {}).get("refresh_token") or CLIENT_SECRET)
    text = "\n".join(output(caplog))
    assert "oauth.v2.access" in text  # the debug lines that carry tokens were there
    for secret in secrets:
        assert secret not in text
    assert "xoxb-[redacted]" in text or "xoxe-[redacted]" in text
