"""Meeting times in words, each in the reader's own local time: a slot, how far a
compromise strays outside someone's day, and how much two working days overlap."""

from __future__ import annotations

from datetime import datetime

from .intervals import Stretch
from .model import Slot, zone


def slot_in_local_time(slot: Slot, timezone: str, *, yours: bool = True) -> str:
    """'Tuesday 8 December, 10:00–10:45 (your time)', in the reader's zone `timezone`;
    without the '(your time)' when it is written for someone else (`yours=False`)."""
    tz = zone(timezone)
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    # A compromise can run past midnight for one of the two; say which day it ends.
    ends = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%H:%M} on {end:%A}"
    words = f"{_day(start)}, {start:%H:%M}–{ends}"
    return f"{words} (your time)" if yours else words


def stretch_in_words(stretch: Stretch) -> str:
    """How a compromise sits with someone's working day, e.g. 'starts 1 hour before your
    working day begins'."""
    parts = []
    if stretch.early_minutes:
        parts.append(f"starts {duration(stretch.early_minutes)} before your working day begins")
    if stretch.late_minutes:
        parts.append(f"ends {duration(stretch.late_minutes)} after your working day ends")
    return " and ".join(parts) if parts else "fits inside your working hours"


def overlap_in_words(minutes: int) -> str:
    """The pair's shared working time in a day, said plainly."""
    if minutes <= 0:
        return "Your working hours don't overlap on any day this week."
    return f"Your working hours overlap by only {duration(minutes)} a day."


def duration(minutes: int) -> str:
    """'45 minutes', '1 hour', '2 hours 15 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def _day(moment: datetime) -> str:
    # Built by hand: strftime has no portable day-of-month without a leading zero.
    return f"{moment:%A} {moment.day} {moment:%B}"
