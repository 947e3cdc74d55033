"""Skill suggestions for the offer and request modals' skill selects."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.core import ids
from bot.listeners.shared.app_scope import deps_of
from bot.services.skills_catalogue import suggest_skills
from bot.ui.modals import skill_options

MAX_OPTIONS = 100  # Slack shows at most 100 options
MAX_TYPED = 100  # nobody types a skill this long; don't scan the catalogue with an essay


def suggest_skills_as_typed(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    typed = str(body.get("value") or "")[:MAX_TYPED]
    with deps_of(context).sessions() as session:
        suggestions = suggest_skills(
            session, context.team_id or "", typed, limit=MAX_OPTIONS, now=deps_of(context).clock()
        )
    ack(options=skill_options(suggestions))


def register(app: App) -> None:
    app.options(ids.OFFER_SKILLS_INPUT)(suggest_skills_as_typed)
    app.options(ids.REQUEST_SKILL_INPUT)(suggest_skills_as_typed)
