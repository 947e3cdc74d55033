"""The App Home tab: published when someone opens it, and again after every change they
make anywhere (commands, buttons, modals), so it never shows stale state."""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.listeners.shared.admin_tasks import home_section
from bot.listeners.shared.app_scope import deps_of
from bot.services.dashboard import home_dashboard
from bot.services.pausing import apply_pause_expiry
from bot.services.people import find_member
from bot.services.programs import cards_for
from bot.ui import programs as programs_ui
from bot.ui.home import home_view

log = logging.getLogger(__name__)

# Two refreshes for one person (a command's and a button's) may run at once: each reads the
# state, then publishes, and the one that read older state could publish last and win.
# Publishes for one person therefore run one at a time, each reading inside its turn, so the
# last one out shows the latest saved state. Striped: bounded memory, and people who share a
# stripe only wait for each other's few milliseconds.
_PUBLISH_TURNS = tuple(threading.Lock() for _ in range(256))


def _turn_of(team_id: str, user_id: str) -> threading.Lock:
    return _PUBLISH_TURNS[hash((team_id, user_id)) % len(_PUBLISH_TURNS)]


def publish_home(deps: Deps, client: WebClient, *, team_id: str, user_id: str) -> None:
    """Publish the person's dashboard as it is now.

    A failure here is logged, not raised: the change itself was saved and confirmed, and
    the tab is published afresh the next time it is opened.
    """
    with _turn_of(team_id, user_id):
        _read_and_publish(deps, client, team_id=team_id, user_id=user_id)


def _read_and_publish(deps: Deps, client: WebClient, *, team_id: str, user_id: str) -> None:
    now = deps.clock()
    with transaction(deps.sessions) as session:
        # Opening the tab is no opt-in: look people up, never create them here.
        member = find_member(session, team_id=team_id, user_id=user_id)
        if member is not None:
            apply_pause_expiry(member, now)
        dashboard = home_dashboard(session, member, now) if member else None
        programs = programs_ui.home_section(
            cards_for(session, team_id=team_id, user_id=user_id, now=now)
        )
    # Program admins also see the program's dashboard and settings below their own.
    admin = home_section(deps, client, team_id=team_id, user_id=user_id)
    view = home_view(dashboard, admin_section=[*programs, *admin])
    try:
        client.views_publish(user_id=user_id, view=view)
    except SlackApiError as error:
        log.warning(
            "home tab not published",
            extra={"team_id": team_id, "error": error.response.get("error")},
        )


def on_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    deps = deps_of(context)
    if event.get("tab") != "home":
        return
    publish_home(deps, client, team_id=context.team_id or "", user_id=event["user"])


def register(app: App) -> None:
    app.event("app_home_opened")(on_home_opened)
