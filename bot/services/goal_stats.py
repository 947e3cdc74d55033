"""Goals for admins, as aggregates only: the share of goals done and the average level gain
per skill. Never a goal's words nor anyone's rating.

Small-number rule: a figure about fewer than `MIN_GROUP` learners could point at a person,
so it is held back (the share of goals done, and each skill's gain, separately).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Integer, func, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.cycle.goals import GoalStatus
from bot.db.models import Goal, LearnerLevel, Pair, Skill
from bot.domain.goals import GoalsOverview, SkillGain

MIN_GROUP = 5


def _in_program(pair_id: InstrumentedAttribute[int], program_id: int | None) -> ColumnElement[bool]:
    if program_id is None:
        return true()
    return pair_id.in_(select(Pair.id).where(Pair.program_id == program_id))


def goals_overview(
    session: Session, team_id: str, *, program_id: int | None = None
) -> GoalsOverview | None:
    """None when no learner in the workspace (or, given `program_id`, in that program's
    pairs) has set a goal. The small-number rule holds within a program as everywhere."""
    goals, done = session.execute(
        select(
            func.count(Goal.id),
            func.coalesce(func.sum((Goal.status == GoalStatus.DONE).cast(Integer)), 0),
        ).where(Goal.team_id == team_id, _in_program(Goal.pair_id, program_id))
    ).one()
    if not goals:
        return None
    learners = session.scalar(
        select(func.count()).select_from(
            select(Goal.pair_id, Goal.learner_id)
            .where(Goal.team_id == team_id, _in_program(Goal.pair_id, program_id))
            .distinct()
            .subquery()
        )
    )
    rated = (
        select(
            Skill.label,
            func.count(LearnerLevel.id),
            func.avg(LearnerLevel.end_level - LearnerLevel.start_level),
        )
        .join(Skill, Skill.id == LearnerLevel.skill_id)
        .where(
            LearnerLevel.team_id == team_id,
            _in_program(LearnerLevel.pair_id, program_id),
            LearnerLevel.start_level.is_not(None),
            LearnerLevel.end_level.is_not(None),
        )
        .group_by(Skill.label)
        .having(func.count(LearnerLevel.id) >= MIN_GROUP)
        .order_by(Skill.label)
    )
    gains = tuple(
        SkillGain(skill=label, learners=int(count), average_gain=float(average))
        for label, count, average in session.execute(rated)
    )
    return GoalsOverview(
        learners=int(learners or 0),
        goals=int(goals),
        done=int(done) if (learners or 0) >= MIN_GROUP else None,
        min_group=MIN_GROUP,
        gains=gains,
    )
