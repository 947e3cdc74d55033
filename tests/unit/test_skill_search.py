"""Ranking catalogue skills against typed text (pure)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.skills.search import (
    CONTAINS,
    EXACT,
    PREFIX,
    TYPO,
    CatalogueEntry,
    allowed_typos,
    prefix_distance,
    rank_skills,
)


def entry(slug, uses=0, aliases=()):
    return CatalogueEntry(slug, slug.replace("-", " ").capitalize(), aliases, uses)


CATALOGUE = [
    entry("python", 5, ("py", "python3")),
    entry("pytorch", 9),
    entry("public-speaking", 2, ("presenting",)),
    entry("data-analysis", 1),
    entry("big-data", 3),
    entry("negotiation", 0),
]


def ranked(typed, limit=10):
    return [(m.entry.slug, m.kind) for m in rank_skills(typed, CATALOGUE, limit=limit)]


def test_kinds_of_match_in_order():
    assert ranked("py") == [("python", EXACT), ("pytorch", PREFIX)]
    assert ranked("data") == [("big-data", PREFIX), ("data-analysis", PREFIX)], "most used first"
    assert ranked("ata") == [("big-data", CONTAINS), ("data-analysis", CONTAINS)]
    assert ranked("present")[0] == ("public-speaking", PREFIX), "aliases count"
    assert ranked("negotaition") == [("negotiation", TYPO)]


def test_typos_rank_below_real_matches_and_by_distance():
    # Both are one edit away: the more used comes first...
    assert ranked("pyton")[:2] == [("pytorch", TYPO), ("python", TYPO)]
    # ...but fewer edits beat popularity.
    assert ranked("pythno")[:2] == [("python", TYPO), ("pytorch", TYPO)]
    found = rank_skills("pythn", [entry("pythons-x", 0), entry("pytorch", 99)], limit=5)
    assert [m.entry.slug for m in found] == ["pythons-x"], "pytorch is 2 edits away: too far"


def test_short_text_allows_no_typos_and_nothing_typed_shows_the_most_used():
    assert ranked("pz") == []
    assert [slug for slug, _ in ranked("")] == [
        "pytorch",
        "python",
        "big-data",
        "public-speaking",
        "data-analysis",
        "negotiation",
    ]
    assert [allowed_typos(n) for n in (1, 2, 3, 5, 6, 20)] == [0, 0, 1, 1, 2, 2]


def test_limit_is_respected():
    many = [entry(f"skill-{i}") for i in range(500)]
    assert len(rank_skills("skill", many, limit=99)) == 99


def osa_prefix_distance(typed: str, key: str) -> int:
    """Reference: the smallest restricted edit distance from `typed` to any prefix of `key`."""

    def osa(a: str, b: str) -> int:
        d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
        for i in range(len(a) + 1):
            d[i][0] = i
        for j in range(len(b) + 1):
            d[0][j] = j
        for i in range(1, len(a) + 1):
            for j in range(1, len(b) + 1):
                cost = 0 if a[i - 1] == b[j - 1] else 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        return d[len(a)][len(b)]

    return min(osa(typed, key[:n]) for n in range(len(key) + 1))


@given(
    typed=st.text(alphabet="abcd", min_size=1, max_size=7),
    key=st.text(alphabet="abcd", max_size=10),
    limit=st.integers(0, 3),
)
def test_prefix_distance_matches_the_reference_up_to_the_limit(typed, key, limit):
    expected = osa_prefix_distance(typed, key)
    assert prefix_distance(typed, key, limit) == (expected if expected <= limit else limit + 1)


@given(st.text(max_size=60), st.integers(1, 120))
def test_any_text_ranks_without_error(typed, limit):
    found = rank_skills(typed, CATALOGUE, limit=limit)
    assert len(found) <= limit
    kinds = [m.kind for m in found]
    assert kinds == sorted(kinds)
