"""Ranking catalogue skills against what someone is typing (pure: no Slack, no database).

Matches, best first: the exact skill (or one of its aliases), skills that start with the
text (or have a word or alias that does), skills that contain it, then skills within a
typo or two of it. Within each kind, the most used skills come first.
"""

from __future__ import annotations

import enum
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from bot.skills.normalise import slugify

EXACT, PREFIX, CONTAINS, TYPO = range(4)
MIN_TYPO_LENGTH = 3  # below this, every short word is "a typo away" from the text
MIN_CONTAINS_LENGTH = 3


class CatalogueEntry:
    """One skill as the search sees it: its slug, label, aliases and popularity.

    A plain slotted class rather than a dataclass: a catalogue of ten thousand is built
    for every keystroke, so construction has to be cheap.
    """

    __slots__ = ("aliases", "keys", "label", "slug", "text", "uses")

    def __init__(self, slug: str, label: str, aliases: Sequence[str] = (), uses: int = 0) -> None:
        self.slug = slug
        self.label = label
        self.aliases = tuple(aliases)
        self.uses = uses  # offers plus open requests
        # Aliases are stored normalised like slugs; the slug always comes first.
        self.keys = (slug, *(a for a in self.aliases if a)) if aliases else (slug,)
        # Every name on its own line: one substring test rules most skills in or out.
        self.text = "\n" + "\n".join(self.keys)

    def __repr__(self) -> str:
        return f"CatalogueEntry({self.slug!r}, uses={self.uses})"


@dataclass(frozen=True, slots=True)
class SkillMatch:
    entry: CatalogueEntry
    kind: int  # EXACT, PREFIX, CONTAINS or TYPO
    typos: int = 0  # for TYPO matches: how many edits away (fewer ranks first)


def allowed_typos(length: int) -> int:
    if length < MIN_TYPO_LENGTH:
        return 0
    return 1 if length <= 5 else 2


def prefix_distance(typed: str, key: str, limit: int) -> int:
    """Edit distance (with swaps of neighbours) from `typed` to the closest prefix of `key`.

    Stops as soon as the distance must exceed `limit` and then returns `limit + 1`, which
    keeps the scan of a large catalogue fast.
    """
    key = key[: len(typed) + limit]
    width = len(key) + 1
    previous_previous: list[int] | None = None
    previous = list(range(width))
    for i, typed_char in enumerate(typed, start=1):
        current = [i] + [0] * (width - 1)
        for j in range(1, width):
            cost = 0 if typed_char == key[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                previous_previous is not None
                and j > 1
                and typed_char == key[j - 2]
                and typed[i - 2] == key[j - 1]
            ):
                best = min(best, previous_previous[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous)


def _kind(query: str, entry: CatalogueEntry) -> int | None:
    """How `query` matches the entry's names, or None; `query` is known to occur in them."""
    text = entry.text
    if "\n" + query + "\n" in text + "\n":
        return EXACT
    if "\n" + query in text or "-" + query in text:
        return PREFIX
    return CONTAINS if len(query) >= MIN_CONTAINS_LENGTH else None


def _typo_distance(query: str, entry: CatalogueEntry, typos: int, letters: frozenset[str]) -> int:
    """The fewest edits from `query` to the start of one of the entry's names."""
    best = typos + 1
    for key in entry.keys:
        # Cheap filter first: a key missing too many of the letters typed can't be close.
        window = key[: len(query) + typos]
        if len(letters - set(window)) > typos:
            continue
        best = min(best, prefix_distance(query, key, min(typos, best)))
    return best


def rank_skills(typed: str, catalogue: Iterable[CatalogueEntry], *, limit: int) -> list[SkillMatch]:
    """The best `limit` matches for `typed`; the most used skills when nothing is typed."""
    query = slugify(typed)
    entries = list(catalogue)
    if not query:
        popular = sorted(entries, key=lambda e: (-e.uses, e.label.casefold()))
        return [SkillMatch(entry, PREFIX) for entry in popular[:limit]]
    typos = allowed_typos(len(query))
    found: list[SkillMatch] = []
    rest: list[CatalogueEntry] = []
    for entry in entries:
        if query in entry.text:
            kind = _kind(query, entry)
            if kind is not None:
                found.append(SkillMatch(entry, kind))
                continue
        rest.append(entry)
    # Typo matches rank below every real match: only look for them if there is room. A
    # typo in the very first letter is rare, and requiring it keeps the scan short.
    if typos and len(found) < limit:
        letters = frozenset(query)
        start = "\n" + query[0]
        for entry in rest:
            if start not in entry.text:
                continue
            distance = _typo_distance(query, entry, typos, letters)
            if distance <= typos:
                found.append(SkillMatch(entry, TYPO, distance))
    found.sort(key=lambda m: (m.kind, m.typos, -m.entry.uses, m.entry.label.casefold()))
    return found[:limit]


class Typed(enum.Enum):
    """How what was typed is offered next to the catalogue's matches."""

    KNOWN = "known"  # it names a catalogue skill (or one of its aliases): no extra option
    NAMED = "named"  # a skill the app knows by name, new to this workspace: offered as itself
    NEW = "new"  # anything else: "Add new skill: …", after the matches


def typed_option(
    typed: str,
    resolved: str,
    catalogue: Iterable[CatalogueEntry],
    *,
    known_names: Container[str],
) -> Typed:
    """`typed` as the person wrote it; `resolved` its slug once known aliases are applied
    ("k8s" -> "kubernetes"); `known_names` the skills the app knows without any workspace
    using them. Equality is on normalised names (case, spaces and separators don't count),
    so "publ" under "Public speaking" stays a new skill, while "PUBLIC speaking" is not.
    """
    slug = slugify(typed)
    for entry in catalogue:
        if slug in entry.keys or resolved in entry.keys:
            return Typed.KNOWN
    if resolved != slug or resolved in known_names:
        return Typed.NAMED
    return Typed.NEW
