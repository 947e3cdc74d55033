"""The .ics text for a chosen meeting follows RFC 5545: CRLF lines of at most 75 octets,
UTC times, escaped text, and it unfolds back to what was put in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.scheduling.ics import ics_event
from bot.scheduling.model import Slot

pytestmark = pytest.mark.db_independent

SLOT = Slot.starting(datetime(2026, 12, 8, 10, 0, tzinfo=timezone(timedelta(hours=1))), 45)
STAMP = datetime(2026, 12, 3, 12, 0, 5, tzinfo=UTC)


def unfold(text: str) -> dict[str, str]:
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    for line in lines:
        assert len(line.encode("utf-8")) <= 75
    logical: list[str] = []
    for line in lines:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    assert logical[:1] == ["BEGIN:VCALENDAR"] and logical[-1:] == ["END:VCALENDAR"]
    assert logical.count("BEGIN:VEVENT") == 1 and logical.count("END:VEVENT") == 1
    return dict(line.split(":", 1) for line in logical if not line.startswith(("BEGIN", "END")))


def test_event_fields() -> None:
    fields = unfold(
        ics_event(
            SLOT,
            uid="pairing-42-first-meeting@mentorbot",
            stamp=STAMP,
            summary="Mentoring: first meeting",
            description="Agree on goals and a rhythm.",
        )
    )
    assert fields["VERSION"] == "2.0" and fields["PRODID"]
    assert fields["UID"] == "pairing-42-first-meeting@mentorbot"
    assert fields["DTSTAMP"] == "20261203T120005Z"
    assert fields["DTSTART"] == "20261208T090000Z"
    assert fields["DTEND"] == "20261208T094500Z"
    assert fields["SUMMARY"] == "Mentoring: first meeting"


def test_text_is_escaped_and_long_lines_fold_without_splitting_characters() -> None:
    description = "Bring: notes, questions; a C:\\path\nand more — " + "é" * 80
    text = ics_event(SLOT, uid="u@mentorbot", stamp=STAMP, summary="Hi", description=description)
    fields = unfold(text)
    assert fields["DESCRIPTION"] == (
        "Bring: notes\\, questions\\; a C:\\\\path\\nand more — " + "é" * 80
    )
    assert text.count("\r\n ") >= 2


@pytest.mark.parametrize("uid", ["", "two\nlines"])
def test_bad_uid(uid: str) -> None:
    with pytest.raises(ValueError, match="UID"):
        ics_event(SLOT, uid=uid, stamp=STAMP, summary="s", description="d")


def test_naive_stamp() -> None:
    with pytest.raises(ValueError, match="time zone"):
        ics_event(SLOT, uid="u", stamp=datetime(2026, 12, 3), summary="s", description="d")
