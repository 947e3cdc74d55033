"""Skill normalisation: one slug per skill however people type it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.skills.normalise import InvalidSkill, normalize_skill, skill_aliases, slugify


@pytest.mark.parametrize(
    ("typed", "slug", "label"),
    [
        ("Social Media", "social-media", "Social media"),
        ("social_media", "social-media", "Social media"),
        ("  social   media ", "social-media", "Social media"),
        ("k8s", "kubernetes", "Kubernetes"),
        ("K8S", "kubernetes", "Kubernetes"),
        ("C#", "csharp", "C#"),
        ("c++", "cplusplus", "C++"),
        (".NET", ".net", ".NET"),
        ("Ｐｙｔｈｏｎ", "python", "Python"),  # full-width letters fold via NFKC
        ("Straße", "strasse", "Straße"),  # case-folding, label kept as typed
        ("español", "español", "español"),
        ("node.js", "node.js", "node.js"),
        ("Watercolour painting", "watercolour-painting", "Watercolour painting"),
    ],
)
def test_normalises_to_one_slug_and_keeps_a_label(typed, slug, label):
    skill = normalize_skill(typed)
    assert (skill.slug, skill.label) == (slug, label)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "at least 2"),
        ("a", "at least 2"),
        ("-", "at least 2"),
        ("x" * 51, "at most 50"),
        ("<!channel>", "letters, digits"),
        ("drop table;", "letters, digits"),
        ("++", "letter or digit"),
    ],
)
def test_rejects_what_cannot_be_a_skill(typed, problem):
    with pytest.raises(InvalidSkill, match=problem):
        normalize_skill(typed)


def test_every_alias_maps_to_a_canonical_skill_that_is_not_itself_an_alias():
    aliases = skill_aliases()
    assert aliases["k8s"] == "kubernetes"
    assert not set(aliases.values()) & set(aliases), "alias chains are confusing"


@given(st.text(max_size=80))
def test_normalising_is_idempotent_and_slugs_are_valid(text):
    try:
        skill = normalize_skill(text)
    except InvalidSkill:
        return
    assert 2 <= len(skill.slug) <= 50
    assert normalize_skill(skill.slug).slug == skill.slug
    assert slugify(skill.slug) == skill.slug
    assert all(c.isalnum() or c in "+#.-" for c in skill.slug)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("drop table;", "(not “;”)"),
        ("a\u0007b", "(not U+0007)"),  # a control character has no face: its code point
        ("0\U00033553", "(not U+33553)"),  # nor has an unassigned one
    ],
)
def test_refused_characters_are_shown_as_a_reader_sees_them(typed, shown):
    with pytest.raises(InvalidSkill) as refused:
        normalize_skill(typed)
    assert str(refused.value).endswith(shown)
    assert "\\" not in str(refused.value)  # never a Python escape
