"""What admins do with programs from `/mentor admin …`: open the new-program form (with
the workspace's user groups), and one program's counts (`admin stats <program name>`).
Callers checked `is_admin`."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.models.views import View

from bot.core.deps import Deps
from bot.db.models import Program
from bot.db.session import transaction
from bot.services.programs import find_program, local_today, program_names, program_report
from bot.services.schedules import ensure_schedule
from bot.slack.usergroups import user_group_choice
from bot.ui import programs as programs_ui
from bot.ui.chart import program_chart_png
from bot.ui.replies import Reply


def program_form(deps: Deps, client: WebClient, team_id: str) -> View:
    """The new-program form, offering the workspace's user groups (or saying why not)."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        today = local_today(ensure_schedule(session, team_id, now), now)
    return programs_ui.program_modal(today, user_group_choice(client))


def program_stats(deps: Deps, team_id: str, name: str) -> Reply:
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        program = find_program(session, team_id, name)
        if program is None:
            return programs_ui.unknown_program(name, program_names(session, team_id))
        report = program_report(session, program, schedule.timezone)
        return programs_ui.program_stats_reply(report, today=local_today(schedule, now))


def send_program_chart(
    deps: Deps, client: WebClient, *, team_id: str, user_id: str, program_id: int
) -> bool:
    """The program's rounds as a chart, in the admin's DM; False when there's no such
    program in this workspace."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        program = session.get(Program, program_id)
        if program is None or program.team_id != team_id:
            return False
        report = program_report(session, program, schedule.timezone)
    title = f"{report.name}: pairs in each of its rounds"
    gains = report.goals.gains if report.goals is not None else ()
    goals_line = programs_ui.goals_chart_line(report)
    channel: str = client.conversations_open(users=user_id)["channel"]["id"]
    client.files_upload_v2(
        channel=channel,
        file=program_chart_png(report.per_round, gains, title=title, goals_line=goals_line),
        filename="program-report.png",
        title=title,
        alt_txt="Bar chart of new pairs and pairs that met, with a line of open requests, "
        "for each of the program's rounds; beside it, the average level change per skill "
        f"and the goals done ({goals_line}).",
        initial_comment=f"{title}, and its learners' goals and level change.",
    )
    return True
