"""`mentorbot run` as an operator starts it: a real process, configured by environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import SIGNING_SECRET
from tests.support.bot_process import clean_env, running_bot
from tests.support.slack_requests import SlackClient

ROOT = Path(__file__).resolve().parents[2]


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


@pytest.mark.db_independent
def test_run_in_http_mode_answers_a_signed_offer(tmp_path, fake_slack):
    """The issue's acceptance check, on a fresh SQLite file the process migrates itself."""
    fake_slack.add_user("U1", display_name="Ada")
    database = tmp_path / "bot.db"
    env = clean_env(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
        DATABASE_URL=f"sqlite:///{database}",
    )
    with running_bot([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env) as bot:
        slack = SlackClient(bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack)
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
