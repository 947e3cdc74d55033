"""Goals for admins: aggregates worked out by hand, and the small-number rule."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.models import Goal, LearnerLevel, Member, Pair, Skill
from bot.db.session import transaction
from bot.domain.goals import SkillGain
from bot.services.goal_stats import MIN_GROUP, goals_overview
from bot.ui.admin_home import goals_text
from tests.e2e.admin_helpers import seed_program

MARKER = "GOAL-MARKER-admins-never-see-this"


def add_learners(deps, count, *, skill_slug, levels, statuses, team_id="T1"):
    """`count` new pairs, each with one learner, their goals (`statuses`) and levels."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        skill = session.scalar(
            select(Skill).where(Skill.team_id == team_id, Skill.slug == skill_slug)
        )
        mentor = Member(team_id=team_id, slack_user_id=f"UM{skill_slug[:3]}", display_name="M")
        session.add(mentor)
        session.flush()
        for n in range(count):
            learner = Member(team_id=team_id, slack_user_id=f"UL{skill_slug[:3]}{n}",
                             display_name=f"L{n}")  # fmt: skip
            session.add(learner)
            session.flush()
            pair = Pair(team_id=team_id, mentor_id=mentor.id, mentee_id=learner.id,
                        skill_id=skill.id, score=1, status="active",
                        started_at=now - timedelta(days=30), reasons=[])  # fmt: skip
            session.add(pair)
            session.flush()
            for position, status in enumerate(statuses, start=1):
                session.add(Goal(team_id=team_id, pair_id=pair.id, learner_id=learner.id,
                                 position=position, text=f"{MARKER} {n}", status=status,
                                 updated_at=now))  # fmt: skip
            start, end = levels[n % len(levels)]
            session.add(LearnerLevel(team_id=team_id, pair_id=pair.id, learner_id=learner.id,
                                     skill_id=skill.id, start_level=start, end_level=end,
                                     updated_at=now))  # fmt: skip


def test_no_goals_no_section(deps):
    seed_program(deps)
    with deps.sessions() as session:
        assert goals_overview(session, "T1") is None


def test_too_few_learners_hold_back_the_share_and_the_gains(deps):
    seed_program(deps)
    add_learners(deps, MIN_GROUP - 1, skill_slug="python", levels=[(1, 4)],
                 statuses=["done", "moving"])  # fmt: skip
    with deps.sessions() as session:
        overview = goals_overview(session, "T1")
    assert overview is not None
    assert (overview.learners, overview.goals, overview.done, overview.gains) == (4, 8, None, ())
    words = goals_text(overview)
    assert "8 goals set; the share done is shown once at least 5 learners have goals" in words
    assert MARKER not in words and "→" not in words


def test_enough_learners_show_the_share_done_and_the_mean_gain_per_skill(deps):
    seed_program(deps)
    add_learners(deps, MIN_GROUP, skill_slug="python", levels=[(1, 4), (2, 3)],
                 statuses=["done", "moving"])  # fmt: skip
    add_learners(deps, 2, skill_slug="sql", levels=[(1, 5)], statuses=["done"])
    with deps.sessions() as session:
        overview = goals_overview(session, "T1")
        other = goals_overview(session, "T2")
    assert other is None  # another workspace's goals never count
    assert overview is not None
    # 5 python learners × 2 goals (5 done) + 2 sql learners × 1 done goal.
    assert (overview.learners, overview.goals, overview.done) == (7, 12, 7)
    # Python gains: 3, 1, 3, 1, 3 → 2.2; SQL has only 2 learners, so it is held back.
    assert overview.gains == (SkillGain(skill="Python", learners=5, average_gain=2.2),)
    words = goals_text(overview)
    assert "58% of 12 goals done" in words and "*Python*: +2.2 levels on average" in words
    assert "SQL" not in words and MARKER not in words
