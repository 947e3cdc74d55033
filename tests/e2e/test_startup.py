"""What `mentorbot run` and `mentorbot worker` say when they can't start: missing settings
for the chosen mode, tokens Slack rejects, a Slack that can't be reached.

Each test runs the installed `mentorbot` command as a process against the fake Slack Web
API and checks that nothing started before the answer: no database file, no other call.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BOT_TOKEN, SIGNING_SECRET

pytestmark = pytest.mark.db_independent

MENTORBOT = Path(sys.executable).with_name("mentorbot")


def run_mentorbot(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`mentorbot ARGS` from an empty directory, with only the given Slack settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    clean.update(env)
    clean["DATABASE_URL"] = f"sqlite:///{tmp_path / 'bot.db'}"
    return subprocess.run(
        [str(MENTORBOT), *args],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_stopped_before_starting(result: subprocess.CompletedProcess[str], tmp_path: Path):
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.stdout == ""
    # Migrations would have created the database file: nothing ran before the check.
    assert not (tmp_path / "bot.db").exists()


def refused(
    tmp_path: Path, *args: str, exit_code: int = 2, **env: str
) -> subprocess.CompletedProcess[str]:
    """`mentorbot ARGS`, which must exit with `exit_code` before starting anything."""
    result = run_mentorbot(tmp_path, *args, **env)
    assert result.returncode == exit_code, result.stderr
    assert_stopped_before_starting(result, tmp_path)
    return result


def one_paragraph(text: str) -> str:
    text = text.strip()
    assert text and "\n\n" not in text, text
    return " ".join(text.split())


# --------------------------------------------------------------------------- settings


def test_nothing_set_explains_both_ways_and_recommends_socket_mode(tmp_path):
    result = refused(tmp_path, "run")
    message = result.stderr
    assert "no Slack credentials are set" in message
    socket_part, http_part = message.split("Socket Mode - ")[1].split("HTTP - ")
    assert "recommended for trying mentorbot out" in socket_part
    assert "SLACK_APP_TOKEN" in socket_part and "SLACK_BOT_TOKEN" in socket_part
    assert "SLACK_SIGNING_SECRET" not in socket_part
    assert "SLACK_BOT_TOKEN" in http_part and "SLACK_SIGNING_SECRET" in http_part
    assert "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET" in http_part
    assert "manifest.yml" in message and ".env.example" in message


def test_env_example_copied_to_env_as_is_reads_as_nothing_set(tmp_path):
    root = Path(__file__).resolve().parents[2]
    (tmp_path / ".env").write_text((root / ".env.example").read_text())
    result = refused(tmp_path, "run")
    assert "no Slack credentials are set" in result.stderr


def test_socket_mode_asks_for_the_bot_token_not_the_signing_secret(tmp_path):
    result = refused(tmp_path, "run", SLACK_APP_TOKEN="xapp-1-A1-1-abc")
    first_line = result.stderr.splitlines()[0]
    assert "SLACK_BOT_TOKEN is not set" in first_line
    assert "SLACK_SIGNING_SECRET" not in result.stderr
    assert "Socket Mode" in result.stderr


def test_a_bot_token_alone_asks_for_the_signing_secret_and_offers_socket_mode(tmp_path):
    result = refused(tmp_path, "run", SLACK_BOT_TOKEN=BOT_TOKEN)
    message = " ".join(result.stderr.split())
    assert message.startswith("mentorbot can't start: SLACK_SIGNING_SECRET is not set.")
    assert "use Socket Mode instead: it needs SLACK_APP_TOKEN and SLACK_BOT_TOKEN" in message


def test_http_mode_with_the_signing_secret_alone_asks_for_the_bot_token(tmp_path):
    result = refused(tmp_path, "run", SLACK_SIGNING_SECRET=SIGNING_SECRET)
    assert "SLACK_BOT_TOKEN is not set" in result.stderr.splitlines()[0]


def test_oauth_with_only_the_client_id_asks_for_the_secret(tmp_path):
    result = refused(
        tmp_path, "run", SLACK_CLIENT_ID="123.456", SLACK_SIGNING_SECRET=SIGNING_SECRET
    )
    message = " ".join(result.stderr.split())
    assert message.startswith("mentorbot can't start: SLACK_CLIENT_SECRET is not set.")
    assert "OAuth" in message
    assert "SLACK_BOT_TOKEN is not set" not in message


def test_worker_without_a_bot_token(tmp_path):
    result = refused(tmp_path, "worker", SLACK_SIGNING_SECRET=SIGNING_SECRET)
    assert "SLACK_BOT_TOKEN is not set" in result.stderr.splitlines()[0]


# --------------------------------------------------------------------------- tokens


@pytest.mark.parametrize(
    "error", ["invalid_auth", "not_authed", "account_inactive", "token_revoked"]
)
def test_a_bot_token_slack_rejects_is_one_paragraph_and_exit_2(tmp_path, fake_slack, error):
    token = "xoxb-not-known-to-slack" if error == "invalid_auth" else BOT_TOKEN
    if error != "invalid_auth":
        fake_slack.error_next("auth.test", error)
    result = refused(
        tmp_path,
        "run",
        SLACK_BOT_TOKEN=token,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
    )
    message = one_paragraph(result.stderr)
    assert message.startswith("mentorbot can't start: Slack rejected SLACK_BOT_TOKEN")
    assert f'"{error}"' in message
    assert "OAuth & Permissions" in message
    assert token not in message  # never echo a secret
    assert [call.method for call in fake_slack.calls] == ["auth.test"]
    assert fake_slack.calls[0].error == error


def test_an_app_token_slack_does_not_know(tmp_path, fake_slack):
    result = refused(
        tmp_path,
        "run",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN="xapp-1-A0-1-not-known",
        SLACK_API_URL=fake_slack.base_url,
    )
    message = one_paragraph(result.stderr)
    assert message.startswith("mentorbot can't start: Slack rejected SLACK_APP_TOKEN")
    assert '"invalid_auth"' in message and "App-Level Tokens" in message
    assert [call.method for call in fake_slack.calls] == ["auth.test", "apps.connections.open"]
    assert fake_slack.calls[-1].error == "invalid_auth"


def test_an_app_token_of_the_wrong_type(tmp_path, fake_slack):
    fake_slack.error_next("apps.connections.open", "not_allowed_token_type")
    result = refused(
        tmp_path,
        "run",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN="xapp-1-A0-1-abc",
        SLACK_API_URL=fake_slack.base_url,
    )
    message = one_paragraph(result.stderr)
    assert "Slack rejected SLACK_APP_TOKEN" in message
    assert '"not_allowed_token_type"' in message and "wrong kind of token" in message


def test_a_bot_token_where_the_app_token_belongs(tmp_path, fake_slack):
    result = refused(
        tmp_path,
        "run",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN="xoxb-pasted-twice",
        SLACK_API_URL=fake_slack.base_url,
    )
    message = one_paragraph(result.stderr)
    assert "SLACK_APP_TOKEN holds a bot token (xoxb-...)" in message
    assert "xapp-" in message
    assert fake_slack.calls == []  # told without asking Slack


def test_an_app_token_where_the_bot_token_belongs(tmp_path, fake_slack):
    result = refused(
        tmp_path,
        "run",
        SLACK_BOT_TOKEN="xapp-1-A0-1-abc",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
    )
    message = one_paragraph(result.stderr)
    assert "SLACK_BOT_TOKEN holds an app-level token (xapp-...)" in message
    assert "belongs in SLACK_APP_TOKEN" in message
    assert fake_slack.calls == []


def test_worker_checks_the_bot_token_too(tmp_path, fake_slack):
    result = refused(
        tmp_path, "worker", SLACK_BOT_TOKEN="xoxb-gone", SLACK_API_URL=fake_slack.base_url
    )
    assert "Slack rejected SLACK_BOT_TOKEN" in one_paragraph(result.stderr)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again on leaving: nothing listens there


def test_slack_unreachable_is_a_different_message(tmp_path):
    result = refused(
        tmp_path,
        "run",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=f"http://127.0.0.1:{closed_port()}/api/",
        exit_code=1,
    )
    message = one_paragraph(result.stderr)
    assert "could not be reached" in message and "rejected" not in message
    assert "SLACK_API_URL" in message


def test_slack_answering_5xx_says_try_again(tmp_path, fake_slack):
    fake_slack.fail_next("auth.test", status=503, times=5)
    result = refused(
        tmp_path,
        "run",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
        exit_code=1,
    )
    message = one_paragraph(result.stderr)
    assert "HTTP 503" in message and "try again" in message
