"""The program settings modal and the words after saving it (pure builders)."""

from __future__ import annotations

from datetime import datetime

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
from bot.cycle.schedule import Cadence
from bot.domain import program_settings as limits
from bot.domain.program_settings import NextRound, ProgramSettings
from bot.parsing.settings_form import ANNOUNCE_PAIRS_VALUE, APPROVE_ROUNDS_VALUE
from bot.ui.admin_common import WEEKDAYS, next_round_text, section
from bot.ui.admin_zones import zone_label
from bot.ui.fields import select_box, tick_box

CADENCE_CHOICES = (
    (Cadence.WEEKLY, "Every week"),
    (Cadence.EVERY_TWO_WEEKS, "Every two weeks"),
    (Cadence.MONTHLY, "Monthly (first of the weekday)"),
)


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
    approve = _option(APPROVE_ROUNDS_VALUE, "Admins approve each round before anyone is messaged")
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
        tick_box(
            ids.ADMIN_APPROVE_ROUNDS,
            "Approval",
            approve,
            ticked=current.approve_rounds,
            optional=True,
            hint="Each round is prepared, and the program admins get a DM with its counts "
            "and a Send button; nothing goes out until one of them sends it.",
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


def saved_text(upcoming: NextRound) -> str:
    return ":white_check_mark: Settings saved. They apply from the next round.\n" + (
        next_round_text(upcoming)
    )
