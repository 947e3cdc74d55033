"""Buttons of goals: a learner's status tap on a check-in, and offering a skill they
learned from the ending's invitation."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core import ids
from bot.cycle.goals import GoalStatus
from bot.listeners.events.home import publish_home
from bot.listeners.shared.app_scope import deps_of
from bot.listeners.shared.pair_access import for_pair_member
from bot.listeners.shared.pair_clicks import clicked_value, refuse_clicker, tell_clicker
from bot.services import goals
from bot.ui import replies
from bot.ui.goals import goal_status_saved


def _clicked_status(body: dict[str, Any]) -> goals.StatusClick:
    try:
        data = json.loads(clicked_value(body) or "")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return goals.status_click(None, None)
    return goals.status_click(data.get("goal"), data.get("status"))


def set_goal_status(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    deps = deps_of(context)
    clicked = _clicked_status(body)
    saved = for_pair_member(
        deps,
        refuse_clicker(respond),
        lambda session: goals.set_status(
            session,
            clicked,
            team_id=context.team_id or "",
            user_id=context.user_id or "",
            now=deps.clock(),
        ),
    )
    if saved is None:
        return
    goal, changed = saved
    tell_clicker(respond, goal_status_saved(goal.text, GoalStatus(goal.status), changed=changed))


def offer_learned_skill(
    ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
) -> None:
    ack()
    deps = deps_of(context)
    team_id, user_id = context.team_id or "", context.user_id or ""
    saved = for_pair_member(
        deps,
        refuse_clicker(respond),
        lambda session: goals.offer_learned_skill(
            session, clicked_value(body), team_id=team_id, user_id=user_id
        ),
    )
    if saved is None:
        return
    tell_clicker(respond, replies.offers_saved_reply(saved))
    publish_home(deps, client, team_id=team_id, user_id=user_id)


def register(app: App) -> None:
    for status in GoalStatus:
        app.action(f"{ids.GOAL_STATUS}_{status.value}")(set_goal_status)
    app.action(ids.OFFER_LEARNED_SKILL)(offer_learned_skill)
