"""The `/mentor` parser: table-driven cases, and any text at all yields a command."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands import (
    MAX_COMMAND_LENGTH,
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
        ("request <!channel>", "letters, digits", "/mentor request negotiation"),
        ("remove python", "offer or a request", "/mentor remove offer python"),
        ("remove offer", "offer or a request", "/mentor remove offer python"),
        ("list all", "takes nothing", "/mentor list"),
        ("offer " + ",".join(f"s{i}x" for i in range(11)), "at most 10", None),
        ("x" * (MAX_COMMAND_LENGTH + 1), "too long", "/mentor help"),
    ],
)
def test_invalid_input_says_what_and_suggests(text, problem_part, suggestion):
    command = parse_command(text)
    assert isinstance(command, Invalid)
    assert problem_part in command.problem
    if suggestion is not None:
        assert command.suggestion == suggestion


@given(st.text(max_size=300))
def test_any_text_yields_a_command_and_never_raises(text):
    command = parse_command(text)
    assert isinstance(
        command, ShowHelp | OfferSkills | RequestSkills | ListMine | RemoveSkill | Invalid
    )
    if isinstance(command, Invalid):
        assert command.problem and command.suggestion.startswith("/mentor")


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
    from bot.commands import EditProfile, FindSkill, PauseMatching, ResumeMatching, ShowSkills

    command = parse_command(text)
    shown = {
        FindSkill: lambda c: f"FindSkill({c.skill.slug})",
        PauseMatching: lambda c: f"PauseMatching({c.weeks})",
        ShowSkills: lambda c: "ShowSkills",
        ResumeMatching: lambda c: "ResumeMatching",
        EditProfile: lambda c: "EditProfile",
    }[type(command)](command)
    assert shown == expected


@pytest.mark.parametrize(
    ("text", "problem_part", "suggestion"),
    [
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
    ],
)
def test_new_verbs_explain_bad_input(text, problem_part, suggestion):
    command = parse_command(text)
    assert isinstance(command, Invalid)
    assert problem_part in command.problem
    assert command.suggestion == suggestion


# ---------------------------------------------------------------- forget-me


@pytest.mark.parametrize("text", ["forget-me", "FORGET-ME", "  forget-me  "])
def test_forget_me(text):
    from bot.commands import ForgetMe

    assert parse_command(text) == ForgetMe()


@pytest.mark.parametrize(
    ("text", "problem_part", "suggestion"),
    [
        ("forget-me now", "takes nothing after it", "/mentor forget-me"),
        ("forgetme", "don't know the command", "/mentor forget-me"),
        ("forget-m", "don't know the command", "/mentor forget-me"),
    ],
)
def test_forget_me_mistakes_point_at_the_command(text, problem_part, suggestion):
    command = parse_command(text)
    assert isinstance(command, Invalid)
    assert problem_part in command.problem
    assert command.suggestion == suggestion
