"""With MENTORBOT_TOKEN_KEY set, no Slack token is stored in the clear, and everything
(commands, token rotation, jobs) still works."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from bot.core.deps import Deps
from bot.core.listener_pool import wait_all_idle
from bot.core.token_crypto import new_key
from bot.db.models import Base, slack_bots
from bot.slack.tokens import bot_token_for
from tests.conftest import SIGNING_SECRET
from tests.e2e.helpers import command_reply
from tests.e2e.test_oauth import _expire_soon
from tests.support.oauth import oauth_deps_for, running
from tests.support.slack_requests import SlackClient


@pytest.fixture
def encrypted_deps(fake_slack, engine, sessions, clock) -> Deps:
    return oauth_deps_for(fake_slack, engine, sessions, clock, mentorbot_token_key=new_key())


def everything_stored(engine) -> str:
    """Every value in every table, as one string to search."""
    dumped = []
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(text(f"SELECT * FROM {table.name}")):
                dumped.extend(str(value) for value in row)
    return "\n".join(dumped)


def issued_tokens(fake_slack) -> set[str]:
    tokens = set()
    for call in fake_slack.calls_to("oauth.v2.access"):
        answer = call.response or {}
        tokens |= {answer[k] for k in ("access_token", "refresh_token") if answer.get(k)}
    return tokens


def test_tokens_are_encrypted_at_rest_and_still_work(encrypted_deps, fake_slack, engine, sessions):
    fake_slack.enable_token_rotation(expires_in=12 * 3600)
    with running(encrypted_deps) as bot:
        bot.install(fake_slack, code="code-E", team_id="TE")
        first = fake_slack.workspace("TE").bot_token
        fake_slack.add_user("U1", team_id="TE")
        slack = SlackClient(bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack, team_id="TE")
        command_reply(slack, fake_slack, "offer python")
        # The App Home refresh after the reply runs on: let it finish with this token.
        assert wait_all_idle(timeout=10.0)
        assert fake_slack.calls_to("users.info")[-1].token == first

        _expire_soon(sessions, "TE")
        fake_slack.expire_token(first)
        fake_slack.add_user("U2", team_id="TE")
        command_reply(slack, fake_slack, "offer go", user_id="U2")
        refreshed = fake_slack.workspace("TE").bot_token
        assert refreshed != first
        assert fake_slack.calls_to("users.info")[-1].token == refreshed

    tokens = issued_tokens(fake_slack)
    assert len(tokens) == 4  # bot token + refresh token, at install and at refresh
    stored = everything_stored(engine)
    for token in tokens:
        assert token not in stored
    with sessions() as session:
        for value in session.execute(
            select(slack_bots.c.bot_token, slack_bots.c.bot_refresh_token)
        ):
            assert all(part.startswith("gAAAAA") for part in value)
    assert bot_token_for(encrypted_deps, team_id="TE") == refreshed  # jobs decrypt it too


def test_a_wrong_key_is_refused_before_any_token_is_used(encrypted_deps, fake_slack, sessions):
    with running(encrypted_deps) as bot:
        bot.install(fake_slack, code="code-W", team_id="TW")
    without_key = oauth_deps_for(
        fake_slack, encrypted_deps.engine, sessions, encrypted_deps.clock, mentorbot_token_key=None
    )
    with pytest.raises(ValueError, match="MENTORBOT_TOKEN_KEY is not set"):
        bot_token_for(without_key, team_id="TW")
