"""Program health for admins: participants, waiting requests, pairs, gaps and the trend."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.goals import GoalsOverview


@dataclass(frozen=True, slots=True)
class PeriodHealth:
    """One round period: pairs made in it, how many of those met, requests left open."""

    label: str  # e.g. "Nov 23"
    new_pairs: int
    pairs_met: int
    open_requests: int


TREND_PERIODS = 12  # round periods the admin chart and trend cover


@dataclass(frozen=True, slots=True)
class GapSkill:
    """A skill more people want to learn than teach (offers from active members)."""

    label: str
    requests: int
    offers: int


@dataclass(frozen=True, slots=True)
class PairCounts:
    total: int
    two_way: int
    reverse: int


@dataclass(frozen=True, slots=True)
class Waiting:
    """Open requests of active members and how long they have waited."""

    total: int
    under_a_week: int
    one_to_four_weeks: int
    over_four_weeks: int
    longest_days: int | None


@dataclass(frozen=True, slots=True)
class ProgramHealth:
    participants: int  # active members with an offer or a live request
    paused: int
    waiting: Waiting
    active_pairs: PairCounts
    quarter_pairs: PairCounts  # pairs started since the quarter began
    pairs_checked_in: int  # pairs that were sent at least one check-in
    pairs_met: int  # of those, pairs where someone answered "we met"
    gaps: tuple[GapSkill, ...]
    trend: tuple[PeriodHealth, ...]  # oldest first
    goals: GoalsOverview | None = None  # None until some learner has set a goal
    active_circles: int = 0  # circles and peer circles
    circle_learners: int = 0  # learners in active circles
    away: int = 0  # not paused, but away now by their Slack status (a count, never who)

    @property
    def active(self) -> int:
        return self.participants - self.paused - self.away

    @property
    def met_share(self) -> float | None:
        return self.pairs_met / self.pairs_checked_in if self.pairs_checked_in else None
