"""Whether what someone typed is offered as a new skill, as a known one, or not at all."""

from __future__ import annotations

import pytest

from bot.domain.drafts import Suggestions
from bot.services.skills_catalogue import known_skill_names
from bot.skills.normalise import Skill, normalize_skill
from bot.skills.search import EXACT, CatalogueEntry, SkillMatch, Typed, typed_option
from bot.ui.modals import skill_options

CATALOGUE = [
    CatalogueEntry("public-speaking", "Public speaking", ("presenting",)),
    CatalogueEntry("python", "Python", ("py",)),
    CatalogueEntry("ml-ops", "MLOps", ("mlops",)),  # a workspace's own alias
]
WITH_KUBERNETES = [*CATALOGUE, CatalogueEntry("kubernetes", "Kubernetes")]


@pytest.mark.parametrize(
    ("typed", "catalogue", "expected"),
    [
        ("Public speaking", CATALOGUE, Typed.KNOWN),  # the exact skill
        ("PUBLIC   speaking", CATALOGUE, Typed.KNOWN),  # case and spaces don't count
        ("public_speaking", CATALOGUE, Typed.KNOWN),
        ("presenting", CATALOGUE, Typed.KNOWN),  # an alias of a catalogue skill
        ("MLOPS", CATALOGUE, Typed.KNOWN),  # the workspace's own alias
        ("k8s", WITH_KUBERNETES, Typed.KNOWN),  # a known alias of a catalogue skill
        ("Kubernetes", WITH_KUBERNETES, Typed.KNOWN),
        ("k8s", CATALOGUE, Typed.NAMED),  # known by name, new here: offered as Kubernetes
        ("kubernetes", CATALOGUE, Typed.NAMED),
        ("js", CATALOGUE, Typed.NAMED),
        ("publ", CATALOGUE, Typed.NEW),  # only the start of a skill: still new
        ("Bread baking", CATALOGUE, Typed.NEW),
        ("Public speaking 2", CATALOGUE, Typed.NEW),
    ],
)
def test_typed_option(typed, catalogue, expected) -> None:
    resolved = normalize_skill(typed).slug
    assert typed_option(typed, resolved, catalogue, known_names=known_skill_names()) is expected


@pytest.mark.parametrize(
    ("new_is_known", "first", "last"),
    [
        (True, ("n:Kubernetes", "Kubernetes"), ("s:python", "Python")),
        (False, ("s:python", "Python"), ("n:Kubernetes", "Add new skill: Kubernetes")),
    ],
)
def test_a_skill_known_by_name_comes_first_under_its_own_name(new_is_known, first, last) -> None:
    matches = [SkillMatch(CATALOGUE[1], EXACT)]
    options = skill_options(Suggestions(matches, Skill("kubernetes", "Kubernetes"), new_is_known))
    shown = [(o.value, o.to_dict()["text"]["text"]) for o in options]
    assert (shown[0], shown[-1]) == (first, last)
