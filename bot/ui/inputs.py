"""Reading one field of a submitted modal (`view.state.values`), whatever its shape.

A view submission can be forged like any request: a field may be missing, a list where
an object belongs, a number where text belongs. Each reader answers "left empty" for
anything it can't use, so the modal's validation replies next to the field instead of
the listener failing. The modals read here give each input the same block and action id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.parsing.forms import clean_text


def field(values: object, block_id: str) -> Mapping[str, Any]:
    """The state of the single input in block `block_id` (an empty mapping if unusable)."""
    block = values.get(block_id) if isinstance(values, Mapping) else None
    state = block.get(block_id) if isinstance(block, Mapping) else None
    return state if isinstance(state, Mapping) else {}


def raw_text(values: object, block_id: str, key: str = "value") -> str | None:
    """A string the input holds under `key` (`value`, `selected_date`, …), or None."""
    value = field(values, block_id).get(key)
    return value if isinstance(value, str) else None


def typed(values: object, block_id: str) -> str:
    """What the person typed: normalised, control characters removed, trimmed."""
    return clean_text(raw_text(values, block_id))


def _option_value(option: object) -> str | None:
    value = option.get("value") if isinstance(option, Mapping) else None
    return value if isinstance(value, str) else None


def picked(values: object, block_id: str) -> str | None:
    """The value of the option chosen in a select or radio group."""
    return _option_value(field(values, block_id).get("selected_option"))


def picked_many(values: object, block_id: str) -> list[str]:
    """The values of the options ticked in checkboxes or a multi-select."""
    options = field(values, block_id).get("selected_options")
    if not isinstance(options, list):
        return []
    return [value for value in map(_option_value, options) if value is not None]
