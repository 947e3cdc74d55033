"""What services hand ui builders about a pair's goals: each learner's goals, statuses and
levels (plain data)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.cycle.goals import GoalStatus


@dataclass(frozen=True, slots=True)
class GoalLine:
    goal_id: int
    text: str
    status: GoalStatus


@dataclass(frozen=True, slots=True)
class LearnerGoalsView:
    """One direction of a pair: who learns what, their goals and their levels."""

    direction: str
    learner_slack_id: str
    learner_name: str
    skill: str
    goals: tuple[GoalLine, ...] = ()
    start_level: int | None = None
    end_level: int | None = None


@dataclass(frozen=True, slots=True)
class SkillGain:
    """Admins' view of one skill: how many learners rated both levels and their mean gain."""

    skill: str
    learners: int
    average_gain: float


@dataclass(frozen=True, slots=True)
class GoalsOverview:
    """Aggregates only. `done` is None while fewer learners than the small-number rule
    allows have goals; `gains` lists only skills with enough learners who rated both."""

    learners: int
    goals: int
    done: int | None
    min_group: int
    gains: tuple[SkillGain, ...] = ()

    @property
    def done_share(self) -> float | None:
        return self.done / self.goals if self.done is not None and self.goals else None
