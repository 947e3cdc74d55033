"""Parse the text after `/mentor` into a command (pure: no Slack, no database).

Every input yields a command; text that makes no sense yields `Invalid` with a problem and
the closest valid command, so the listener always has something helpful to say.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.parsing.admin_commands import AdminCommand, AdminProblem, parse_admin
from bot.parsing.command_text import Decoded, decode, first_word, readable, split_list
from bot.parsing.thanks import SendThanks, ThanksProblem, parse_thanks
from bot.skills.normalise import InvalidSkill, Skill, normalize_skill
from bot.vocabulary import MAX_LEVEL, MIN_LEVEL

MAX_COMMAND_LENGTH = 1000
MAX_SKILLS_PER_COMMAND = 10

RecordKind = Literal["offer", "request"]


@dataclass(frozen=True, slots=True)
class ShowHelp:
    pass


@dataclass(frozen=True, slots=True)
class OfferSkills:
    skills: tuple[Skill, ...]  # empty: the person did not say which skill yet
    level: int | None = None  # None: keep the current level, or the default for new offers


@dataclass(frozen=True, slots=True)
class RequestSkills:
    skills: tuple[Skill, ...]


@dataclass(frozen=True, slots=True)
class ListMine:
    pass


@dataclass(frozen=True, slots=True)
class RemoveSkill:
    kind: RecordKind
    skill: Skill


@dataclass(frozen=True, slots=True)
class Invalid:
    problem: str  # what was wrong, in plain words (may quote user text: escape before mrkdwn)
    suggestion: str  # the closest valid command, e.g. "/mentor offer python"


@dataclass(frozen=True, slots=True)
class FindSkill:
    skill: Skill


@dataclass(frozen=True, slots=True)
class ShowSkills:
    pass


@dataclass(frozen=True, slots=True)
class PauseMatching:
    weeks: int | None  # None: until the person resumes


@dataclass(frozen=True, slots=True)
class ResumeMatching:
    pass


@dataclass(frozen=True, slots=True)
class EditProfile:
    pass


@dataclass(frozen=True, slots=True)
class ForgetMe:
    """Delete everything the app keeps about the person (after they confirm)."""


@dataclass(frozen=True, slots=True)
class ShowLog:
    """The person's own learning log, across their pairings."""


@dataclass(frozen=True, slots=True)
class ExportLog:
    """The person's whole learning log as a Markdown file in a DM."""


Command = (
    ShowHelp
    | OfferSkills
    | RequestSkills
    | ListMine
    | RemoveSkill
    | FindSkill
    | ShowSkills
    | PauseMatching
    | ResumeMatching
    | EditProfile
    | ForgetMe
    | ShowLog
    | ExportLog
    | SendThanks
    | AdminCommand
    | Invalid
)

MAX_PAUSE_WEEKS = 52

_LEVEL_AT_END = re.compile(r"(?:^|[\s,])(?:level|lvl)\s*[:=]?\s*(\S+)\s*$", re.IGNORECASE)


_REFERENCE_WORDS = {
    "person": "a person",
    "channel": "a channel",
    "group": "a group of people",
    "link": "a link",
}


def _not_words(decoded: Decoded) -> str:
    """Why a mention, channel or link can't be a skill (it reads as plain words here)."""
    what = _REFERENCE_WORDS[decoded.references[0].kind]
    return f"“{decoded.plain}” is {what}, not a skill: say the skill in words"


def _one_skill(text: str) -> Skill | str:
    """The skill `text` names (Slack's escaping undone once), or what is wrong with it."""
    decoded = decode(text.strip())
    if decoded.references:
        return _not_words(decoded)
    try:
        return normalize_skill(decoded.plain)
    except InvalidSkill as problem:
        return f"“{decoded.plain.strip()}” is not a skill I can store: {problem}"


def _split_skills(text: str) -> tuple[tuple[Skill, ...], str | None]:
    """Comma-separated skills -> normalised skills, or an error message."""
    names = [part.strip() for part in split_list(text) if part.strip()]
    if len(names) > MAX_SKILLS_PER_COMMAND:
        return (), f"at most {MAX_SKILLS_PER_COMMAND} skills at a time"
    skills: dict[str, Skill] = {}
    for name in names:
        skill = _one_skill(name)
        if isinstance(skill, str):
            return (), skill
        skills.setdefault(skill.slug, skill)
    return tuple(skills.values()), None


def _parse_offer(rest: str) -> Command:
    level: int | None = None
    match = _LEVEL_AT_END.search(rest)
    if match:
        raw_level = match.group(1)
        if not raw_level.isdigit() or not MIN_LEVEL <= int(raw_level) <= MAX_LEVEL:
            return Invalid(
                f"the level must be a whole number from {MIN_LEVEL} to {MAX_LEVEL}, "
                f"not “{readable(raw_level)}”",
                "/mentor offer public speaking level 4",
            )
        level = int(raw_level)
        rest = rest[: match.start()]
    skills, problem = _split_skills(rest)
    if problem:
        return Invalid(problem, "/mentor offer social media, public speaking level 4")
    if level is not None and not skills:
        return Invalid("say which skill the level is for", "/mentor offer python level 4")
    return OfferSkills(skills=skills, level=level)


def _parse_request(rest: str) -> Command:
    skills, problem = _split_skills(rest)
    if problem:
        return Invalid(problem, "/mentor request negotiation")
    return RequestSkills(skills=skills)


def _parse_remove(rest: str) -> Command:
    kind_word, skill_text = first_word(rest)
    kinds: dict[str, RecordKind] = {
        "offer": "offer",
        "request": "request",
        "learn": "request",
        "ask": "request",
    }
    kind = kinds.get(kind_word.casefold())
    if kind is None or not skill_text.strip():
        return Invalid(
            "say whether to remove an offer or a request, and which skill",
            "/mentor remove offer python",
        )
    skill = _one_skill(skill_text)
    if isinstance(skill, str):
        return Invalid(skill, "/mentor list")
    return RemoveSkill(kind=kind, skill=skill)


def _parse_find(rest: str) -> Command:
    if not rest:
        return Invalid("say which skill to look for", "/mentor find public speaking")
    skill = _one_skill(rest)
    if isinstance(skill, str):
        return Invalid(skill, "/mentor find public speaking")
    return FindSkill(skill=skill)


_PAUSE_WEEKS = re.compile(r"^([0-9]{1,3})\s*(?:w|wk|wks|week|weeks)?$", re.IGNORECASE)


def _parse_pause(rest: str) -> Command:
    if not rest:
        return PauseMatching(weeks=None)
    match = _PAUSE_WEEKS.match(rest)
    weeks = int(match.group(1)) if match else 0
    if not 1 <= weeks <= MAX_PAUSE_WEEKS:
        return Invalid(
            f"say for how many weeks to pause, from 1 to {MAX_PAUSE_WEEKS} "
            "(or nothing, to pause until you resume)",
            "/mentor pause 2",
        )
    return PauseMatching(weeks=weeks)


def _parse_thanks(rest: str) -> Command:
    parsed = parse_thanks(rest)
    if isinstance(parsed, ThanksProblem):
        return Invalid(parsed.problem, parsed.suggestion)
    return parsed


def _no_arguments(command: Command, verb: str) -> Callable[[str], Command]:
    def parse(rest: str) -> Command:
        if rest:
            return Invalid(f"`{verb}` takes nothing after it", f"/mentor {verb}")
        return command

    return parse


def _parse_log(rest: str) -> Command:
    if not rest:
        return ShowLog()
    if rest.casefold() == "export":
        return ExportLog()
    return Invalid(
        f"`log` takes nothing after it, or `export`, not “{readable(rest)}”", "/mentor log export"
    )


def _parse_admin(rest: str) -> Command:
    """The admin verbs live in bot.parsing.admin_commands; their problems become `Invalid` here."""
    parsed = parse_admin(rest)
    if isinstance(parsed, AdminProblem):
        return Invalid(parsed.problem, parsed.suggestion)
    return parsed


PARSERS: dict[str, Callable[[str], Command]] = {
    "help": lambda _rest: ShowHelp(),
    "offer": _parse_offer,
    "teach": _parse_offer,
    "request": _parse_request,
    "learn": _parse_request,
    "ask": _parse_request,
    "list": _no_arguments(ListMine(), "list"),
    "remove": _parse_remove,
    "find": _parse_find,
    "skills": _no_arguments(ShowSkills(), "skills"),
    "pause": _parse_pause,
    "resume": _no_arguments(ResumeMatching(), "resume"),
    "profile": _no_arguments(EditProfile(), "profile"),
    "admin": _parse_admin,
    "forget-me": _no_arguments(ForgetMe(), "forget-me"),
    "log": _parse_log,
    "thanks": _parse_thanks,
    "thank": _parse_thanks,
}


def parse_command(text: str) -> Command:
    """Turn `/mentor` text, as Slack sends it (escaped), into a command; never raises.

    Problems and suggestions quote the person's words unescaped: escape them for mrkdwn.
    """
    if len(text) > MAX_COMMAND_LENGTH:
        return Invalid(
            f"that is too long ({len(text)} characters; the most is {MAX_COMMAND_LENGTH})",
            "/mentor help",
        )
    cleaned = " ".join(text.split())
    if not cleaned:
        return ShowHelp()
    verb, rest = first_word(cleaned)
    parser = PARSERS.get(verb.casefold())
    if parser is not None:
        return parser(rest)
    close = difflib.get_close_matches(verb.casefold(), PARSERS, n=1, cutoff=0.6)
    suggestion = f"/mentor {close[0]} {readable(rest)}".strip() if close else "/mentor help"
    return Invalid(f"I don't know the command “{readable(verb)}”", suggestion)
