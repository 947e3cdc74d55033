"""The program settings modal, and reading what an admin submitted (pure builders)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    ConversationFilter,
    ConversationSelectElement,
    DividerBlock,
    ExternalDataSelectElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.cycle.schedule import Cadence, is_known_zone
from bot.services import settings as limits
from bot.services.settings import NextRound, ProgramSettings
from bot.ui import inputs
from bot.ui.admin_common import WEEKDAYS, next_round_text, section
from bot.ui.admin_zones import zone_label
from bot.ui.fields import select_box, tick_box

CADENCE_CHOICES = (
    (Cadence.WEEKLY, "Every week"),
    (Cadence.EVERY_TWO_WEEKS, "Every two weeks"),
    (Cadence.MONTHLY, "Monthly (first of the weekday)"),
)
ANNOUNCE_PAIRS_VALUE = "name_pairs"
# What Slack's conversation ids look like (public C…, private G…); anything else was forged.
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{1,31}$")


def _option(value: str, label: str) -> Option:
    return Option(value=value, label=label)


def _number(
    block_id: str,
    label: str,
    value: float | None,
    bounds: tuple[float, float],
    hint: str,
    *,
    decimal: bool = False,
    optional: bool = False,
) -> InputBlock:
    low, high = bounds
    shown = None if value is None else (value if decimal else int(value))
    return InputBlock(
        block_id=block_id,
        label=label,
        hint=hint,
        optional=optional,
        element=NumberInputElement(
            action_id=block_id,
            is_decimal_allowed=decimal,
            initial_value=shown,
            min_value=low if decimal else int(low),
            max_value=high if decimal else int(high),
        ),
    )


def settings_modal(current: ProgramSettings, upcoming: NextRound, *, now: datetime) -> View:
    weekdays = [_option(str(day), name) for day, name in enumerate(WEEKDAYS)]
    cadences = [_option(value, label) for value, label in CADENCE_CHOICES]
    name_pairs = _option(ANNOUNCE_PAIRS_VALUE, "Also say who is paired with whom")
    blocks: list[Block] = [
        section(next_round_text(upcoming)),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Changes apply from the next round. People's private notes and "
                    "feedback are never shown to admins."
                )
            ]
        ),
        HeaderBlock(text="When rounds run"),
        select_box(
            ids.ADMIN_WEEKDAY,
            "Day",
            weekdays,
            initial=weekdays[current.weekday],
        ),
        InputBlock(
            block_id=ids.ADMIN_TIME,
            label="Time",
            element=TimePickerElement(action_id=ids.ADMIN_TIME, initial_time=f"{current.at:%H:%M}"),
        ),
        InputBlock(
            block_id=ids.ADMIN_TIMEZONE,
            label="Time zone",
            hint="Type a city or region, e.g. London or America.",
            element=ExternalDataSelectElement(
                action_id=ids.ADMIN_TIMEZONE,
                placeholder="Type to search",
                min_query_length=0,
                initial_option=_option(current.timezone, zone_label(current.timezone, now)),
            ),
        ),
        select_box(
            ids.ADMIN_CADENCE,
            "How often",
            cadences,
            initial=next(o for o in cadences if o.value == current.cadence),
        ),
        DividerBlock(),
        HeaderBlock(text="Matching"),
        _number(
            ids.ADMIN_COOLDOWN,
            "Weeks before two people can be paired again",
            current.cooldown_weeks,
            limits.COOLDOWN_WEEKS,
            "0 lets the same two people be paired again in the next round.",
        ),
        _number(
            ids.ADMIN_TZ_GAP,
            "Largest time-zone gap in a pair (hours)",
            current.max_tz_gap_hours,
            limits.TZ_GAP_HOURS,
            "Leave empty for no limit.",
            decimal=True,
            optional=True,
        ),
        _number(
            ids.ADMIN_TWO_WAY_WEIGHT,
            "Preference for two-way pairs",
            current.two_way_weight,
            limits.TWO_WAY_WEIGHT,
            "Extra score when each person can teach the other: 0 for none, 3 is the "
            "default, 10 the strongest.",
        ),
        DividerBlock(),
        HeaderBlock(text="Check-ins"),
        _number(
            ids.ADMIN_NUDGE_AFTER,
            "Nudge a pair after this many weeks without meeting",
            current.nudge_after,
            limits.NUDGE_AFTER,
            "Counted in weekly check-ins.",
        ),
        _number(
            ids.ADMIN_CLOSE_AFTER,
            "Close a pair after this many unanswered check-ins",
            current.close_after,
            limits.CLOSE_AFTER,
            "Both people can then be matched again.",
        ),
        DividerBlock(),
        HeaderBlock(text="Announcements"),
        InputBlock(
            block_id=ids.ADMIN_ANNOUNCE_CHANNEL,
            label="Announce each round in",
            optional=True,
            hint="Invite mentorbot to the channel first. Leave empty for no announcement.",
            element=ConversationSelectElement(
                action_id=ids.ADMIN_ANNOUNCE_CHANNEL,
                placeholder="Pick a channel",
                initial_conversation=current.announce_channel,
                filter=ConversationFilter(include=["public", "private"]),
            ),
        ),
        tick_box(
            ids.ADMIN_ANNOUNCE_PAIRS,
            "What the announcement says",
            name_pairs,
            ticked=current.announce_pairs,
            optional=True,
            hint="By default it only gives counts, never who is paired with whom.",
        ),
    ]
    return View(
        type="modal",
        callback_id=ids.ADMIN_SETTINGS_MODAL,
        title="Program settings",
        submit="Save",
        close="Cancel",
        blocks=blocks,
    )


def _state(values: Mapping[str, Any], block_id: str) -> Mapping[str, Any]:
    return inputs.field(values, block_id)


def _selected(values: Mapping[str, Any], block_id: str) -> str | None:
    return inputs.picked(values, block_id)


def _whole(
    values: Mapping[str, Any], block_id: str, bounds: tuple[int, int], errors: dict[str, str]
) -> int:
    raw = _state(values, block_id).get("value", "")
    low, high = bounds
    try:
        number = float(raw)
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
    raw = inputs.raw_text(values, ids.ADMIN_TIME, "selected_time") or ""
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
    channel = inputs.raw_text(values, ids.ADMIN_ANNOUNCE_CHANNEL, "selected_conversation") or None
    if channel is not None and not _CHANNEL_ID.match(channel):
        errors[ids.ADMIN_ANNOUNCE_CHANNEL] = "Pick a channel from the list."
        channel = None
    name_pairs = ANNOUNCE_PAIRS_VALUE in inputs.picked_many(values, ids.ADMIN_ANNOUNCE_PAIRS)
    if name_pairs and channel is None:
        errors[ids.ADMIN_ANNOUNCE_PAIRS] = "Pick a channel to announce in first."
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
        ),
        {},
    )


def saved_text(upcoming: NextRound) -> str:
    return ":white_check_mark: Settings saved. They apply from the next round.\n" + (
        next_round_text(upcoming)
    )
