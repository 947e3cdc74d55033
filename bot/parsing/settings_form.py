"""Reading the program settings modal an admin submitted (pure).

`read_settings` takes `view.state.values` and returns the settings, or the errors to show
next to each field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import time
from typing import Any

from bot.core import ids
from bot.cycle.schedule import Cadence, is_known_zone
from bot.domain import program_settings as limits
from bot.domain.program_settings import ProgramSettings
from bot.parsing import view_state as fields

# The tick box of the settings modal that names pairs in the round announcement.
ANNOUNCE_PAIRS_VALUE = "name_pairs"
# The tick box of the settings modal that holds each round for an admin's Send.
APPROVE_ROUNDS_VALUE = "approve_rounds"
# What Slack's conversation ids look like (public C…, private G…); anything else was forged.
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{1,31}$")


def _state(values: Mapping[str, Any], block_id: str) -> Mapping[str, Any]:
    return fields.field(values, block_id)


def _selected(values: Mapping[str, Any], block_id: str) -> str | None:
    return fields.picked(values, block_id)


def _whole(
    values: Mapping[str, Any], block_id: str, bounds: tuple[int, int], errors: dict[str, str]
) -> int:
    raw = _state(values, block_id).get("value")
    low, high = bounds
    try:
        number = float("" if raw is None else raw)
    except (TypeError, ValueError):
        errors[block_id] = f"Enter a whole number from {low} to {high}."
        return low
    if not number.is_integer() or not low <= number <= high:
        errors[block_id] = f"Enter a whole number from {low} to {high}."
        return low
    return int(number)


def _hours(values: Mapping[str, Any], errors: dict[str, str]) -> float | None:
    raw = _state(values, ids.ADMIN_TZ_GAP).get("value")
    if raw in (None, ""):
        return None
    low, high = limits.TZ_GAP_HOURS
    try:
        hours = float(raw)
    except (TypeError, ValueError):
        hours = math.nan
    if not low <= hours <= high:  # also false for NaN
        errors[ids.ADMIN_TZ_GAP] = f"Enter a number of hours from {low:g} to {high:g}, or nothing."
        return None
    return hours


def _time(values: Mapping[str, Any], errors: dict[str, str]) -> time:
    raw = fields.raw_text(values, ids.ADMIN_TIME, "selected_time") or ""
    try:
        return time.fromisoformat(raw).replace(second=0, microsecond=0)
    except ValueError:
        errors[ids.ADMIN_TIME] = "Pick the time the round starts."
        return time(9, 0)


def read_settings(values: Mapping[str, Any]) -> tuple[ProgramSettings | None, dict[str, str]]:
    """The submitted settings, or the errors to show next to each field."""
    errors: dict[str, str] = {}
    weekday_raw = _selected(values, ids.ADMIN_WEEKDAY)
    weekday = int(weekday_raw) if weekday_raw in {str(d) for d in range(7)} else -1
    if weekday < 0:
        errors[ids.ADMIN_WEEKDAY] = "Pick the day rounds run on."
    zone_name = _selected(values, ids.ADMIN_TIMEZONE) or ""
    if not is_known_zone(zone_name):
        errors[ids.ADMIN_TIMEZONE] = "Pick a time zone from the list."
    cadence_raw = _selected(values, ids.ADMIN_CADENCE)
    cadence = Cadence(cadence_raw) if cadence_raw in set(Cadence) else Cadence.WEEKLY
    if cadence_raw not in set(Cadence):
        errors[ids.ADMIN_CADENCE] = "Pick how often rounds run."
    at = _time(values, errors)
    cooldown = _whole(values, ids.ADMIN_COOLDOWN, limits.COOLDOWN_WEEKS, errors)
    gap = _hours(values, errors)
    weight = _whole(values, ids.ADMIN_TWO_WAY_WEIGHT, limits.TWO_WAY_WEIGHT, errors)
    nudge = _whole(values, ids.ADMIN_NUDGE_AFTER, limits.NUDGE_AFTER, errors)
    close = _whole(values, ids.ADMIN_CLOSE_AFTER, limits.CLOSE_AFTER, errors)
    channel = fields.raw_text(values, ids.ADMIN_ANNOUNCE_CHANNEL, "selected_conversation") or None
    if channel is not None and not _CHANNEL_ID.match(channel):
        errors[ids.ADMIN_ANNOUNCE_CHANNEL] = "Pick a channel from the list."
        channel = None
    name_pairs = ANNOUNCE_PAIRS_VALUE in fields.picked_many(values, ids.ADMIN_ANNOUNCE_PAIRS)
    if name_pairs and channel is None:
        errors[ids.ADMIN_ANNOUNCE_PAIRS] = "Pick a channel to announce in first."
    approve = APPROVE_ROUNDS_VALUE in fields.picked_many(values, ids.ADMIN_APPROVE_ROUNDS)
    if errors:
        return None, errors
    return (
        ProgramSettings(
            weekday=weekday,
            at=at,
            timezone=zone_name,
            cadence=cadence,
            cooldown_weeks=cooldown,
            max_tz_gap_hours=gap,
            nudge_after=nudge,
            close_after=close,
            two_way_weight=weight,
            announce_channel=channel,
            announce_pairs=name_pairs,
            approve_rounds=approve,
        ),
        {},
    )
