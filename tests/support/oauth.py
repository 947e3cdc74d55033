"""Running the real app in OAuth (many workspaces) mode, and walking through an install
the way a browser does: the install page sets a state cookie, Slack redirects back with a
code and that state."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt import App
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.app import create_app
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.entrypoints.web import INSTALL_PATH, OAUTH_REDIRECT_PATH, make_http_server
from tests.support.bot_server import ServerThread
from tests.support.fake_slack import FakeSlack
from tests.support.limits import TEST_SEND_LIMITS

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "test-client-secret"
STATE_COOKIE = "slack-app-oauth-state"
#: The signing secret every test app uses (tests/conftest.py's SIGNING_SECRET).
SIGNING_SECRET = "test-signing-secret"


def oauth_settings(
    fake: FakeSlack, engine: Engine, *, signing_secret: str, **overrides: Any
) -> Settings:
    fake.set_app_credentials(CLIENT_ID, CLIENT_SECRET)
    return Settings(
        _env_file=None,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        slack_signing_secret=signing_secret,
        slack_api_url=fake.base_url,
        database_url=engine.url.render_as_string(hide_password=False),
        listener_threads=8,
        **overrides,
    )


def oauth_deps_for(
    fake: FakeSlack,
    engine: Engine,
    sessions: sessionmaker[Session],
    clock: Callable[[], datetime],
    **overrides: Any,
) -> Deps:
    """Deps for the app in OAuth mode (``overrides`` go to its settings), as the tests' own
    Deps are built: the shared engine, sessions, clock and test send limits."""
    return Deps(
        settings=oauth_settings(fake, engine, signing_secret=SIGNING_SECRET, **overrides),
        engine=engine,
        sessions=sessions,
        clock=clock,
        send_limits=TEST_SEND_LIMITS,
    )


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: str


def get(url: str, *, cookie: str | None = None) -> Page:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Page(
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read().decode(),
            )
    except urllib.error.HTTPError as error:
        with error:
            return Page(
                error.code, {k.lower(): v for k, v in error.headers.items()}, error.read().decode()
            )


@dataclass
class OAuthBot:
    url: str
    deps: Deps
    app: App

    def open_install_page(self) -> tuple[Page, str]:
        """GET /slack/install; returns the page and the state its cookie carries."""
        page = get(self.url + INSTALL_PATH)
        found = re.search(STATE_COOKIE + r"=([^;]+)", page.headers.get("set-cookie", ""))
        assert found, page.headers
        return page, found.group(1)

    def redirect(self, *, code: str, state: str, cookie_state: str | None = None) -> Page:
        """Slack sending the browser back after the person approved the install."""
        cookie = f"{STATE_COOKIE}={cookie_state or state}"
        return get(f"{self.url}{OAUTH_REDIRECT_PATH}?code={code}&state={state}", cookie=cookie)

    def install(self, fake: FakeSlack, *, code: str, team_id: str, **grant: Any) -> Page:
        fake.add_oauth_code(code, team_id=team_id, **grant)
        _page, state = self.open_install_page()
        page = self.redirect(code=code, state=state)
        assert page.status == 200, page.body
        return page


@contextmanager
def running(deps: Deps) -> Iterator[OAuthBot]:
    app = create_app(deps)
    server = make_http_server(app, deps.engine, host="127.0.0.1", port=0, threads=4)
    with ServerThread(server) as thread:
        yield OAuthBot(url=thread.url, deps=deps, app=app)
