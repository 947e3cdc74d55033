"""Parse the text after `/mentor admin` into an admin command (pure: no Slack, no database).

Kept apart from bot.parsing.commands so the admin verbs can grow without touching the
participants' ones; bot.parsing.commands turns an `AdminProblem` into its own `Invalid`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.parsing.command_text import decode, first_word, readable, unescape


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
    program: str | None = None  # `admin stats <program name>`: that program's counts


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
class NewProgram(AdminCommand):
    """`admin program new`: open the form for a program with dates and invitations."""


@dataclass(frozen=True, slots=True)
class PersonRef:
    """Who an admin named: a Slack user id, or a plain @name to look up (it may hold
    spaces: "@Grace Hopper" from an install whose command still sends text unescaped)."""

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

# A bare user id, as people sometimes paste it from a profile.
_USER_ID = re.compile(r"^[UW][A-Z0-9]{1,30}$")
MAX_NAME_LENGTH = 80


def parse_person(text: str) -> PersonRef | str:
    """One person, as Slack sends them: `<@U123|name>` or `<@U123>` (escaped text), a bare
    id, or a plain `@name` (unescaped text). Anything else: what is wrong, in plain words
    (empty when there is nothing more to say than "one @mention")."""
    text = text.strip()
    decoded = decode(text)
    if len(decoded.references) > 1:
        return "name one person at a time"
    if decoded.references:
        [reference] = decoded.references
        if decoded.plain.strip() != reference.shown:
            return "name one person at a time"
        if reference.kind == "person":
            return PersonRef(user_id=reference.target)
        if reference.kind == "channel":
            return f"“{reference.shown}” is a channel, not a person"
        if reference.kind == "group":
            return f"“{reference.shown}” is a group of people; name one person"
        return f"“{reference.shown}” is a link, not a person"
    if _USER_ID.match(text):
        return PersonRef(user_id=text)
    if text.startswith("@"):
        name = " ".join(unescape(text[1:]).split())
        if name and len(name) <= MAX_NAME_LENGTH and "@" not in name:
            return PersonRef(name=name)
    return ""  # nothing more specific to say than the usual "as one @mention"


def _person_verb(
    verb: str, build: Callable[[PersonRef], AdminCommand]
) -> Callable[[str], AdminParse]:
    def parse(rest: str) -> AdminParse:
        person = parse_person(rest)
        if isinstance(person, str):
            return AdminProblem(
                f"{person}: say who to {verb} as a program admin, as one @mention"
                if person
                else f"say who to {verb} as a program admin, as one @mention",
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


def _program(rest: str) -> AdminParse:
    if rest.casefold() == "new":
        return NewProgram()
    return AdminProblem(
        "`admin program` needs `new` after it, to open the form for a new program",
        "/mentor admin program new",
    )


ADMIN_PARSERS: dict[str, Callable[[str], AdminParse]] = {
    "settings": _alone(OpenSettings(), "settings"),
    "preview": _alone(PreviewRound(), "preview"),
    "run": _alone(PreviewRound(), "run"),  # opens the preview: its Run now button runs it
    "skip": _alone(SkipRound(), "skip"),
    "unskip": _alone(UndoSkip(), "unskip"),
    "stats": lambda rest: ShowStats(program=unescape(rest)[:MAX_NAME_LENGTH] or None),
    "export": _alone(SendExport(), "export"),
    "chart": _alone(SendChart(), "chart"),
    "add": _person_verb("add", lambda person: AddAdmin(person)),
    "remove": _person_verb("remove", lambda person: RemoveAdmin(person)),
    "list": _alone(ListAdmins(), "list"),
    "help": _alone(AdminHelp(), "help"),
    "program": _program,
}


def parse_admin(rest: str) -> AdminParse:
    """`rest` is what follows `admin`, as Slack sends it (whitespace already collapsed);
    never raises. Problems and suggestions quote it unescaped: escape them for mrkdwn."""
    if not rest:
        return OpenSettings()
    verb, arguments = first_word(rest)
    parser = ADMIN_PARSERS.get(verb.casefold())
    if parser is not None:
        return parser(arguments)
    close = difflib.get_close_matches(verb.casefold(), ADMIN_PARSERS, n=1, cutoff=0.6)
    suggestion = (
        f"/mentor admin {close[0]} {readable(arguments)}".strip() if close else "/mentor admin help"
    )
    return AdminProblem(f"I don't know the admin command “{readable(verb)}”", suggestion)
