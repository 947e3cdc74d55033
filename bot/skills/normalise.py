"""Skill normalisation: turn what people type into one stable slug per skill (pure)."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

MIN_SLUG_LENGTH = 2
MAX_SLUG_LENGTH = 50
MAX_LABEL_LENGTH = 75  # Slack option text limit: labels show up in selects.

_SEPARATORS = re.compile(r"[\s_]+")
_REPEATED_HYPHENS = re.compile(r"-{2,}")


@dataclass(frozen=True, slots=True)
class Skill:
    """A normalised skill: `slug` identifies it, `label` is what a person typed."""

    slug: str
    label: str


class InvalidSkill(ValueError):
    """Raised when text cannot be a skill; the message is safe to show to a person."""


def _allowed(char: str) -> bool:
    # Letters and digits of any script, plus the few symbols skills really use (c++, c#, .net).
    return char.isalnum() or char in "+#.-"


def slugify(text: str) -> str:
    """NFKC, case-fold, spaces/underscores to hyphens; no validation."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    hyphenated = _SEPARATORS.sub("-", folded)
    return _REPEATED_HYPHENS.sub("-", hyphenated).strip("-")


@cache
def skill_aliases() -> dict[str, str]:
    """Alias slug -> canonical slug, from the seed file `bot/data/skill_aliases.toml`."""
    raw = resources.files("bot.data").joinpath("skill_aliases.toml").read_text("utf-8")
    table = tomllib.loads(raw)["aliases"]
    aliases: dict[str, str] = {}
    for canonical, names in table.items():
        canonical_slug = slugify(canonical)
        for name in names:
            aliases[slugify(name)] = canonical_slug
    return aliases


@cache
def canonical_labels() -> dict[str, str]:
    """Canonical slug -> preferred display label, from the seed file."""
    raw = resources.files("bot.data").joinpath("skill_aliases.toml").read_text("utf-8")
    return {slugify(k): v for k, v in tomllib.loads(raw).get("labels", {}).items()}


def _shown_character(character: str) -> str:
    # A reader sees the character itself; one that can't be seen (a control, an unassigned
    # code point, a space) is named by its code point instead of a Python escape.
    if character.isprintable() and not character.isspace():
        return f"“{character}”"
    return f"U+{ord(character):04X}"


def normalize_skill(text: str) -> Skill:
    """Return the skill `text` names, or raise InvalidSkill saying what is wrong."""
    label = " ".join(unicodedata.normalize("NFKC", text).split())
    slug = slugify(text)
    if len(slug) < MIN_SLUG_LENGTH:
        raise InvalidSkill(f"a skill needs at least {MIN_SLUG_LENGTH} letters or digits")
    if len(slug) > MAX_SLUG_LENGTH:
        raise InvalidSkill(f"a skill can be at most {MAX_SLUG_LENGTH} characters long")
    bad = sorted({c for c in slug if not _allowed(c)})
    if bad:
        shown = " ".join(_shown_character(c) for c in bad[:5])
        raise InvalidSkill(f"a skill can use letters, digits and + # . - only (not {shown})")
    if not any(c.isalnum() for c in slug):
        raise InvalidSkill("a skill needs at least one letter or digit")
    canonical = skill_aliases().get(slug, slug)
    if canonical in canonical_labels():
        label = canonical_labels()[canonical]
    elif canonical != slug:
        label = canonical.replace("-", " ")
    return Skill(slug=canonical, label=label[:MAX_LABEL_LENGTH])
