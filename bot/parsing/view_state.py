"""Reading submitted modal values out of Slack's `view.state.values` shape (pure).

A view submission can be forged like any request: a field may be missing, a list where
an object belongs, a number where text belongs. Each reader answers "left empty" for
anything it can't use, so the modal's validation replies next to the field instead of
the listener failing.

Most modals give each input the same block and action id and are read one field at a time
(`typed`, `picked`, …, given `view.state.values`); the offer, request and profile modals use
their own action ids and are read whole into the inputs of bot.parsing.forms.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.core import ids
from bot.parsing.forms import OfferInput, ProfileInput, RequestInput, clean_text


def _element(values: object, block_id: str, action_id: str) -> Mapping[str, Any]:
    block = values.get(block_id) if isinstance(values, Mapping) else None
    element = block.get(action_id) if isinstance(block, Mapping) else None
    return element if isinstance(element, Mapping) else {}


def _option_value(option: object) -> str | None:
    value = option.get("value") if isinstance(option, Mapping) else None
    return value if isinstance(value, str) else None


def _option_values(options: object) -> list[str | None]:
    return [_option_value(o) for o in options] if isinstance(options, list) else []


def field(values: object, block_id: str) -> Mapping[str, Any]:
    """The state of the single input in block `block_id` (an empty mapping if unusable)."""
    return _element(values, block_id, block_id)


def raw_text(values: object, block_id: str, key: str = "value") -> str | None:
    """A string the input holds under `key` (`value`, `selected_date`, …), or None."""
    value = field(values, block_id).get(key)
    return value if isinstance(value, str) else None


def typed(values: object, block_id: str) -> str:
    """What the person typed: normalised, control characters removed, trimmed."""
    return clean_text(raw_text(values, block_id))


def picked(values: object, block_id: str) -> str | None:
    """The value of the option chosen in a select or radio group."""
    return _option_value(field(values, block_id).get("selected_option"))


def picked_many(values: object, block_id: str) -> list[str]:
    """The values of the options ticked in checkboxes or a multi-select."""
    options = _option_values(field(values, block_id).get("selected_options"))
    return [value for value in options if value is not None]


def read_metadata(private_metadata: str | None) -> dict[str, Any]:
    """What a modal carries in `private_metadata`, as a JSON object ({} when unusable)."""
    try:
        data = json.loads(private_metadata or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _values_of(view: Mapping[str, Any]) -> object:
    return (view.get("state") or {}).get("values")


def _text(view: Mapping[str, Any], block_id: str, action_id: str) -> str | None:
    value = _element(_values_of(view), block_id, action_id).get("value")
    return value if isinstance(value, str) else None


def _selected(view: Mapping[str, Any], block_id: str, action_id: str) -> str | None:
    return _option_value(_element(_values_of(view), block_id, action_id).get("selected_option"))


def picked_option(values: object, *, block_id: str, action_id: str) -> str | None:
    """The value of the option chosen in a radio or select field of submitted `values`."""
    return _option_value(_element(values, block_id, action_id).get("selected_option"))


def _selected_values(view: Mapping[str, Any], block_id: str, action_id: str) -> list[str]:
    # An unusable option is kept as "": the skill select must reject it, not drop it.
    options = _element(_values_of(view), block_id, action_id).get("selected_options")
    return [value or "" for value in _option_values(options)]


def offer_input(view: Mapping[str, Any]) -> OfferInput:
    return OfferInput(
        skill_values=_selected_values(view, ids.OFFER_SKILLS_BLOCK, ids.OFFER_SKILLS_INPUT),
        level=_selected(view, ids.OFFER_LEVEL_BLOCK, ids.OFFER_LEVEL_INPUT),
        capacity=_text(view, ids.OFFER_CAPACITY_BLOCK, ids.OFFER_CAPACITY_INPUT),
        in_return=_text(view, ids.OFFER_IN_RETURN_BLOCK, ids.OFFER_IN_RETURN_INPUT),
        circle_size=_text(view, ids.OFFER_CIRCLE_BLOCK, ids.OFFER_CIRCLE_INPUT),
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
    view: Mapping[str, Any],
    *,
    reverse_value: str,
    listed_value: str,
    public_thanks_value: str,
    circle_value: str = "",
) -> ProfileInput:
    reverse = _selected_values(view, ids.PROFILE_REVERSE_BLOCK, ids.PROFILE_REVERSE_INPUT)
    listed = _selected_values(view, ids.PROFILE_DIRECTORY_BLOCK, ids.PROFILE_DIRECTORY_INPUT)
    public = _selected_values(
        view, ids.PROFILE_PUBLIC_THANKS_BLOCK, ids.PROFILE_PUBLIC_THANKS_INPUT
    )
    circle = _selected_values(view, ids.PROFILE_CIRCLE_BLOCK, ids.PROFILE_CIRCLE_INPUT)
    return ProfileInput(
        career_stage=_selected(view, ids.PROFILE_STAGE_BLOCK, ids.PROFILE_STAGE_INPUT),
        open_to_reverse=reverse_value in reverse,
        listed_in_directory=listed_value in listed,
        allows_public_thanks=public_thanks_value in public,
        day_starts=_picked_time(view, ids.PROFILE_DAY_START_BLOCK, ids.PROFILE_DAY_START_INPUT),
        day_ends=_picked_time(view, ids.PROFILE_DAY_END_BLOCK, ids.PROFILE_DAY_END_INPUT),
        open_to_circle=bool(circle_value) and circle_value in circle,
    )


def _picked_time(view: Mapping[str, Any], block_id: str, action_id: str) -> str | None:
    value = _element(_values_of(view), block_id, action_id).get("selected_time")
    return value if isinstance(value, str) else None
