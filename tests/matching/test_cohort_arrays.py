"""The cohort's array lookups agree with the plain per-person data, whatever the table."""

from __future__ import annotations

import random

import numpy as np

from bot.matching import Forbidden, MatchSettings, Participant, PastPair
from bot.matching.arrays import KeySet, search, sorted_unique
from bot.matching.candidates import build_groups
from bot.matching.cohort import Cohort
from bot.matching.network import SMALL_HUB, Zones, exposed_mentees, merged_zones
from bot.matching.reasons import Labels, pair_reasons


def _cohort(rng: random.Random, size: int, skills: int) -> list[Participant]:
    names = [f"s{i:02d}" for i in range(skills)]
    people = []
    for i in range(size):
        offers = {s: rng.randint(1, 5) for s in rng.sample(names, rng.randint(0, 4))}
        requests = {
            s: rng.randint(0, 6) for s in rng.sample(names, rng.randint(0, 3)) if s not in offers
        }
        people.append(
            Participant(
                f"U{i:03d}",
                offers,
                requests,
                capacity=rng.randint(0, 2),
                tz_offset_hours=rng.choice((-5, 0, 1, 5.5, 9)),
            )
        )
    return people


def test_levels_match_the_offers_for_every_skill_even_ones_nobody_asks_for() -> None:
    rng = random.Random(7)
    people = _cohort(rng, 40, 12)
    # Skills only offered, only requested, and offered by someone who requests another.
    people.append(Participant("Zoffer", {"only-offered": 3, "s00": 2}, {"s01": 1}))
    people.append(Participant("Zwant", {}, {"only-wanted": 2}))
    cohort = Cohort.build(people, [], [], MatchSettings())
    assert cohort.level_table is not None
    # Columns only for skills both offered and requested.
    only_offered = cohort.skills.index("only-offered")
    assert cohort.level_column[only_offered] == -2
    assert cohort.level_column[cohort.skills.index("only-wanted")] == -1
    m = np.repeat(np.arange(cohort.n), cohort.n_skills)
    skill = np.tile(np.arange(cohort.n_skills), cohort.n)
    expected = [
        cohort.people[i].offers.get(cohort.skills[k], 0)
        for i, k in zip(m.tolist(), skill.tolist(), strict=True)
    ]
    assert cohort.level(m, skill).tolist() == expected
    assert cohort.level(m, np.full(len(m), -1)).tolist() == [0] * len(m)
    assert cohort.mentor_term(np.array([cohort.index["Zoffer"]]), np.array([only_offered]))[0] == 6


def _exposed_by_definition(cohort: Cohort) -> np.ndarray:
    """Mentees with an excluded partner (or themselves) in a small mentor hub of a group
    they request in, checked entry by entry."""
    groups = build_groups(cohort)
    zones = Zones.build(cohort)
    excluded = {(int(k) // cohort.n, int(k) % cohort.n) for k in cohort.forbidden.keys}
    exposed = np.zeros(cohort.n, dtype=bool)
    for g in groups:
        if len(g.m_group) == 0 or len(g.e_group) == 0:
            continue
        hub = g.m_group * zones.count + merged_zones(g, zones)[0]
        size = {h: int((hub == h).sum()) for h in set(hub.tolist())}
        for mg, mp, h in zip(g.m_group.tolist(), g.m_person.tolist(), hub.tolist(), strict=True):
            if size[h] > SMALL_HUB:
                continue
            for eg, ep in zip(g.e_group.tolist(), g.e_person.tolist(), strict=True):
                if eg == mg and (mp == ep or (mp, ep) in excluded):
                    exposed[ep] = True
    result: np.ndarray = exposed & cohort.is_mentee
    return result


def test_exposed_mentees_follow_their_definition() -> None:
    for seed in range(4):
        rng = random.Random(seed)
        people = _cohort(rng, 60, 6)
        # Someone who offers and requests into one two-way group is their own partner.
        people.append(Participant("Zself", {"s00": 3, "s01": 2}, {"s02": 1, "s03": 0}))
        ids = [p.id for p in people]
        history = [PastPair(rng.choice(ids), rng.choice(ids), 1) for _ in range(80)]
        blocks = [(rng.choice(ids), rng.choice(ids)) for _ in range(10)]
        cohort = Cohort.build(people, history, blocks, MatchSettings())
        groups = build_groups(cohort)
        found = exposed_mentees(cohort, groups, Zones.build(cohort))
        assert found.tolist() == _exposed_by_definition(cohort).tolist()
        assert found.any()


def test_row_classes_group_exactly_the_equal_rows() -> None:
    from bot.matching.network import _row_classes

    rng = np.random.default_rng(3)
    for columns in (1, 5, 31, 32, 70):
        base = rng.integers(0, 4, size=(12, columns))
        rows = base[rng.integers(0, 12, size=300)]
        group = rng.integers(0, 3, size=300)
        classes = _row_classes(group, rows)
        table = np.column_stack([group, rows])
        _, expected = np.unique(table, axis=0, return_inverse=True)
        # Same partition of the rows: class ids pair up one to one.
        pairs = set(zip(classes.tolist(), expected.ravel().tolist(), strict=True))
        assert len(pairs) == len(set(classes.tolist())) == len(set(expected.ravel().tolist()))


def test_shifted_bands_join_people_on_either_side_of_a_band_edge() -> None:
    from bot.matching.pruned_candidates import zone_bands

    zones = (-8, -3, -2, 0, 3, 4, 9)
    people = [Participant(f"U{i}", {}, {}, tz_offset_hours=tz) for i, tz in enumerate(zones)]
    cohort = Cohort.build(people, [], [], MatchSettings())  # bands 6 hours wide
    plain, shifted = zone_bands(cohort), zone_bands(cohort, shift=0.5)
    # −3 and −2 sit either side of the edge at −2: apart in plain bands, together shifted.
    assert plain[1] != plain[2] and shifted[1] == shifted[2]
    # Inside one band, people are always within the penalty threshold of each other.
    for bands in (plain, shifted):
        for a in range(len(zones)):
            for b in range(len(zones)):
                if bands[a] == bands[b]:
                    assert abs(zones[a] - zones[b]) < 6


def test_search_in_key_order_equals_searchsorted() -> None:
    """`search` orders big key arrays before looking them up; positions must not change,
    whatever the keys' range (narrower or far wider than 16 bits, negative too)."""
    rng = np.random.default_rng(7)
    cases = ((50, 10, 10), (3_000, 5_000, 10), (20_000, 60_000, 10), (20_000, 60_000, 10**12))
    for size, keys, spread in cases:
        values = np.unique(rng.integers(-spread * size, spread * size, size))
        queries = rng.integers(-spread * size - 5, spread * size + 5, keys)
        assert np.array_equal(search(values, queries), np.searchsorted(values, queries))
        ordered = np.sort(queries)
        assert np.array_equal(search(values, ordered), np.searchsorted(values, ordered))
    assert len(search(np.arange(3), np.zeros(0, dtype=np.int64))) == 0
    same = np.full(10_000, 7, dtype=np.int64)
    assert np.array_equal(search(np.arange(20), same), np.full(10_000, 7))


def test_key_sets_answer_like_isin() -> None:
    """`KeySet` rules keys out by a hashed bitmap before looking them up: it must answer
    exactly as np.isin, for sets of every size, keys in and out, near and far apart."""
    rng = np.random.default_rng(5)
    for size in (0, 1, 7, 1_000, 200_000):
        members = sorted_unique(rng.integers(-(2**40), 2**40, size))
        queries = np.concatenate(
            [rng.integers(-(2**40), 2**40, 50_000), members[: size // 2], members[:3] + 1]
        )
        rng.shuffle(queries)
        keys = KeySet(members)
        assert len(keys) == len(members)
        assert np.array_equal(keys.contains(queries), np.isin(queries, members))
    assert KeySet(np.arange(5)).contains(np.zeros(0, dtype=np.int64)).shape == (0,)


def test_exclusions_are_both_ways_and_skip_people_not_in_the_round() -> None:
    """Cooldown and blocks exclude both ways, drops one way; strangers are ignored."""
    people = [Participant(f"U{i}", {"go": 2}, {"py": 1}, capacity=1) for i in range(4)]
    history = [PastPair("U0", "U1", 2), PastPair("U2", "X9", 1), PastPair("U2", "U3", 40)]
    cohort = Cohort.build(
        people,
        history,
        [("U3", "U0"), ("X8", "U1")],
        MatchSettings(),
        [Forbidden("U1", "U2"), Forbidden("U2", "U3", "py")],
    )
    pairs = {(int(k) // 4, int(k) % 4) for k in cohort.forbidden.keys}
    assert pairs == {(0, 1), (1, 0), (3, 0), (0, 3), (1, 2)}
    empty = Cohort.build(people, [], [], MatchSettings())
    assert len(empty.forbidden) == 0 and empty.forbidden.keys.dtype == np.int64


def test_recent_pairs_are_the_cooldown_both_ways_without_blocks_or_strangers() -> None:
    people = [Participant(f"U{i}", {"go": 2}, {"py": 1}, capacity=1) for i in range(4)]
    history = [PastPair("U0", "U1", 2), PastPair("U2", "X9", 1), PastPair("U2", "U3", 40)]
    cohort = Cohort.build(people, history, [("U3", "U0")], MatchSettings())
    everyone = cohort.recent_pairs(None)
    pairs = {(a, b) for a in [*cohort.index, "X9"] for b in [*cohort.index, "X9"]}
    assert {pair for pair in pairs if pair in everyone} == {("U0", "U1"), ("U1", "U0")}
    assert ("U0", "U1") in cohort.recent_pairs(["U1"])
    assert ("U1", "U0") not in cohort.recent_pairs(["U2", "X9"])
    assert "U0" not in everyone and ("U0", "U1", "U2") not in everyone


def test_reasons_follow_each_rounds_labels() -> None:
    """The same pair reads with the labels of the round it is in."""
    mentor = Participant("A", {"py": 3}, {}, capacity=2)
    mentee = Participant("B", {}, {"py": 2})
    settings = MatchSettings()
    plain = pair_reasons(mentor, mentee, "py", (), settings, Labels())
    named = pair_reasons(mentor, mentee, "py", (), settings, Labels({"py": "Python"}))
    assert plain[0] == "{mentor} offers py at level 3 and {mentee} asked to learn it"
    assert named[0] == "{mentor} offers Python at level 3 and {mentee} asked to learn it"
    assert "{mentee}'s request has waited 2 weeks" in named
