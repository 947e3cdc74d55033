"""A calendar file (RFC 5545) for a chosen meeting: one VEVENT with times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from .model import Slot

PRODUCT_ID = "-//mentorbot//Meeting times//EN"
# RFC 5545 3.1: lines are at most 75 octets, excluding the line break; longer ones are
# folded with CRLF and one space.
_MAX_LINE_OCTETS = 75


def ics_event(slot: Slot, *, uid: str, stamp: datetime, summary: str, description: str) -> str:
    """The text of a .ics file holding `slot` as one event.

    `uid` must be globally unique and stable for this meeting (the same meeting sent again
    replaces rather than duplicates it in a calendar); `stamp` is when the file is made.
    """
    if not uid or any(ch in uid for ch in "\r\n"):
        raise ValueError("an event UID is one non-empty line")
    if stamp.tzinfo is None:
        raise ValueError("the stamp must carry a time zone")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{_text(uid)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(slot.start)}",
        f"DTEND:{_utc(slot.end)}",
        f"SUMMARY:{_text(summary)}",
        f"DESCRIPTION:{_text(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped; line breaks as \\n."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold `line` into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    limit = _MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # Continuation lines start with a space, which counts towards their 75.
            current, size, limit = "", 0, _MAX_LINE_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)
