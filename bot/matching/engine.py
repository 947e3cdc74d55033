"""`match_round`: the exact weekly round (pure: no Slack, no database, no clock, no random).

Objective, in this order: serve as many mentees as possible; among those matchings,
maximise the total score (see `scoring`). The result is proved optimal by LP duality over
every eligible pair (see `exact` and `duals`); `RoundResult.optimal` says so. An admin's
locks are kept and the rest solved around them (`locks`); dropped pairs are never made;
circles, when some could form, join the same flow model (`circles`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .circles import CircleOffers, circle_offers, solve_with_circles
from .cohort import Cohort
from .collector import collector_paused
from .exact import Progress, SolverLimits, solve_exact
from .locks import lock_problems, lock_score, without_locks
from .model import Circle, Forbidden, Lock, MatchSettings, Participant, PastPair, RoundResult
from .result import build_result

DEFAULT_SETTINGS = MatchSettings()


def match_round(
    participants: Sequence[Participant],
    *,
    history: Sequence[PastPair] = (),
    blocks: Sequence[tuple[str, str]] = (),
    settings: MatchSettings = DEFAULT_SETTINGS,
    skill_labels: Mapping[str, str] | None = None,
    limits: SolverLimits | None = None,
    progress: Progress | None = None,
    locks: Sequence[Lock] = (),
    forbidden: Sequence[Forbidden] = (),
    keep: Sequence[tuple[str, str]] = (),
) -> RoundResult:
    """Pairs and circles for this round and, for every open request left unserved, why.

    History entries, blocks and drops naming people who are not in `participants` are
    ignored. Raises ValueError for duplicate ids, levels outside 1..5, negative weeks or
    capacity, and for a lock that cannot be kept (check each with `lock_problems` first:
    it says why in words).

    `keep` lists (mentor, mentee) pairs of an earlier draft, for a re-solve: among the
    rounds best by served count, circle seats and total score, the one keeping the most
    of them (a third level, below the others; it never changes them). Pairs that are not
    eligible now are ignored.
    """
    with collector_paused():  # see `collector`: a round makes no cycles to collect
        cohort = Cohort.build(participants, history, blocks, settings, dropped=forbidden)
        locks = sorted(set(locks), key=lambda lock: (lock.mentor, lock.mentee, lock.skill))
        for lock in locks:
            problems = lock_problems(
                lock, participants, history=history, blocks=blocks, dropped=forbidden,
                other_locks=locks, settings=settings,
            )  # fmt: skip
            if problems:
                reasons = "; ".join(p.text for p in problems)
                raise ValueError(f"lock {lock.mentor} -> {lock.mentee} ({lock.skill}): {reasons}")
        rest = without_locks(cohort, locks)
        offers = circle_offers(rest)
        circles: list[Circle] = []
        keep_keys = np.array(
            [rest.index[m] * rest.n + rest.index[e] for m, e in keep
             if m in rest.index and e in rest.index],
            dtype=np.int64,
        )  # fmt: skip
        if offers.count or len(keep_keys):
            joint = solve_with_circles(rest, offers, keep_keys)
            mentor_index, optimal, stats = joint.mentor_of, joint.optimal, joint.stats
            circles = _circles(rest, offers, joint.circle_of)
        else:
            solution = solve_exact(rest, limits or SolverLimits(), progress)
            mentor_index, optimal, stats = solution.mentor_of, solution.optimal, solution.stats
        ids = [p.id for p in cohort.people]
        mentees = np.flatnonzero(mentor_index >= 0)
        mentors = mentor_index[mentees]
        score, skill = rest.scores(mentors, mentees)  # vectorised, same as score_pair
        mentor_of = {
            ids[e]: ids[m] for e, m in zip(mentees.tolist(), mentors.tolist(), strict=True)
        }
        scored = {
            ids[e]: (s, cohort.skills[k])
            for e, s, k in zip(mentees.tolist(), score.tolist(), skill.tolist(), strict=True)
            if k >= 0  # (a pair without a common skill is left to build_result to reject)
        }
        people = {p.id: p for p in participants}
        for lock in locks:
            mentor_of[lock.mentee] = lock.mentor
            mentor, mentee = people[lock.mentor], people[lock.mentee]
            scored[lock.mentee] = (lock_score(mentor, mentee, lock.skill, settings), lock.skill)
        return build_result(
            cohort.people,
            mentor_of,
            history=history,
            blocks=blocks,
            settings=settings,
            skill_labels=skill_labels,
            optimal=optimal,
            stats=stats,
            scored=scored,
            circles=circles,
            locked=locks,
            dropped=forbidden,
            recent=cohort.recent_pairs,
        )


def _circles(cohort: Cohort, offers: CircleOffers, circle_of: np.ndarray) -> list[Circle]:
    found = []
    seat = {(int(c), int(e)): int(s) for c, e, s in
            zip(offers.seat_c, offers.seat_e, offers.seat_score, strict=True)}  # fmt: skip
    for c in range(offers.count):
        learners = np.flatnonzero(circle_of == c).tolist()
        if learners:
            found.append(
                Circle(
                    mentor=cohort.people[int(offers.mentor[c])].id,
                    skill=cohort.skills[int(offers.skill[c])],
                    learners=tuple(sorted(cohort.people[e].id for e in learners)),
                    score=sum(seat[(c, e)] for e in learners),
                )
            )
    return sorted(found, key=lambda c: (c.mentor, c.skill))
