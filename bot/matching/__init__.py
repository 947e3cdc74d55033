"""Weekly matching engine: exact, explainable skill-based mentor–mentee pairing.

See docs/matching.md for the score formula, the objective and the optimality proof.
"""

from bot.vocabulary import CAREER_STAGES

from .engine import match_round
from .exact import SolverLimits
from .greedy import greedy_round
from .model import (
    MatchSettings,
    Pair,
    Participant,
    PastPair,
    RoundResult,
    Unserved,
    UnservedReason,
)
from .scoring import score_pair, tz_gap

__all__ = [
    "CAREER_STAGES",
    "MatchSettings",
    "Pair",
    "Participant",
    "PastPair",
    "RoundResult",
    "SolverLimits",
    "Unserved",
    "UnservedReason",
    "greedy_round",
    "match_round",
    "score_pair",
    "tz_gap",
]
