"""What admins can do, shared by `/mentor admin …` and the App Home buttons.

Each function is called only after the caller checked `is_admin`. Slow work (a preview
or a round at tens of thousands of people, an export, a chart) never holds a trigger:
a modal opens first and is updated when the work is done.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block

from bot.core.deps import Deps
from bot.db.session import transaction
from bot.listeners.shared.admin_access import is_admin
from bot.services import admin_rounds, admin_stats, export, round_approvals, settings
from bot.services.admin_home import admin_dashboard
from bot.services.schedules import ensure_schedule, rule_of
from bot.services.settings import current_settings, next_round, skip_next_round, undo_skip
from bot.ui import admin_preview
from bot.ui.admin_common import local_time_text, notice_view
from bot.ui.admin_home import admin_home_blocks, trend_heading
from bot.ui.admin_settings import settings_modal
from bot.ui.chart import health_chart_png
from bot.ui.round_approval import send_result_text

log = logging.getLogger(__name__)


def open_settings(deps: Deps, client: WebClient, *, team_id: str, trigger_id: str) -> None:
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        view = settings_modal(
            current_settings(schedule), next_round(session, schedule, now), now=now
        )
    client.views_open(trigger_id=trigger_id, view=view)


def open_preview(deps: Deps, client: WebClient, *, team_id: str, trigger_id: str) -> None:
    opened = client.views_open(
        trigger_id=trigger_id,
        view=notice_view("Next round preview", ":hourglass: Working out the next round…"),
    )
    preview = admin_rounds.preview_round(deps, team_id)
    client.views_update(view_id=opened["view"]["id"], view=admin_preview.preview_modal(preview))


def run_now_in_modal(
    deps: Deps, client: WebClient, *, team_id: str, trigger_id: str, period: str, actor: str
) -> None:
    opened = client.views_open(trigger_id=trigger_id, view=admin_preview.running_view(period))
    result = round_approvals.run_now(deps, team_id, actor=actor, period=period)
    client.views_update(view_id=opened["view"]["id"], view=admin_preview.run_result_view(result))


def send_round_in_modal(
    deps: Deps, client: WebClient, *, team_id: str, trigger_id: str, period: str, actor: str
) -> None:
    """An admin's Send on a round waiting for approval: a modal says what came of it."""
    opened = client.views_open(trigger_id=trigger_id, view=admin_preview.running_view(period))
    result = round_approvals.send_round(deps, team_id, actor=actor, period=period)
    with deps.sessions() as session:
        timezone = rule_of(ensure_schedule(session, team_id, deps.clock())).timezone
        session.rollback()
    client.views_update(
        view_id=opened["view"]["id"],
        view=notice_view("Send the round", send_result_text(result, timezone)),
    )


def start_rounds(deps: Deps, team_id: str) -> str:
    """App Home's Start rounds: scheduled rounds run from the next one on."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        started = settings.start_rounds(session, schedule, now)
        upcoming = next_round(session, schedule, now)
    when = local_time_text(upcoming.at, upcoming.timezone)
    if not started:
        return f"Rounds are already running. The next one is {when}."
    return (
        f":white_check_mark: Rounds have started. The first one is {when}; "
        "*Preview next round* in App Home shows what it would do."
    )


def skip(deps: Deps, team_id: str, period: str | None = None) -> str:
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        skipped = skip_next_round(session, schedule, now, period=period)
        upcoming = next_round(session, schedule, now)
    if skipped is None:
        return (
            "Nothing was skipped: the round you saw is no longer the next one (it ran, or "
            "was skipped already). Open App Home to see where things stand."
        )
    return (
        f":fast_forward: Skipped the round of {local_time_text(skipped.at, skipped.timezone)}. "
        f"The next one is {local_time_text(upcoming.at, upcoming.timezone)}. "
        "`/mentor admin unskip` undoes it."
    )


def unskip(deps: Deps, team_id: str, period: str | None = None) -> str:
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        restored = undo_skip(session, schedule, now, period=period)
    if restored is None:
        return "No upcoming round is skipped, so nothing changed."
    return (
        f":arrow_forward: The round of {local_time_text(restored.at, schedule.timezone)} "
        "will run after all."
    )


def _dm_channel(client: WebClient, user_id: str) -> str:
    channel: str = client.conversations_open(users=user_id)["channel"]["id"]
    return channel


def send_chart(deps: Deps, client: WebClient, *, team_id: str, user_id: str) -> None:
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        periods = admin_stats.trend(session, team_id, schedule.timezone)
    # The title says which rounds these are, as the table in App Home does.
    heading = trend_heading(len(periods))
    title = f"Mentoring program health: {heading[:1].lower()}{heading[1:]}"
    png = health_chart_png(periods, title=title)
    client.files_upload_v2(
        channel=_dm_channel(client, user_id),
        file=png,
        filename="mentoring-health.png",
        title=title,
        alt_txt="Bar chart of new pairs and pairs that met, with a line of open requests, "
        "for each of the last rounds.",
        initial_comment=f"{title}.",
    )


def send_export(deps: Deps, client: WebClient, *, team_id: str, user_id: str) -> None:
    now = deps.clock()
    with deps.sessions() as session:
        files = export.export_files(session, team_id, now=now)
    client.files_upload_v2(
        channel=_dm_channel(client, user_id),
        file_uploads=[
            {"file": file.data, "filename": file.filename, "title": file.title} for file in files
        ],
        initial_comment="The mentoring program's participants and pairs, as CSV. "
        "Private notes and feedback are never included.",
    )


def home_section(deps: Deps, client: WebClient, *, team_id: str, user_id: str) -> list[Block]:
    """The admin part of App Home: nothing at all for people who aren't program admins.

    If Slack can't tell us who the person is right now, their own dashboard still goes
    out, without the admin part; the next opening of the tab tries again.
    """
    try:
        allowed = deps.admin_checks.get(
            team_id=team_id,
            user_id=user_id,
            check=lambda: is_admin(deps, client, team_id=team_id, user_id=user_id),
        )
    except SlackApiError as failure:
        log.warning(
            "admin check failed; publishing App Home without the admin section",
            extra={"team_id": team_id, "reason": failure.response.get("error")},
        )
        return []
    if not allowed:
        return []
    with transaction(deps.sessions) as session:
        dashboard = admin_dashboard(session, team_id, deps.clock())
    return admin_home_blocks(
        dashboard.health,
        dashboard.upcoming,
        dashboard.failed_announcement,
        program_rounds=dashboard.program_rounds,
    )
