"""Weekly matching engine: exact, explainable skill-based mentor–mentee pairing.

See docs/matching.md for the score formula, the objective and the optimality proof.
"""

from bot.vocabulary import CAREER_STAGES

from .diff import RoundDiff, diff_rounds
from .engine import match_round
from .exact import SolverLimits
from .greedy import greedy_round
from .locks import LockProblem, lock_problems
from .model import (
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
    "MatchSettings",
    "Pair",
    "Participant",
    "PastPair",
    "PeerCircle",
    "RoundDiff",
    "RoundResult",
    "SolverLimits",
    "Unserved",
    "UnservedReason",
    "diff_rounds",
    "greedy_round",
    "lock_problems",
    "match_round",
    "peer_circles",
    "score_pair",
    "tz_gap",
]
