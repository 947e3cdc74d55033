"""Read a round from spreadsheet exports (CSV) and write its pairs back.

Every problem becomes one line naming the file, the row (as a spreadsheet numbers it: the
header is row 1) and the column, e.g.
    people.csv: row 4, column capacity: expected a whole number from 0 to 50, got "lots"
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO, TypeVar

from bot.skills.normalise import InvalidSkill, normalize_skill
from bot.vocabulary import CAREER_STAGES, DEFAULT_LEVEL, MAX_LEVEL, MIN_LEVEL

from .model import Participant, PastPair, RoundResult
from .reasons import render_reason

MAX_CAPACITY = 50
MAX_ERRORS_PER_FILE = 20
PEOPLE_COLUMNS = ("id", "name", "offers", "requests", "capacity", "tz_offset_hours",
                  "career_stage", "paused")  # fmt: skip
PAIR_COLUMNS = ("mentor", "mentee", "skill", "score", "two_way", "reverse", "reasons")
UNMATCHED_COLUMNS = ("id", "skill", "reason", "text")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}

T = TypeVar("T")


class CsvError(ValueError):
    """Bad input; `lines` holds one human-readable line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class _BadCell(ValueError):
    """A cell that does not parse; the message says what was expected."""


@dataclass(frozen=True, slots=True)
class People:
    participants: list[Participant]
    names: dict[str, str]  # id -> display name (may be empty)
    labels: dict[str, str]  # skill slug -> label as first written in the file


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, cells) for each non-blank row; checks required columns."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CsvError([f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CsvError([f"{path}: cannot read the file ({exc})"]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvError([f"{path}: row 1: missing column(s) {', '.join(missing)}"])
    reader.fieldnames = header
    for raw in reader:
        cells = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
        if any(cells.values()):
            yield reader.line_num, cells


def _whole(text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise _BadCell(f'expected a whole number from {low} to {high}, got "{text}"')
    return value


def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not -12 <= value <= 14:
        raise _BadCell(f'expected a UTC offset in hours from -12 to 14, got "{text}"')
    return value


def _stage(text: str) -> str | None:
    if text.lower() in CAREER_STAGES:
        return text.lower()
    if not text:
        return None
    raise _BadCell(f'expected one of {", ".join(CAREER_STAGES)} or empty, got "{text}"')


def _flag(text: str) -> bool:
    if text.lower() in _TRUE | _FALSE:
        return text.lower() in _TRUE
    raise _BadCell(f'expected true or false, got "{text}"')


def _skills(
    text: str, parse_value: Callable[[str], int], default: int, labels: dict[str, str]
) -> dict[str, int]:
    """`skill:value;skill:value` -> slug -> value; aliases merge, keeping the larger value."""
    found: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in text.split(";"))):
        name, _, value = item.partition(":")
        try:
            skill = normalize_skill(name)
        except InvalidSkill as exc:
            raise _BadCell(f'"{name.strip()}" is not a skill: {exc}') from None
        parsed = parse_value(value.strip()) if value.strip() else default
        found[skill.slug] = max(parsed, found.get(skill.slug, parsed))
        labels.setdefault(skill.slug, skill.label)
    return found


class _Collector:
    """Gathers cell errors so one run reports every bad cell, not just the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []

    def cell(self, row: int, column: str, parse: Callable[[str], T], text: str) -> T | None:
        try:
            return parse(text)
        except _BadCell as exc:
            self.add(row, column, str(exc))
            return None

    def add(self, row: int, column: str, message: str) -> None:
        self.lines.append(f"{self.path}: row {row}, column {column}: {message}")

    def raise_if_any(self) -> None:
        if self.lines:
            extra = len(self.lines) - MAX_ERRORS_PER_FILE
            shown = self.lines[:MAX_ERRORS_PER_FILE]
            raise CsvError(shown + ([f"{self.path}: … and {extra} more"] if extra > 0 else []))


def _level(text: str) -> int:
    return _whole(text, MIN_LEVEL, MAX_LEVEL)


def _weeks(text: str) -> int:
    return _whole(text, 0, 520)


def _capacity(text: str) -> int:
    return _whole(text or "1", 0, MAX_CAPACITY)


def _tz(text: str) -> float:
    return _hours(text or "0")


def read_people(path: Path) -> People:
    errors = _Collector(path)
    participants: list[Participant] = []
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for row, cells in _rows(path, ("id", "offers", "requests")):
        person_id = cells["id"]
        if not person_id:
            errors.add(row, "id", "expected an id, got an empty cell")
            continue
        if person_id in first_row:
            first = first_row[person_id]
            errors.add(row, "id", f'duplicate id "{person_id}" (first on row {first})')
            continue
        first_row[person_id] = row
        before = len(errors.lines)
        offers = errors.cell(
            row,
            "offers",
            partial(_skills, parse_value=_level, default=DEFAULT_LEVEL, labels=labels),
            cells["offers"],
        )
        requests = errors.cell(
            row,
            "requests",
            partial(_skills, parse_value=_weeks, default=0, labels=labels),
            cells["requests"],
        )
        capacity = errors.cell(row, "capacity", _capacity, cells.get("capacity", ""))
        tz = errors.cell(row, "tz_offset_hours", _tz, cells.get("tz_offset_hours", ""))
        stage = errors.cell(row, "career_stage", _stage, cells.get("career_stage", ""))
        paused = errors.cell(row, "paused", _flag, cells.get("paused", ""))
        if len(errors.lines) > before:
            continue
        names[person_id] = cells.get("name", "")
        participants.append(
            Participant(
                id=person_id,
                offers=offers or {},
                requests=requests or {},
                capacity=capacity or 0,
                tz_offset_hours=tz or 0.0,
                career_stage=stage,
                paused=bool(paused),
            )
        )
    errors.raise_if_any()
    return People(participants, names, labels)


def _known(errors: _Collector, row: int, column: str, value: str, ids: set[str]) -> bool:
    if value in ids:
        return True
    shown = f'unknown id "{value}" (not in the people file)' if value else "expected an id"
    errors.add(row, column, shown)
    return False


def read_history(path: Path, ids: set[str]) -> list[PastPair]:
    errors = _Collector(path)
    history = []
    for row, cells in _rows(path, ("a", "b", "weeks_ago")):
        a_ok = _known(errors, row, "a", cells["a"], ids)
        b_ok = _known(errors, row, "b", cells["b"], ids)
        weeks = errors.cell(row, "weeks_ago", lambda t: _whole(t, 0, 5200), cells["weeks_ago"])
        if a_ok and b_ok and weeks is not None:
            history.append(PastPair(cells["a"], cells["b"], weeks))
    errors.raise_if_any()
    return history


def read_blocks(path: Path, ids: set[str]) -> list[tuple[str, str]]:
    errors = _Collector(path)
    blocks = []
    for row, cells in _rows(path, ("a", "b")):
        a_ok = _known(errors, row, "a", cells["a"], ids)
        b_ok = _known(errors, row, "b", cells["b"], ids)
        if a_ok and b_ok:
            blocks.append((cells["a"], cells["b"]))
    errors.raise_if_any()
    return blocks


def _for_csv(reason: str) -> str:
    # The row names both people in its own columns; the reason speaks of their roles.
    return render_reason(reason, mentor="the mentor", mentee="the mentee")


def write_pairs(result: RoundResult, labels: dict[str, str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PAIR_COLUMNS)
    for p in result.pairs:
        label = labels.get(p.skill, p.skill)
        writer.writerow([p.mentor, p.mentee, label, p.score, _yes(p.two_way), _yes(p.reverse),
                         "; ".join(_for_csv(r) for r in p.reasons)])  # fmt: skip


def write_unmatched(result: RoundResult, labels: dict[str, str], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(UNMATCHED_COLUMNS)
    for u in result.unserved:
        writer.writerow([u.participant, labels.get(u.skill, u.skill), u.reason.value, u.text])


def _yes(flag: bool) -> str:
    return "true" if flag else "false"
