"""Ranking catalogue skills against what someone is typing (pure: no Slack, no database).

Matches, best first: the exact skill (or one of its aliases), skills that start with the
text (or have a word or alias that does), skills that contain it, then skills within a
typo or two of it. Within each kind, the most used skills come first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.skills import slugify

EXACT, PREFIX, CONTAINS, TYPO = range(4)
MIN_TYPO_LENGTH = 3  # below this, every short word is "a typo away" from the text
MIN_CONTAINS_LENGTH = 3


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    slug: str
    label: str
    aliases: Sequence[str] = ()
    uses: int = 0  # offers plus open requests: how popular the skill is
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Aliases are stored normalised like slugs; the slug always comes first.
        object.__setattr__(self, "keys", (self.slug, *(a for a in self.aliases if a)))


@dataclass(frozen=True, slots=True)
class SkillMatch:
    entry: CatalogueEntry
    kind: int  # EXACT, PREFIX, CONTAINS or TYPO


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
    keys = entry.keys
    if query in keys:
        return EXACT
    for key in keys:
        if key.startswith(query) or any(word.startswith(query) for word in key.split("-")[1:]):
            return PREFIX
    if len(query) >= MIN_CONTAINS_LENGTH and any(query in key for key in keys):
        return CONTAINS
    return None


def _typo_match(query: str, entry: CatalogueEntry, typos: int, letters: frozenset[str]) -> bool:
    for key in entry.keys:
        # Cheap filter first: a key missing too many of the letters typed can't be close.
        window = key[: len(query) + typos]
        if len(letters - set(window)) > typos:
            continue
        if prefix_distance(query, key, typos) <= typos:
            return True
    return False


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
        kind = _kind(query, entry)
        if kind is None:
            rest.append(entry)
        else:
            found.append(SkillMatch(entry, kind))
    # Typo matches rank below every real match: only look for them if there is room.
    if typos and len(found) < limit:
        letters = frozenset(query)
        found.extend(
            SkillMatch(entry, TYPO) for entry in rest if _typo_match(query, entry, typos, letters)
        )
    found.sort(key=lambda m: (m.kind, -m.entry.uses, m.entry.label.casefold()))
    return found[:limit]
