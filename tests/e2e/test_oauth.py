"""Many workspaces: installing through OAuth, then serving each workspace with its own
token, refreshed before it expires (token rotation)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from sqlalchemy import func, select, update

from bot.db.models import Offer, Workspace, slack_bots, slack_installations, slack_oauth_states
from bot.slack.oauth import BOT_SCOPES
from bot.slack.tokens import bot_token_for
from tests.conftest import SIGNING_SECRET
from tests.e2e.helpers import command_reply, visible_text
from tests.support.oauth import CLIENT_ID, get, running
from tests.support.slack_requests import SlackClient
from tests.support.transports import wait_for_listeners

ROOT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def oauth_bot(oauth_deps):
    with running(oauth_deps) as bot:
        yield bot


def slack_for(bot, fake, team_id: str) -> SlackClient:
    return SlackClient(bot.url, signing_secret=SIGNING_SECRET, fake=fake, team_id=team_id)


def count(sessions, table) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_install_page_links_to_slack_with_our_scopes_and_a_fresh_state(oauth_bot, sessions):
    page, state = oauth_bot.open_install_page()
    assert page.status == 200
    assert "Add to Slack" in page.body
    link = next(part for part in page.body.split('"') if "oauth/v2/authorize" in part)
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query["client_id"] == [CLIENT_ID]
    assert query["state"] == [state]
    assert set(query["scope"][0].split(",")) == set(BOT_SCOPES)
    assert count(sessions, slack_oauth_states) == 1


def test_install_stores_the_workspace_and_its_commands_use_its_token(
    oauth_bot, fake_slack, sessions
):
    page = oauth_bot.install(fake_slack, code="code-T2", team_id="T2", team_name="Second Co")
    assert "mentorbot is installed" in page.body
    token = fake_slack.workspace("T2").bot_token
    with sessions() as session:
        installation = session.execute(select(slack_installations)).mappings().one()
        assert installation["team_id"] == "T2"
        assert installation["bot_token"] == token  # no key set: stored as Slack sent it
        assert session.scalar(select(Workspace.name).where(Workspace.team_id == "T2")) == (
            "Second Co"
        )
    assert count(sessions, slack_oauth_states) == 0  # the state was used up

    fake_slack.add_user("U7", team_id="T2")
    reply = command_reply(
        slack_for(oauth_bot, fake_slack, "T2"), fake_slack, "offer python", user_id="U7"
    )
    assert "Python" in visible_text(reply)
    assert {call.token for call in fake_slack.calls_to("users.info")} == {token}
    with sessions() as session:
        assert session.scalar(select(Offer.team_id)) == "T2"


def test_two_workspaces_are_each_answered_with_their_own_token(oauth_bot, fake_slack, sessions):
    oauth_bot.install(fake_slack, code="code-A", team_id="TA")
    oauth_bot.install(fake_slack, code="code-B", team_id="TB")
    for team in ("TA", "TB"):
        fake_slack.add_user("U1", team_id=team)  # the same user id in both workspaces
        command_reply(slack_for(oauth_bot, fake_slack, team), fake_slack, "offer go")
    looked_up = fake_slack.calls_to("users.info")
    assert {call.params["team_id"] for call in looked_up} == {"TA", "TB"}
    for call in looked_up:  # each workspace's profile read with that workspace's own token
        assert call.token == fake_slack.workspace(call.params["team_id"]).bot_token
    with sessions() as session:
        assert sorted(session.scalars(select(Offer.team_id))) == ["TA", "TB"]


def test_a_redirect_with_a_forged_state_installs_nothing(oauth_bot, fake_slack, sessions):
    fake_slack.add_oauth_code("code-X", team_id="TX")
    _page, state = oauth_bot.open_install_page()
    forged = oauth_bot.redirect(code="code-X", state="not-the-state", cookie_state="not-the-state")
    assert "did not finish" in forged.body
    no_cookie = get(f"{oauth_bot.url}/slack/oauth_redirect?code=code-X&state={state}")
    assert "did not finish" in no_cookie.body
    assert count(sessions, slack_installations) == 0
    assert count(sessions, slack_bots) == 0
    assert fake_slack.calls_to("oauth.v2.access") == []


def test_a_command_from_a_workspace_that_never_installed_stores_nothing(
    oauth_bot, fake_slack, sessions
):
    fake_slack.add_user("U1", team_id="T9")
    slack = slack_for(oauth_bot, fake_slack, "T9")
    name = "never-installed"
    response = slack.command("offer python", response_url=fake_slack.response_url(name))
    assert response.status == 200
    fake_slack.wait_for("response_url", where=lambda call: call.params.get("_name") == name)
    wait_for_listeners(oauth_bot.app)
    assert count(sessions, Offer) == 0
    assert fake_slack.calls_to("users.info") == []


def _expire_soon(sessions, team_id: str) -> None:
    # As if eleven hours had passed since the install: the token has minutes left.
    soon = datetime.now(UTC).replace(tzinfo=None) + timedelta(minutes=10)
    with sessions.begin() as session:
        for table in (slack_bots, slack_installations):
            session.execute(
                update(table).where(table.c.team_id == team_id).values(bot_token_expires_at=soon)
            )


def test_an_expiring_token_is_refreshed_before_a_command_is_answered(
    oauth_bot, fake_slack, sessions
):
    fake_slack.enable_token_rotation(expires_in=12 * 3600)
    oauth_bot.install(fake_slack, code="code-R", team_id="TR")
    first = fake_slack.workspace("TR").bot_token
    fake_slack.add_user("U1", team_id="TR")
    fake_slack.add_user("U2", team_id="TR")
    command_reply(slack_for(oauth_bot, fake_slack, "TR"), fake_slack, "offer go")
    assert fake_slack.calls_to("users.info")[-1].token == first  # plenty of time left

    _expire_soon(sessions, "TR")
    fake_slack.expire_token(first)
    command_reply(slack_for(oauth_bot, fake_slack, "TR"), fake_slack, "request rust", user_id="U2")
    refreshed = fake_slack.workspace("TR").bot_token
    assert refreshed != first
    refreshes = [
        call
        for call in fake_slack.calls_to("oauth.v2.access")
        if call.params.get("grant_type") == "refresh_token"
    ]
    assert len(refreshes) == 1
    assert fake_slack.calls_to("users.info")[-1].token == refreshed
    with sessions() as session:
        stored = session.execute(select(slack_bots.c.bot_token)).scalars().all()
    assert stored[-1] == refreshed


def test_jobs_get_the_installed_token_and_refresh_it_when_it_expires(
    oauth_bot, oauth_deps, fake_slack, sessions
):
    assert bot_token_for(oauth_deps, team_id="TJ") is None  # not installed
    fake_slack.enable_token_rotation(expires_in=12 * 3600)
    oauth_bot.install(fake_slack, code="code-J", team_id="TJ")
    first = fake_slack.workspace("TJ").bot_token
    assert bot_token_for(oauth_deps, team_id="TJ") == first

    _expire_soon(sessions, "TJ")
    refreshed = bot_token_for(oauth_deps, team_id="TJ")
    assert refreshed == fake_slack.workspace("TJ").bot_token != first
    assert bot_token_for(oauth_deps, team_id="TJ") == refreshed  # stored: no second refresh


def test_single_workspace_mode_serves_no_install_pages(bot):
    assert get(bot.url + "/slack/install").status == 404
    assert get(bot.url + "/slack/oauth_redirect?code=x&state=y").status == 404


def test_install_asks_for_exactly_the_manifest_scopes():
    manifest = yaml.safe_load((ROOT_DIR / "manifest.yml").read_text())
    assert set(BOT_SCOPES) == set(manifest["oauth_config"]["scopes"]["bot"])
