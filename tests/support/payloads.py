"""Normalised Slack payloads: what each test sent, made comparable across runs, days and databases.

Every call the fake Slack recorded becomes ``{"method": ..., "params": ...}`` with the
values that change from run to run replaced by stable placeholders, numbered per test in
order of first appearance: Slack ids (team, user, channel, message ts, view, trigger, file,
scheduled message), database ids inside button values, block ids and private metadata,
random tokens, and the wall-clock dates and times written in text. Anything else, every
word of copy and every block, is kept as sent, so a real change still shows.

Two forms are kept per test: ``ordered`` (calls in the order they arrived) and ``unordered``
(calls sorted per method before placeholders are numbered), for tests whose listeners run
concurrently and so send in an order that varies from run to run.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from tests.support.fake_slack import Call

#: Parameter names whose string value is an id of the given kind.
ID_KEYS: dict[str, str] = {
    "team": "T",
    "team_id": "T",
    "enterprise_id": "E",
    "user": "U",
    "user_id": "U",
    "users": "U",
    "channel": "C",
    "channel_id": "C",
    "channels": "C",
    "ts": "TS",
    "thread_ts": "TS",
    "message_ts": "TS",
    "latest": "TS",
    "oldest": "TS",
    "post_at": "TIME",
    "view_id": "V",
    "root_view_id": "V",
    "previous_view_id": "V",
    "external_id": "X",
    "hash": "HASH",
    "trigger_id": "TRIGGER",
    "file_id": "F",
    "scheduled_message_id": "Q",
    "upload_url": "URL",
    "code": "CODE",
    "client_secret": "SECRET",
    "refresh_token": "SECRET",
    "cursor": "CURSOR",
    "_name": "RESPONSE_URL",
}

#: Sizes of uploaded files: the CSV exports hold database ids, whose digits vary in number.
SIZE_KEYS = frozenset({"size", "length"})

#: Parameter names whose string value may carry database ids (digit runs) in our own format.
DB_ID_KEYS = frozenset({"value", "block_id", "private_metadata", "action_id", "outbox_key"})

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SHORT_MONTHS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_SHORT_WEEKDAYS = "Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun"

#: Wall-clock dates and times in text, longest forms first.
_WHEN = re.compile(
    "|".join(
        [
            r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?",
            r"\d{4}-\d{2}-\d{2}",
            rf"\b(?:{_WEEKDAYS}|{_SHORT_WEEKDAYS})\b",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS}|{_SHORT_MONTHS})\b(?: \d{{4}})?",
            rf"\b(?:{_MONTHS}|{_SHORT_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}})?",
            r"\b\d{1,2}:\d{2}(?::\d{2})?\b(?:\s?[ap]\.?m\.?)?",
        ]
    )
)
_WHEN_MARK = "<when>"
#: Addresses on this machine (the fake Slack's, the bot's): ports and paths change per run.
_LOCAL_URL = re.compile(r"https?://(?:127\.0\.0\.1|localhost)(?::\d+)?[^\s\"'<>|]*")
#: Slack's date token: ``<!date^1700000000^{date_short}|fallback>``.
_SLACK_DATE = re.compile(r"<!date\^\d+\^")
#: Mentions of users and channels in mrkdwn.
_USER_MENTION = re.compile(r"<@([UWB][A-Z0-9]+)(\|[^>]*)?>")
_CHANNEL_MENTION = re.compile(r"<#([CGD][A-Z0-9]+)(\|[^>]*)?>")
#: Ids the fake makes up itself from one counter shared by every test of a run.
_FAKE_IDS = re.compile(r"\b([DVFQ])\d{8}\b")
#: Message timestamps (the fake's, or the clock's).
_MESSAGE_TS = re.compile(r"\b\d{10}\.\d{6}\b")
#: Random tokens: long runs of url-safe characters mixing digits, capitals and small letters
#: (words, file names and our ids, which are lower case, are left alone).
_TOKEN = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Z])(?=[\w-]*[a-z])[A-Za-z0-9_-]{20,}\b", re.ASCII)
#: Digit runs, except the numbers of placeholders already given (``U#2``).
_DIGITS = re.compile(r"(?<![#\d])\d+")


class Placeholders:
    """Stable names for the ids one test's calls mention, per kind, in order of first use."""

    def __init__(self) -> None:
        self._names: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}

    def __call__(self, kind: str, value: str, *, within: str = "") -> str:
        """``kind#n``; ``within`` numbers apart ids of one kind from different places."""
        key = (kind + within, value)
        if key not in self._names:
            self._counts[key[0]] = self._counts.get(key[0], 0) + 1
            self._names[key] = f"{kind}#{self._counts[key[0]]}"
        return self._names[key]


def _text(value: str, name: Placeholders) -> str:
    value = _LOCAL_URL.sub(lambda m: name("URL", m.group(0)), value)
    value = _SLACK_DATE.sub("<!date^<when>^", value)
    value = _USER_MENTION.sub(lambda m: f"<@{name('U', m.group(1))}{m.group(2) or ''}>", value)
    value = _CHANNEL_MENTION.sub(lambda m: f"<#{name('C', m.group(1))}{m.group(2) or ''}>", value)
    value = _FAKE_IDS.sub(lambda m: name(m.group(1), m.group(0)), value)
    value = _MESSAGE_TS.sub(lambda m: name("TS", m.group(0)), value)
    value = _TOKEN.sub(lambda m: name("TOKEN", m.group(0)), value)
    return _WHEN.sub(_WHEN_MARK, value)


def _before(text: str, end: int) -> str:
    """The non-digit text just before position ``end``: what a number in ``text`` counts."""
    start = end
    while start > 0 and not text[start - 1].isdigit() and end - start < 16:
        start -= 1
    return text[start:end]


def _string(
    key: str | None, value: str, name: Placeholders, action: str = "", *, db_ids: bool = False
) -> Any:
    if key in SIZE_KEYS:
        return "<bytes>"
    kind = ID_KEYS.get(key or "")
    if kind is not None:
        if "," in value and key in ("users", "channels"):
            return ",".join(name(kind, part) for part in value.split(","))
        return name(kind, value)
    if db_ids or key in DB_ID_KEYS:
        if value[:1] in "{[":
            try:
                decoded = json.loads(value)
            except ValueError:
                pass
            else:
                return {"<json>": _walk(decoded, name, key, db_ids=True)}
        value = _text(value, name)
        # Database ids are numbered per place (the key, the action and the text before the
        # number): ids of different tables are apart, as they are on PostgreSQL, where they
        # rarely coincide as they do on a fresh SQLite database.
        return _DIGITS.sub(
            lambda m: name("N", m.group(0), within=f"{key}|{action}|{_before(value, m.start())}"),
            value,
        )
    return _text(value, name)


def _walk(
    value: Any,
    name: Placeholders,
    key: str | None = None,
    *,
    db_ids: bool = False,
    action: str = "",
) -> Any:
    if isinstance(value, Mapping):
        # A button's value is numbered with its action: a pair's id apart from a request's.
        action = str(value.get("action_id", action))
        return {k: _walk(v, name, k, db_ids=db_ids, action=action) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_walk(v, name, key, db_ids=db_ids, action=action) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        if key in SIZE_KEYS:
            return "<bytes>"
        if key in ID_KEYS:
            return name(ID_KEYS[key], str(value))
        if db_ids and isinstance(value, int):
            return name("N", str(value), within=f"{key}|{action}|")
        return value
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        return _string(key, value, name, action, db_ids=db_ids)
    return repr(value)


def settled(
    calls: Iterable[tuple[str, Mapping[str, Any]]],
) -> list[tuple[str, Mapping[str, Any]]]:
    """The calls with each person's App Home kept only as it was last published.

    A Home refresh runs after the change that asked for it, on a listener thread, and two
    changes close together can each refresh before or after the other one's, so the views
    in between vary with the machine's load. The last one doesn't: publishes for one person
    are serialised, and each reads the database when it runs, so the last to run shows
    everything. That final Home is what the person sees, and what the record keeps."""
    calls = list(calls)
    last: dict[object, int] = {}
    for index, (method, params) in enumerate(calls):
        if method == "views.publish":
            last[(params.get("user_id"), params.get("team_id"))] = index
    kept = set(last.values())
    return [call for index, call in enumerate(calls) if call[0] != "views.publish" or index in kept]


def normalise(calls: Iterable[tuple[str, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """``(method, params)`` pairs as comparable records, placeholders numbered in this order;
    each person's App Home only as last published (`settled`)."""
    name = Placeholders()
    return [
        {"method": method, "params": _walk(dict(params), name)} for method, params in settled(calls)
    ]


def _shape(method: str, params: Mapping[str, Any]) -> str:
    """A sort key for a call that ignores every id, so that order of arrival doesn't matter."""
    masked = normalise([(method, params)])[0]
    return json.dumps(masked, sort_keys=True, default=str)


def sent(calls: Iterable[Call]) -> list[tuple[str, dict[str, Any]]]:
    """What the app sent in ``calls``, as ``(method, params)`` pairs."""
    return [(call.method, call.params) for call in calls]


def per_method(pairs: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Calls sorted per method (ids ignored) before placeholders are numbered."""
    # Calls alike but for their ids (users.info for two people) are ordered by those ids as
    # sent: the test's own ids are the same in every run, and the fake's and the database's
    # ids grow in the order things were made.
    return normalise(
        sorted(
            settled(pairs),
            key=lambda pair: (pair[0], _shape(*pair), json.dumps(pair[1], default=str)),
        )
    )


def record_of(pairs: list[tuple[str, dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Both forms of one test's calls: as they arrived, and sorted per method."""
    return {"ordered": normalise(pairs), "unordered": per_method(pairs)}


def dump(records: list[dict[str, Any]]) -> str:
    """One call per block of lines, keys sorted: the text a readable diff is made of."""
    return "\n".join(json.dumps(r, sort_keys=True, indent=1, ensure_ascii=False) for r in records)


def diff(expected: list[dict[str, Any]], actual: list[dict[str, Any]], *, limit: int = 200) -> str:
    """A unified diff of two records, cut to ``limit`` lines."""
    lines = list(
        difflib.unified_diff(
            dump(expected).splitlines(),
            dump(actual).splitlines(),
            "golden",
            "this run",
            lineterm="",
            n=4,
        )
    )
    if len(lines) > limit:
        lines = [*lines[:limit], f"... {len(lines) - limit} more lines of diff"]
    return "\n".join(lines)
