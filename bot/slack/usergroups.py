"""Reading Slack user groups (`usergroups:read`): the ones a program form can offer, and
who is in one. Only ids, names and handles are read; never a group's channels."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.programs import (
    GROUPS_FAILED,
    GROUPS_MISSING_SCOPE,
    GROUPS_NONE,
    UserGroup,
    UserGroupChoice,
)

log = logging.getLogger(__name__)

# Slack's limit for a static select's options: the form lists this many groups by name.
MAX_LISTED_GROUPS = 100
# A workspace on a plan without user groups answers this (Slack's documented error).
_NO_GROUPS_ON_PLAN = "plan_upgrade_required"


class UserGroupsUnreadable(Exception):
    """Slack wouldn't tell us a group's members: `problem` is GROUPS_MISSING_SCOPE or
    GROUPS_FAILED."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _problem_of(error: SlackApiError) -> str:
    code = error.response.get("error")
    if code == "missing_scope":
        return GROUPS_MISSING_SCOPE
    return GROUPS_NONE if code == _NO_GROUPS_ON_PLAN else GROUPS_FAILED


def user_group_choice(client: WebClient) -> UserGroupChoice:
    """The workspace's enabled user groups, by name, or why there are none to offer."""
    try:
        found = client.usergroups_list()["usergroups"] or []
    except SlackApiError as error:
        log.warning("user groups not listed", extra={"error": error.response.get("error")})
        return UserGroupChoice(problem=_problem_of(error))
    groups = sorted(
        (
            UserGroup(
                group_id=str(group["id"]),
                name=str(group.get("name") or group.get("handle") or group["id"]),
                handle=str(group.get("handle") or ""),
            )
            for group in found
            if not group.get("date_delete")  # disabled: Slack lists them only on request
        ),
        key=lambda group: group.name.casefold(),
    )
    if not groups:
        return UserGroupChoice(problem=GROUPS_NONE)
    return UserGroupChoice(groups=tuple(groups[:MAX_LISTED_GROUPS]))


def group_members(client: WebClient, group_id: str) -> list[str] | None:
    """The user ids in an enabled user group; None when Slack knows no such group (deleted
    or disabled). Raises UserGroupsUnreadable when Slack refuses to say."""
    try:
        users = client.usergroups_users_list(usergroup=group_id)["users"] or []
    except SlackApiError as error:
        if error.response.get("error") == "no_such_subteam":
            return None
        log.warning("user group not read", extra={"error": error.response.get("error")})
        raise UserGroupsUnreadable(_problem_of(error)) from error
    return [str(user) for user in users]
