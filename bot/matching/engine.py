"""`match_round`: the exact weekly round (pure: no Slack, no database, no clock, no random).

Objective, in this order: serve as many mentees as possible; among those matchings,
maximise the total score (see `scoring`). The result is proved optimal by LP duality over
every eligible pair (see `exact` and `duals`); `RoundResult.optimal` says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .cohort import Cohort
from .exact import Progress, SolverLimits, solve_exact
from .model import MatchSettings, Participant, PastPair, RoundResult
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
) -> RoundResult:
    """Pairs for this round and, for every open request left unserved, why.

    History entries and blocks naming people who are not in `participants` are ignored.
    Raises ValueError for duplicate ids, levels outside 1..5, negative weeks or capacity.
    `progress`, if given, is called with a short line at each stage of the solver.
    """
    cohort = Cohort.build(participants, history, blocks, settings)
    solution = solve_exact(cohort, limits or SolverLimits(), progress)
    ids = [p.id for p in cohort.people]
    mentees = np.flatnonzero(solution.mentor_of >= 0)
    mentors = solution.mentor_of[mentees]
    score, skill = cohort.scores(mentors, mentees)  # vectorised, same as score_pair
    mentor_of = {ids[e]: ids[m] for e, m in zip(mentees.tolist(), mentors.tolist(), strict=True)}
    scored = {
        ids[e]: (s, cohort.skills[k])
        for e, s, k in zip(mentees.tolist(), score.tolist(), skill.tolist(), strict=True)
        if k >= 0  # (a pair without a common skill is left to build_result to reject)
    }
    return build_result(
        cohort.people,
        mentor_of,
        history=history,
        blocks=blocks,
        settings=settings,
        skill_labels=skill_labels,
        optimal=solution.optimal,
        stats=solution.stats,
        scored=scored,
    )
