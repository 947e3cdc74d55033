"""What every listener of one app shares — its Deps and per-app caches — carried to each
listener in the request's Bolt context, so listeners can be plain module-level functions."""

from __future__ import annotations

from dataclasses import dataclass, field

from slack_bolt import BoltContext

from bot.core.deps import Deps
from bot.slack.admin_directory import WorkspaceAdminDirectory

CONTEXT_KEY = "mentorbot_scope"


@dataclass(frozen=True)
class AppScope:
    deps: Deps
    # "Need help" goes to every program admin: the named ones and Slack's own admins,
    # read from Slack at most once per few minutes per workspace, per app.
    workspace_admins: WorkspaceAdminDirectory = field(default_factory=WorkspaceAdminDirectory)


def carry(context: BoltContext, scope: AppScope) -> None:
    context[CONTEXT_KEY] = scope


def scope_of(context: BoltContext) -> AppScope:
    scope = context.get(CONTEXT_KEY)
    if not isinstance(scope, AppScope):
        # Only a listener registered without bot.listeners.middleware gets here.
        raise RuntimeError("the app scope is missing from the request context")
    return scope


def deps_of(context: BoltContext) -> Deps:
    """The Deps of the app answering this request."""
    return scope_of(context).deps
