"""The new-program modal's submission: checked field by field, the members of any user
group it names read from Slack, stored with its invitations, answered with what happens
next. Only program admins may submit it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.core import ids
from bot.db.session import transaction
from bot.domain.programs import ProgramDraft
from bot.listeners.shared.admin_access import is_admin
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.views.pairs import submitted
from bot.parsing.program_form import read_program
from bot.services.programs import create_program, local_today
from bot.services.schedules import ensure_schedule
from bot.slack.usergroups import UserGroupsUnreadable, group_members
from bot.ui.admin_common import notice_view, refusal_view
from bot.ui.programs import created_text, group_error


def _members_of_groups(
    client: WebClient, draft: ProgramDraft
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The members of each user group the draft names, or the errors to show beside the
    group fields (deleted or disabled since the form opened, empty, unreadable)."""
    members: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    fields = (
        (draft.learner_group, ids.PROGRAM_LEARNER_GROUP),
        (draft.teacher_group, ids.PROGRAM_TEACHER_GROUP),
    )
    for group, block_id in fields:
        if group is None:
            continue
        if group not in members:
            try:
                found = group_members(client, group)
            except UserGroupsUnreadable as unreadable:
                errors[block_id] = group_error(unreadable.problem)
                continue
            if found is None:
                errors[block_id] = group_error("gone")
                continue
            members[group] = found
        if not members[group]:
            errors[block_id] = group_error("empty")
    return members, errors


def save_program(ack: Ack, view: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    deps = deps_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    if not is_admin(
        deps, client, team_id=team_id, user_id=user_id, enterprise_id=context.enterprise_id
    ):
        ack(response_action="update", view=refusal_view())
        return
    now = deps.clock()
    with transaction(deps.sessions) as session:
        today = local_today(ensure_schedule(session, team_id, now), now)
    draft, errors = read_program(submitted(view), today=today)
    members: dict[str, list[str]] = {}
    if draft is not None and draft.groups:
        members, errors = _members_of_groups(client, draft)
    if draft is None or errors:
        ack(response_action="errors", errors=errors)
        return
    with transaction(deps.sessions) as session:
        program, invited = create_program(
            session, draft, team_id=team_id, created_by=user_id, now=now, group_members=members
        )
        words = created_text(program.name, invited, program.starts_on)
    ack(response_action="update", view=notice_view("New program", words))


def register(app: App) -> None:
    app.view(ids.PROGRAM_MODAL)(save_program)
