"""The `/mentor` parser: table-driven cases, and any text at all yields a command."""

from __future__ import annotations

import sys
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.parsing.admin_commands import AdminCommand
from bot.parsing.commands import (
    MAX_COMMAND_LENGTH,
    Command,
    Invalid,
    ListMine,
    OfferSkills,
    RemoveSkill,
    RequestSkills,
    ShowHelp,
    parse_command,
)


def slugs(command):
    return [skill.slug for skill in command.skills]


@pytest.mark.parametrize(
    ("text", "expected_type", "expected_slugs", "expected_level"),
    [
        ("offer social-media", OfferSkills, ["social-media"], None),
        ("offer Social Media", OfferSkills, ["social-media"], None),
        ("OFFER python, k8s level 4", OfferSkills, ["python", "kubernetes"], 4),
        ("offer python,python", OfferSkills, ["python"], None),
        ("offer public speaking lvl 2", OfferSkills, ["public-speaking"], 2),
        ("offer c++ level:5", OfferSkills, ["cplusplus"], 5),
        ("teach excel", OfferSkills, ["microsoft-excel"], None),
        ("offer", OfferSkills, [], None),
        ("request negotiation", RequestSkills, ["negotiation"], None),
        ("learn  UX ", RequestSkills, ["user-experience"], None),
        ("ask budgeting, SEO", RequestSkills, ["budgeting", "search-engine-optimization"], None),
    ],
)
def test_skill_commands(text, expected_type, expected_slugs, expected_level):
    command = parse_command(text)
    assert isinstance(command, expected_type)
    assert slugs(command) == expected_slugs
    if expected_type is OfferSkills:
        assert command.level == expected_level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ShowHelp()),
        ("   ", ShowHelp()),
        ("help", ShowHelp()),
        ("Help me", ShowHelp()),
        ("list", ListMine()),
    ],
)
def test_simple_commands(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "kind", "slug"),
    [
        ("remove offer Python", "offer", "python"),
        ("remove request public speaking", "request", "public-speaking"),
        ("remove learn k8s", "request", "kubernetes"),
    ],
)
def test_remove(text, kind, slug):
    command = parse_command(text)
    assert isinstance(command, RemoveSkill)
    assert (command.kind, command.skill.slug) == (kind, slug)


@pytest.mark.parametrize(
    ("text", "problem_part", "suggestion"),
    [
        ("ofer python", "don't know the command", "/mentor offer python"),
        ("reqest sql", "don't know the command", "/mentor request sql"),
        ("dance", "don't know the command", "/mentor help"),
        ("offer python level 0", "from 1 to 5", "/mentor offer public speaking level 4"),
        ("offer python level six", "from 1 to 5", "/mentor offer public speaking level 4"),
        ("offer level 3", "which skill", "/mentor offer python level 4"),
        ("offer a", "at least 2", "/mentor offer social media, public speaking level 4"),
        ("offer " + "x" * 51, "at most 50", "/mentor offer social media, public speaking level 4"),
        ("request <!channel>", "“@channel” is a group of people", "/mentor request negotiation"),
        ("remove python", "offer or a request", "/mentor remove offer python"),
        ("remove offer", "offer or a request", "/mentor remove offer python"),
        ("list all", "takes nothing", "/mentor list"),
        ("offer " + ",".join(f"s{i}x" for i in range(11)), "at most 10", None),
        ("x" * (MAX_COMMAND_LENGTH + 1), "too long", "/mentor help"),
        # The profile and directory verbs.
        ("find", "say which skill", "/mentor find public speaking"),
        ("find x", "not a skill", "/mentor find public speaking"),
        ("pause 0", "from 1 to 52", "/mentor pause 2"),
        ("pause 53", "from 1 to 52", "/mentor pause 2"),
        ("pause soon", "from 1 to 52", "/mentor pause 2"),
        ("pause -1", "from 1 to 52", "/mentor pause 2"),
        ("pause ٣", "from 1 to 52", "/mentor pause 2"),
        ("resume now", "takes nothing after it", "/mentor resume"),
        ("skills all", "takes nothing after it", "/mentor skills"),
        ("profile me", "takes nothing after it", "/mentor profile"),
        ("pase 2", "don't know the command", "/mentor pause 2"),
        # forget-me: mistakes point at the command.
        ("forget-me now", "takes nothing after it", "/mentor forget-me"),
        ("forgetme", "don't know the command", "/mentor forget-me"),
        ("forget-m", "don't know the command", "/mentor forget-me"),
    ],
)
def test_invalid_input_says_what_and_suggests(text, problem_part, suggestion):
    refused(text, problem_part, suggestion)


def refused(text: str, problem_part: str, suggestion: str | None) -> Invalid:
    """Parse `text`, which must be refused with a problem that mentions `problem_part`
    and, unless None, with `suggestion` as the command to try instead."""
    command = parse_command(text)
    assert isinstance(command, Invalid)
    assert problem_part in command.problem
    if suggestion is not None:
        assert command.suggestion == suggestion
    return command


def concrete_command_types() -> set[type]:
    """Every type the parser can return: the `Command` union, with each admin verb's type
    in place of their common base."""

    def public(kind: type) -> bool:
        # `dataclass(slots=True)` builds a new class: the one it replaced still shows up
        # among the base's subclasses, but only the new one is what the module exports.
        return getattr(sys.modules[kind.__module__], kind.__qualname__, None) is kind

    def leaves(kind: type) -> set[type]:
        below = [k for k in kind.__subclasses__() if public(k)]
        return set().union(*(leaves(k) for k in below)) if below else {kind}

    found: set[type] = set()
    for kind in get_args(Command):
        found |= leaves(kind) if kind is AdminCommand else {kind}
    return found


@given(st.text(max_size=300))
def test_any_text_yields_a_command_and_never_raises(text):
    command = parse_command(text)
    assert type(command) in concrete_command_types()
    if isinstance(command, Invalid):
        assert command.problem and command.suggestion.startswith("/mentor")


def test_every_command_type_has_a_handler():
    from bot.listeners.commands.mentor import handled_command_types

    kinds = concrete_command_types()
    assert len(kinds) > 20  # the union and the admin verbs were really found
    missing = {kind.__name__ for kind in kinds - handled_command_types()}
    assert not missing, f"command types nobody handles: {sorted(missing)}"


@given(
    st.lists(
        st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{1,20}[A-Za-z]", fullmatch=True), min_size=1, max_size=5
    ),
    st.integers(1, 5),
)
def test_offer_round_trips_skills_and_level(names, level):
    command = parse_command(f"offer {', '.join(names)} level {level}")
    assert isinstance(command, OfferSkills)
    assert command.level == level
    assert 1 <= len(command.skills) <= len(names)


# ---------------------------------------------------------------- find, skills, pause, resume


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("find public speaking", "FindSkill(public-speaking)"),
        ("FIND k8s", "FindSkill(kubernetes)"),
        ("skills", "ShowSkills"),
        ("pause", "PauseMatching(None)"),
        ("pause 3", "PauseMatching(3)"),
        ("pause 2 weeks", "PauseMatching(2)"),
        ("pause 1 week", "PauseMatching(1)"),
        ("pause 4w", "PauseMatching(4)"),
        ("pause 52", "PauseMatching(52)"),
        ("resume", "ResumeMatching"),
        ("profile", "EditProfile"),
    ],
)
def test_profile_and_directory_verbs(text, expected):
    from bot.parsing.commands import (
        EditProfile,
        FindSkill,
        PauseMatching,
        ResumeMatching,
        ShowSkills,
    )

    command = parse_command(text)
    shown = {
        FindSkill: lambda c: f"FindSkill({c.skill.slug})",
        PauseMatching: lambda c: f"PauseMatching({c.weeks})",
        ShowSkills: lambda c: "ShowSkills",
        ResumeMatching: lambda c: "ResumeMatching",
        EditProfile: lambda c: "EditProfile",
    }[type(command)](command)
    assert shown == expected


# ---------------------------------------------------------------- forget-me


@pytest.mark.parametrize("text", ["forget-me", "FORGET-ME", "  forget-me  "])
def test_forget_me(text):
    from bot.parsing.commands import ForgetMe

    assert parse_command(text) == ForgetMe()


# ---------------------------------------------------------------- text as Slack escapes it


@pytest.mark.parametrize(
    ("text", "problem_part", "suggestion"),
    [
        # Slack sends `&`, `<`, `>` as entities: undone once, so the problem quotes what
        # was typed (the reply escapes it again, once).
        ("offer R&amp;D", "“R&D” is not a skill", None),
        ("offer C&amp;C++", "“C&C++” is not a skill", None),
        ("offer a &lt;b&gt;", "“a <b>” is not a skill", None),
        ("offer AT&amp;amp;T", "“AT&amp;T” is not a skill", None),  # typed "&amp;" literally
        ("find R&amp;D", "“R&D” is not a skill", "/mentor find public speaking"),
        ("remove offer R&amp;D", "“R&D” is not a skill", "/mentor list"),
        ("offer python level 4&amp;5", "not “4&5”", None),
        # What Slack links is no skill: it is quoted as the person reads it.
        ("offer <@U0123ABC|grace>", "“@grace” is a person, not a skill", None),
        ("offer <@U0123ABC>", "“@U0123ABC” is a person", None),
        ("request <#C0123ABC|general>", "“#general” is a channel, not a skill", None),
        ("request <#C0123ABC>", "“#C0123ABC” is a channel", None),
        ("offer python, <!here>", "“@here” is a group of people", None),
        ("offer <!subteam^S0123|@design-team>", "“@design-team” is a group", None),
        ("find <https://example.com|a site>", "“a site” is a link", None),
        # Unknown verbs suggest the closest one with the rest unescaped, never twice escaped.
        ("ofer R&amp;D", "“ofer”", "/mentor offer R&D"),
        ("&lt;b&gt; python", "“<b>”", "/mentor help"),
        ("<@U0123ABC|grace> offer python", "“@grace”", "/mentor help"),
    ],
)
def test_escaped_text_is_unescaped_once_and_quoted_as_typed(text, problem_part, suggestion):
    command = refused(text, problem_part, suggestion)
    assert "&amp;" not in command.problem.replace("AT&amp;T", "")


@pytest.mark.parametrize(
    ("text", "slugs"),
    [
        ("offer c&amp;#35;", None),  # an entity Slack never sends stays text, and is refused
        ("offer C++, C#", ["cplusplus", "csharp"]),
        ("offer  python ,  go  ", ["python", "golang"]),
    ],
)
def test_skills_around_escaping(text, slugs):
    command = parse_command(text)
    if slugs is None:
        assert isinstance(command, Invalid)
    else:
        assert isinstance(command, OfferSkills) and [s.slug for s in command.skills] == slugs


@given(st.text(alphabet=st.sampled_from("&<>;amptlg@#!|, abcU1"), max_size=60))
def test_any_escaped_looking_text_parses(text):
    command = parse_command("offer " + text)
    assert type(command) in concrete_command_types()
