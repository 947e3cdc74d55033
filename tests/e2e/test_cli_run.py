"""`mentorbot run` as an operator starts it: a real process, configured by environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import SIGNING_SECRET
from tests.support.slack_requests import SlackClient

ROOT = Path(__file__).resolve().parents[2]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env.update(extra)
    return env


def test_run_without_credentials_exits_2_with_help_and_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no Slack credentials are set" in result.stderr
    assert "manifest.yml" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the bot did not become healthy")


@pytest.mark.db_independent
def test_run_in_http_mode_answers_a_signed_offer(tmp_path, fake_slack):
    """The issue's acceptance check, on a fresh SQLite file the process migrates itself."""
    fake_slack.add_user("U1", display_name="Ada")
    port = free_port()
    database = tmp_path / "bot.db"
    env = clean_env(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
        DATABASE_URL=f"sqlite:///{database}",
        PORT=str(port),
        HOST="127.0.0.1",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, process)
        slack = SlackClient(url, signing_secret=SIGNING_SECRET, fake=fake_slack)
        response = slack.command(
            "offer social-media", user_id="U1", response_url=fake_slack.response_url("run")
        )
        assert response.status == 200
        reply = fake_slack.wait_for("response_url")[0].params
        assert reply["response_type"] == "ephemeral"
        assert "Social media" in str(reply["blocks"])
        engine = create_engine(f"sqlite:///{database}")
        with engine.connect() as connection:
            stored = connection.execute(
                text("SELECT s.slug, o.level FROM offers o JOIN skills s ON s.id = o.skill_id")
            ).all()
        engine.dispose()
        assert [tuple(row) for row in stored] == [("social-media", 3)]
    finally:
        process.terminate()
        process.wait(timeout=10)
