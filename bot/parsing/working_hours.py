"""Working hours as typed in the profile modal: two "HH:MM" times, read into minutes."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core import ids

DEFAULT_START_MINUTE = 9 * 60
DEFAULT_END_MINUTE = 17 * 60 + 30
# A meeting of 45 minutes has to fit, with a little room either side.
SHORTEST_DAY_MINUTES = 60


@dataclass(frozen=True, slots=True)
class WorkingHoursForm:
    """Minutes after local midnight; None for both: the default day."""

    starts_minute: int | None
    ends_minute: int | None


DEFAULT_HOURS = WorkingHoursForm(None, None)


def minute_of(text: str | None) -> int | None:
    """'09:30' -> 570; None for anything that is not a 24-hour HH:MM."""
    if text is None or len(text) != 5 or text[2] != ":":
        return None
    hours, minutes = text[:2], text[3:]
    if not (hours.isdigit() and minutes.isdigit()):
        return None
    hour, minute = int(hours), int(minutes)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def clock_text(minute: int) -> str:
    """570 -> '09:30'."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_working_hours(
    start: str | None, end: str | None
) -> tuple[WorkingHoursForm | None, dict[str, str]]:
    """Both times, or neither (the default day); the day ends after it starts."""
    if start is None and end is None:
        return WorkingHoursForm(None, None), {}
    starts, ends = minute_of(start), minute_of(end)
    if starts is None:
        return None, {ids.PROFILE_DAY_START_BLOCK: "Pick the time your working day starts."}
    if ends is None:
        return None, {ids.PROFILE_DAY_END_BLOCK: "Pick the time your working day ends."}
    if ends - starts < SHORTEST_DAY_MINUTES:
        return None, {
            ids.PROFILE_DAY_END_BLOCK: "Your working day needs to end at least an hour after "
            "it starts, on the same day."
        }
    if (starts, ends) == (DEFAULT_START_MINUTE, DEFAULT_END_MINUTE):
        return WorkingHoursForm(None, None), {}
    return WorkingHoursForm(starts, ends), {}
