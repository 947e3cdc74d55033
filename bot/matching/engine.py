"""`match_round`: the exact weekly round (pure: no Slack, no database, no clock, no random).

Objective, in this order: serve as many mentees as possible; among those matchings,
maximise the total score (see `scoring`). The result is proved optimal by LP duality over
every eligible pair (see `exact` and `duals`); `RoundResult.optimal` says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .cohort import Cohort
from .exact import SolverLimits, solve_exact
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
) -> RoundResult:
    """Pairs for this round and, for every open request left unserved, why.

    History entries and blocks naming people who are not in `participants` are ignored.
    Raises ValueError for duplicate ids, levels outside 1..5, negative weeks or capacity.
    """
    cohort = Cohort.build(participants, history, blocks, settings)
    solution = solve_exact(cohort, limits or SolverLimits())
    ids = [p.id for p in cohort.people]
    mentor_of = {ids[e]: ids[m] for e, m in enumerate(solution.mentor_of.tolist()) if m >= 0}
    return build_result(
        cohort.people,
        mentor_of,
        history=history,
        blocks=blocks,
        settings=settings,
        skill_labels=skill_labels,
        optimal=solution.optimal,
        stats=solution.stats,
    )
