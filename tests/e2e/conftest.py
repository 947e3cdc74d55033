"""Fixtures the end-to-end tests share beyond tests/conftest.py."""

from __future__ import annotations

import pytest

from bot.deps import Deps
from tests.conftest import SIGNING_SECRET
from tests.support.limits import TEST_SEND_LIMITS
from tests.support.oauth import oauth_settings


@pytest.fixture
def oauth_deps(fake_slack, engine, sessions, clock) -> Deps:
    """Deps for the app in OAuth mode: many workspaces, each with its own installed token."""
    settings = oauth_settings(fake_slack, engine, signing_secret=SIGNING_SECRET)
    return Deps(
        settings=settings,
        engine=engine,
        sessions=sessions,
        clock=clock,
        send_limits=TEST_SEND_LIMITS,
    )
