"""Parse the text after `/mentor admin` into an admin command (pure: no Slack, no database).

Kept apart from bot.commands so the admin verbs can grow without touching the
participants' ones; bot.commands turns an `AdminProblem` into its own `Invalid`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass


class AdminCommand:
    """Base of every `/mentor admin …` command (the listener checks who may run them)."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class OpenSettings(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class PreviewRound(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class SkipRound(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class UndoSkip(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class ShowStats(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class SendExport(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class SendChart(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class ListAdmins(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class AdminHelp(AdminCommand):
    pass


@dataclass(frozen=True, slots=True)
class PersonRef:
    """Who an admin named: a Slack user id, or a bare @name to look up."""

    user_id: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class AddAdmin(AdminCommand):
    person: PersonRef


@dataclass(frozen=True, slots=True)
class RemoveAdmin(AdminCommand):
    person: PersonRef


@dataclass(frozen=True, slots=True)
class AdminProblem:
    problem: str
    suggestion: str


AdminParse = AdminCommand | AdminProblem

# `<@U123>` or `<@U123|name>` (how Slack sends a picked mention), a bare id, or `@name`.
_MENTION = re.compile(r"^<@([UW][A-Z0-9]{1,30})(?:\|[^>]*)?>$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{1,30}$")
_NAME = re.compile(r"^@([\w.\-]{1,80})$")


def parse_person(text: str) -> PersonRef | None:
    text = text.strip()
    if match := _MENTION.match(text):
        return PersonRef(user_id=match.group(1))
    if _USER_ID.match(text):
        return PersonRef(user_id=text)
    if match := _NAME.match(text):
        return PersonRef(name=match.group(1))
    return None


def _person_verb(
    verb: str, build: Callable[[PersonRef], AdminCommand]
) -> Callable[[str], AdminParse]:
    def parse(rest: str) -> AdminParse:
        person = parse_person(rest)
        if person is None:
            return AdminProblem(
                f"say who to {verb} as a program admin, as one @mention",
                f"/mentor admin {verb} @someone",
            )
        return build(person)

    return parse


def _alone(command: AdminCommand, verb: str) -> Callable[[str], AdminParse]:
    def parse(rest: str) -> AdminParse:
        if rest:
            return AdminProblem(f"`admin {verb}` takes nothing after it", f"/mentor admin {verb}")
        return command

    return parse


ADMIN_PARSERS: dict[str, Callable[[str], AdminParse]] = {
    "settings": _alone(OpenSettings(), "settings"),
    "preview": _alone(PreviewRound(), "preview"),
    "run": _alone(PreviewRound(), "run"),  # opens the preview: its Run now button runs it
    "skip": _alone(SkipRound(), "skip"),
    "unskip": _alone(UndoSkip(), "unskip"),
    "stats": _alone(ShowStats(), "stats"),
    "export": _alone(SendExport(), "export"),
    "chart": _alone(SendChart(), "chart"),
    "add": _person_verb("add", lambda person: AddAdmin(person)),
    "remove": _person_verb("remove", lambda person: RemoveAdmin(person)),
    "list": _alone(ListAdmins(), "list"),
    "help": _alone(AdminHelp(), "help"),
}


def parse_admin(rest: str) -> AdminParse:
    """`rest` is what follows `admin` (whitespace already collapsed); never raises."""
    if not rest:
        return OpenSettings()
    verb, _, arguments = rest.partition(" ")
    parser = ADMIN_PARSERS.get(verb.casefold())
    if parser is not None:
        return parser(arguments.strip())
    close = difflib.get_close_matches(verb.casefold(), ADMIN_PARSERS, n=1, cutoff=0.6)
    suggestion = f"/mentor admin {close[0]} {arguments}".strip() if close else "/mentor admin help"
    return AdminProblem(f"I don't know the admin command “{verb}”", suggestion)
