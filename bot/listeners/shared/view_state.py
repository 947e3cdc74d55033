"""Reading submitted modal values out of Slack's `view.state.values` shape.

Anything missing or oddly shaped reads as "left empty", so validation can answer it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core import ids
from bot.parsing.forms import OfferInput, ProfileInput, RequestInput


def _element(view: Mapping[str, Any], block_id: str, action_id: str) -> Mapping[str, Any]:
    values = ((view.get("state") or {}).get("values")) or {}
    block = values.get(block_id) if isinstance(values, Mapping) else None
    element = block.get(action_id) if isinstance(block, Mapping) else None
    return element if isinstance(element, Mapping) else {}


def _text(view: Mapping[str, Any], block_id: str, action_id: str) -> str | None:
    value = _element(view, block_id, action_id).get("value")
    return value if isinstance(value, str) else None


def _selected(view: Mapping[str, Any], block_id: str, action_id: str) -> str | None:
    option = _element(view, block_id, action_id).get("selected_option")
    value = option.get("value") if isinstance(option, Mapping) else None
    return value if isinstance(value, str) else None


def _selected_values(view: Mapping[str, Any], block_id: str, action_id: str) -> list[str]:
    options = _element(view, block_id, action_id).get("selected_options")
    if not isinstance(options, list):
        return []
    found = (o.get("value") if isinstance(o, Mapping) else None for o in options)
    return [value if isinstance(value, str) else "" for value in found]


def offer_input(view: Mapping[str, Any]) -> OfferInput:
    return OfferInput(
        skill_values=_selected_values(view, ids.OFFER_SKILLS_BLOCK, ids.OFFER_SKILLS_INPUT),
        level=_selected(view, ids.OFFER_LEVEL_BLOCK, ids.OFFER_LEVEL_INPUT),
        capacity=_text(view, ids.OFFER_CAPACITY_BLOCK, ids.OFFER_CAPACITY_INPUT),
        in_return=_text(view, ids.OFFER_IN_RETURN_BLOCK, ids.OFFER_IN_RETURN_INPUT),
    )


def request_input(view: Mapping[str, Any]) -> RequestInput:
    return RequestInput(
        skill_value=_selected(view, ids.REQUEST_SKILL_BLOCK, ids.REQUEST_SKILL_INPUT),
        goal=_text(view, ids.REQUEST_GOAL_BLOCK, ids.REQUEST_GOAL_INPUT),
        frequency=_selected(view, ids.REQUEST_FREQUENCY_BLOCK, ids.REQUEST_FREQUENCY_INPUT),
        duration=_selected(view, ids.REQUEST_DURATION_BLOCK, ids.REQUEST_DURATION_INPUT),
        success_measure=_text(view, ids.REQUEST_SUCCESS_BLOCK, ids.REQUEST_SUCCESS_INPUT),
        can_teach_in_return=_text(view, ids.REQUEST_TEACH_BLOCK, ids.REQUEST_TEACH_INPUT),
    )


def profile_input(
    view: Mapping[str, Any], *, reverse_value: str, listed_value: str
) -> ProfileInput:
    reverse = _selected_values(view, ids.PROFILE_REVERSE_BLOCK, ids.PROFILE_REVERSE_INPUT)
    listed = _selected_values(view, ids.PROFILE_DIRECTORY_BLOCK, ids.PROFILE_DIRECTORY_INPUT)
    return ProfileInput(
        career_stage=_selected(view, ids.PROFILE_STAGE_BLOCK, ids.PROFILE_STAGE_INPUT),
        open_to_reverse=reverse_value in reverse,
        listed_in_directory=listed_value in listed,
    )
