"""Reading a check-in's modals: the private note and "Need help" (pure).

Each `read_*` takes `view.state.values` and returns what was written, or the error to show
under the box.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core import ids
from bot.parsing import view_state as fields

MAX_NOTE = 2000
MAX_HELP = 1000


def read_note(values: Mapping[str, Any]) -> tuple[str | None, dict[str, str]]:
    note = fields.typed(values, ids.CHECKIN_NOTE_TEXT)
    if not note:
        return None, {ids.CHECKIN_NOTE_TEXT: "Write something, or close this window."}
    if len(note) > MAX_NOTE:
        return None, {ids.CHECKIN_NOTE_TEXT: f"Keep it under {MAX_NOTE} characters."}
    return note, {}


def read_help(values: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """What the person wrote ("" when they left it empty), or the error under the box."""
    said = fields.typed(values, ids.CHECKIN_HELP_TEXT)
    if len(said) > MAX_HELP:
        return "", {ids.CHECKIN_HELP_TEXT: f"Keep it under {MAX_HELP} characters."}
    return said, {}
