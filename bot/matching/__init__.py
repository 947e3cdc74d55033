"""Weekly matching engine: exact, explainable skill-based mentor–mentee pairing.

See docs/matching.md for the score formula, the objective and the optimality proof.
"""

from .engine import match_round
from .exact import SolverLimits
from .greedy import greedy_round
from .diff import RoundDiff, diff_rounds
from .locks import LockProblem, lock_problems
from .model import (
    CAREER_STAGES,
    Circle,
    Forbidden,
    Lock,
    MatchSettings,
    Pair,
    Participant,
    PastPair,
    RoundResult,
    Unserved,
    UnservedReason,
)
from .peer_circles import PeerCircle, peer_circles
from .scoring import score_pair, tz_gap

__all__ = [
    "CAREER_STAGES",
    "Circle",
    "Forbidden",
    "Lock",
    "LockProblem",
    "PeerCircle",
    "RoundDiff",
    "diff_rounds",
    "lock_problems",
    "peer_circles",
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
