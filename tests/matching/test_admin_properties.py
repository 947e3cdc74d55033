"""Locks, drops and circles against the exhaustive solver on random small cohorts."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.matching import (
    Forbidden,
    Lock,
    MatchSettings,
    Participant,
    PastPair,
    SolverLimits,
    lock_problems,
    match_round,
)

from .brute_force_admin import best_extended, best_kept, pair_score
from .strategies import rounds

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
Round = tuple[list[Participant], list[PastPair], list[tuple[str, str]], MatchSettings]


@st.composite
def admin_rounds(
    draw: st.DrawFn, circles: bool
) -> tuple[list[Participant], list[PastPair], list[tuple[str, str]], MatchSettings,
           list[Lock], list[Forbidden]]:  # fmt: skip
    people, history, blocks, settings_ = draw(rounds(max_size=6, min_size=6 if circles else 1))
    if circles:
        # Two skills, few mentors with little capacity: learners of a skill often go
        # unserved, which is when circles form.
        two = ("python", "negotiation")
        people = [
            replace(
                p,
                offers={s: draw(st.integers(1, 5)) for s in two if draw(st.integers(0, 3)) == 0},
                requests={draw(st.sampled_from((*two, "python"))): draw(st.integers(0, 6))},
                capacity=draw(st.integers(0, 1)),
                open_to_circle=draw(st.integers(0, 5)) > 0,
            )
            for p in people
        ]
        people = [
            replace(p, circle_sizes={
                s: draw(st.integers(3, 4)) for s in p.offers if draw(st.integers(0, 2)) > 0
            }, bonus={s: b for s, b in p.bonus.items() if s in p.offers})  # offers changed
            for p in people
        ]  # fmt: skip
    ids = [p.id for p in people]
    skills = sorted({s for p in people for s in (*p.offers, *p.requests)} | {"python"})
    drops = draw(
        st.lists(
            st.builds(
                Forbidden,
                st.sampled_from(ids),
                st.sampled_from(ids),
                st.one_of(st.none(), st.sampled_from(skills)),
            ),
            max_size=3,
        )
    )
    possible = [
        Lock(m.id, e.id, skill)
        for m in people
        for e in people
        for skill in sorted(m.offers)
        if m.id != e.id and skill in e.requests
    ]
    # Locks: drawn freely, then only those the validation accepts are kept, one by one.
    wanted = draw(
        st.lists(
            st.one_of(
                st.builds(
                    Lock, st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(skills)
                ),
                # Mostly pairs with a common skill, which the validation usually accepts.
                *([st.sampled_from(possible)] * 3 if possible else []),
            ),
            max_size=3,
        )
    )
    locks: list[Lock] = []
    for lock in wanted:
        if lock not in locks and not lock_problems(
            lock, people, history=history, blocks=blocks, dropped=drops,
            other_locks=[*locks, lock], settings=settings_,
        ):  # fmt: skip
            locks.append(lock)
    return people, history, blocks, settings_, locks, drops


def _check(people, history, blocks, settings_, locks, drops, limits=None) -> None:
    result = match_round(
        people, history=history, blocks=blocks, settings=settings_,
        locks=locks, forbidden=drops, limits=limits,
    )  # fmt: skip
    assert result.optimal
    seats = sum(len(c.learners) for c in result.circles)
    served = len(result.pairs) + seats
    total = sum(p.score for p in result.pairs) + sum(c.score for c in result.circles)
    assert (served, -seats, total) == best_extended(
        people, history, blocks, settings_, locks, drops
    )
    assert result.stats["served"] == served and result.stats["total_score"] == total
    # Locks kept as they are; drops never made; one place per mentee; capacities hold.
    made = {(p.mentor, p.mentee): p for p in result.pairs}
    for lock in locks:
        assert made[(lock.mentor, lock.mentee)].skill == lock.skill
    assert tuple(locks) == result.locked or set(locks) == set(result.locked)
    by_id = {p.id: p for p in people}
    locked = {(lock.mentor, lock.mentee) for lock in locks}
    for pair in result.pairs:
        for d in drops:
            assert (d.mentor, d.mentee) != (pair.mentor, pair.mentee) or (
                d.skill is not None and d.skill != pair.skill
            )
        if (pair.mentor, pair.mentee) not in locked:
            expected = pair_score(by_id[pair.mentor], by_id[pair.mentee], drops, settings_)
            assert pair.score == expected
    learners = [e for c in result.circles for e in c.learners]
    everyone = [p.mentee for p in result.pairs] + learners
    assert len(everyone) == len(set(everyone))
    load = Counter(p.mentor for p in result.pairs)
    assert all(load[m] <= by_id[m].capacity for m in load)
    for c in result.circles:
        assert 3 <= len(c.learners) <= by_id[c.mentor].circle_sizes[c.skill]
        assert all(by_id[e].open_to_circle and c.skill in by_id[e].requests for e in c.learners)
        assert not any((d.mentor, d.mentee) == (c.mentor, e) and d.skill in (None, c.skill)
                       for d in drops for e in c.learners)  # fmt: skip
    unserved = {u.participant for u in result.unserved}
    assert not unserved & set(everyone)


@FAST
@given(admin_rounds(circles=False), st.sampled_from([None, SolverLimits(method="hub"),
                                                    SolverLimits(method="pruned")]))  # fmt: skip
def test_locks_and_drops_match_brute_force(case, limits) -> None:
    _check(*case, limits=limits)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(admin_rounds(circles=True))
def test_circles_with_locks_and_drops_match_brute_force(case) -> None:
    _check(*case)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans().flatmap(admin_rounds), st.data())
def test_keeping_a_draft_matches_brute_force(case, data) -> None:
    """A re-solve keeps the most pairs of the earlier draft among the best rounds, and
    keeping never changes the served count, the circle seats or the total score."""
    people, history, blocks, settings_, locks, drops = case
    ids = [p.id for p in people]
    keep = data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=6))
    result = match_round(
        people, history=history, blocks=blocks, settings=settings_,
        locks=locks, forbidden=drops, keep=keep,
    )  # fmt: skip
    assert result.optimal
    seats = sum(len(c.learners) for c in result.circles)
    total = sum(p.score for p in result.pairs) + sum(c.score for c in result.circles)
    locked = {(lock.mentor, lock.mentee) for lock in locks}
    kept = sum((p.mentor, p.mentee) in set(keep) - locked for p in result.pairs)
    assert (len(result.pairs) + seats, -seats, total, kept) == best_kept(
        people, history, blocks, settings_, locks, drops, keep
    )
