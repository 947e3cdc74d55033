"""Shared fixtures: a migrated database (SQLite, or PostgreSQL via TEST_DATABASE_URL),
the fake Slack Web API, and the real app served over HTTP."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from slack_bolt import App
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session, sessionmaker

from bot.app import create_app
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.listener_pool import wait_all_idle
from bot.db.migrate import upgrade
from bot.db.models import Base
from bot.db.session import make_engine, make_session_factory
from bot.entrypoints.web import make_http_server
from tests.support.blockkit import check_call
from tests.support.bot_server import ServerThread
from tests.support.copy_check import check_copy, handles_of
from tests.support.fake_slack import FakeSlack
from tests.support.golden import check_or_record, note_outcome
from tests.support.limits import TEST_SEND_LIMITS
from tests.support.oauth import SIGNING_SECRET
from tests.support.postgres import scratch_database
from tests.support.slack_requests import SlackClient

BOT_TOKEN = "xoxb-test"
TEAM_ID = "T1"

# Tests in these folders never touch the database: the PostgreSQL pass skips them.
DB_INDEPENDENT_DIRS = ("matching", "unit")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = Path(str(item.path)).parts
        if any(folder in parts for folder in DB_INDEPENDENT_DIRS):
            item.add_marker(pytest.mark.db_independent)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    note_outcome(item, report)
    return report


def pytest_report_header() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    return f"database: {'PostgreSQL at ' + url if url else 'SQLite'}"


@pytest.fixture(scope="session")
def new_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A factory of empty databases of the kind under test (used by migration tests too)."""
    server_url = os.environ.get("TEST_DATABASE_URL")
    cleanups = []

    def make() -> str:
        if server_url:
            manager = scratch_database(server_url)
            cleanups.append(manager)
            return manager.__enter__()
        path = tmp_path_factory.mktemp("db") / "mentorbot.db"
        return f"sqlite:///{path}"

    yield make
    for manager in reversed(cleanups):
        manager.__exit__(None, None, None)


@pytest.fixture(scope="session")
def engine(new_database_url) -> Iterator[Engine]:
    engine = make_engine(new_database_url())
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Sessions on the migrated database; every table is emptied after the test.

    The app under test commits from its own threads, so a wrapping transaction can't
    isolate tests; deleting rows is fast enough at test sizes.
    """
    yield make_session_factory(engine)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))


class Clock:
    """A controllable clock for Deps: starts at a fixed Monday morning, moves on demand."""

    def __init__(self, start: datetime = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def fake_slack_server() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def fake_slack(fake_slack_server: FakeSlack, request: pytest.FixtureRequest) -> Iterator[FakeSlack]:
    """The fake Slack Web API, emptied for each test, strict: it refuses what Slack would.

    `@pytest.mark.lenient_slack("reason")` makes it accept anything for one test.
    `@pytest.mark.typed_text_echoed` is for fuzz tests: random text people type, shown back
    to them, can't be judged as our copy, so the copy check is left out (nothing else is).
    After the test, every message and view the app sent is checked against Block Kit's
    models and limits, for broadcasts (`<!channel>` …) and for copy mistakes a reader
    notices (tests/support/copy_check.py): no test can skip that. Then the calls are
    compared with the golden record of payloads, or recorded (tests/support/golden.py).
    """
    fake_slack_server.reset()
    lenient = request.node.get_closest_marker("lenient_slack")
    if lenient is not None:
        if not (lenient.args and str(lenient.args[0]).strip()):
            raise pytest.UsageError("lenient_slack needs a reason: lenient_slack('why')")
        fake_slack_server.strict = False
    yield fake_slack_server
    # A listener may still be at work after the test's last assertion (an App Home refresh
    # after the reply): its calls belong to this test, so wait before judging them.
    wait_all_idle(timeout=10.0)
    calls = fake_slack_server.calls
    handles = handles_of(calls)
    # Random typed text shown back ("1 requests", "U0") reads as a copy slip it isn't: a
    # fuzz test says so with `typed_text_echoed`, and keeps every other check.
    judge_copy = request.node.get_closest_marker("typed_text_echoed") is None
    for call in calls:
        check_call(call.method, call.params)
        if judge_copy:
            check_copy(call.method, call.params, handles=handles)
    check_or_record(request.node, calls)
    fake_slack_server.reset()


@pytest.fixture
def settings(fake_slack: FakeSlack, engine: Engine) -> Settings:
    return Settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=fake_slack.base_url,
        database_url=engine.url.render_as_string(hide_password=False),
        listener_threads=8,
    )


@pytest.fixture
def deps(settings: Settings, engine: Engine, sessions: sessionmaker[Session], clock: Clock) -> Deps:
    return Deps(
        settings=settings,
        engine=engine,
        sessions=sessions,
        clock=clock,
        send_limits=TEST_SEND_LIMITS,
    )


@dataclass
class RunningBot:
    url: str
    app: App
    deps: Deps


@pytest.fixture
def bot(deps: Deps) -> Iterator[RunningBot]:
    """The real app in HTTP mode, as `mentorbot run` serves it, on a free port."""
    app = create_app(deps)
    server = make_http_server(app, deps.engine, host="127.0.0.1", port=0, threads=4)
    with ServerThread(server) as running:
        yield RunningBot(url=running.url, app=app, deps=deps)


@pytest.fixture
def slack(bot: RunningBot, fake_slack: FakeSlack) -> SlackClient:
    """Sends signed requests, shaped like Slack's, to the running bot."""
    return SlackClient(bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack)
