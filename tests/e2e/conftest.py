"""Fixtures the end-to-end tests share beyond tests/conftest.py: OAuth mode, the bot in
Socket Mode against the fake Socket Mode server, and `transport` (HTTP or Socket Mode)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from pydantic import SecretStr
from slack_bolt import App

from bot.app import create_app
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.entrypoints.socket_mode import MentorbotSocketModeHandler, socket_mode_handler
from tests.conftest import RunningBot
from tests.support.fake_slack import FakeSlack
from tests.support.fake_socket_mode import FakeSocketMode
from tests.support.oauth import oauth_deps_for
from tests.support.transports import (
    HttpTransport,
    SocketTransport,
    Transport,
    wait_for_listeners,
)

APP_TOKEN = "xapp-1-A0MENTORBOT-1-0123456789-test"


@pytest.fixture
def oauth_deps(fake_slack, engine, sessions, clock) -> Deps:
    """Deps for the app in OAuth mode: many workspaces, each with its own installed token."""
    return oauth_deps_for(fake_slack, engine, sessions, clock)


@pytest.fixture
def settle(bot: RunningBot) -> Callable[[], None]:
    """Call it to wait until every listener the requests so far started has finished:
    then what did not happen will not happen later."""
    return lambda: wait_for_listeners(bot.app)


@pytest.fixture(scope="session")
def fake_socket_mode_server(fake_slack_server: FakeSlack) -> Iterator[FakeSocketMode]:
    with FakeSocketMode() as fake:
        fake_slack_server.socket_mode = fake
        yield fake
        fake_slack_server.socket_mode = None


@pytest.fixture
def fake_socket_mode(
    fake_socket_mode_server: FakeSocketMode, fake_slack: FakeSlack
) -> Iterator[FakeSocketMode]:
    """Slack's Socket Mode side; `apps.connections.open` on the fake accepts APP_TOKEN."""
    fake_socket_mode_server.reset()
    fake_socket_mode_server.allow_token(APP_TOKEN)
    yield fake_socket_mode_server
    fake_socket_mode_server.reset()


@pytest.fixture
def socket_settings(settings: Settings) -> Settings:
    """Settings as for `mentorbot run` in Socket Mode: an app token, no signing secret."""
    return settings.model_copy(
        update={"slack_app_token": SecretStr(APP_TOKEN), "slack_signing_secret": None}
    )


@dataclass
class SocketBot:
    app: App
    deps: Deps
    handler: MentorbotSocketModeHandler


@pytest.fixture
def socket_bot(
    fake_socket_mode: FakeSocketMode, socket_settings: Settings, deps: Deps
) -> Iterator[SocketBot]:
    """The real app in Socket Mode, connected the way `mentorbot run` connects it."""
    socket_deps = Deps(
        settings=socket_settings,
        engine=deps.engine,
        sessions=deps.sessions,
        clock=deps.clock,
        send_limits=deps.send_limits,
    )
    app = create_app(socket_deps)
    # Pings every second, so that a connection cut without a close frame is noticed soon.
    handler = socket_mode_handler(app, socket_settings, ping_interval=1)
    handler.connect()
    try:
        fake_socket_mode.wait_connected()
        yield SocketBot(app=app, deps=socket_deps, handler=handler)
    finally:
        handler.close()


@pytest.fixture(params=["http", "socket"])
def transport(request: pytest.FixtureRequest, fake_slack: FakeSlack) -> Transport:
    """The running bot, reached over HTTP or over Socket Mode."""
    if request.param == "http":
        bot = request.getfixturevalue("bot")
        return HttpTransport(bot.app, fake_slack, request.getfixturevalue("slack"))
    socket_bot = request.getfixturevalue("socket_bot")
    return SocketTransport(socket_bot.app, fake_slack, request.getfixturevalue("fake_socket_mode"))
