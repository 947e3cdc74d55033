"""Demand is counted one way: the round, `/mentor skills` and the admin gaps agree."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Schedule, Skill
from bot.services.admin_stats import program_health
from bot.services.demand import demand_counts
from bot.services.rounds import load_round_input
from bot.services.schedules import ensure_schedule
from bot.services.skills_catalogue import catalogue_entries, skills_overview
from tests.e2e.admin_helpers import seed_program

# Alan's and Barbara's Rust and Barbara's Go. Not Carol's Rust (paused for 17 more days),
# nor Eve's Python (she left), nor the matched requests, nor T2's Go.
THIS_WEEK = {"rust": 2, "go": 1}


def skill_slugs(session: Session) -> dict[int, str]:
    rows = session.execute(select(Skill.id, Skill.slug).where(Skill.team_id == "T1"))
    return {skill_id: slug for skill_id, slug in rows}


def test_paused_and_departed_members_requests_are_not_demand_anywhere(deps):
    seed_program(deps)
    now = deps.clock()
    with deps.sessions() as session:
        slugs = dict(
            session.execute(select(Skill.id, Skill.slug).where(Skill.team_id == "T1")).all()
        )
        by_id = demand_counts(session, "T1", now)
        assert Counter({slugs[skill_id]: n for skill_id, n in by_id.items()}) == THIS_WEEK

        schedule = ensure_schedule(session, "T1", now)
        assert isinstance(schedule, Schedule)
        assert +load_round_input(session, schedule, now).demand == Counter(THIS_WEEK)

        overview = skills_overview(session, "T1", limit=10, now=now)
        assert [(s.label, s.count) for s in overview.most_requested] == [("Rust", 2), ("Go", 1)]

        health = program_health(session, "T1", now=now, timezone="UTC")
        assert [(g.label, g.requests) for g in health.gaps] == [("Rust", 2)]

        # Autocomplete ranks by offers plus the same demand: Eve's Python offer is gone
        # with her, Ada's counts; her open Python request does not.
        uses = {entry.slug: entry.uses for entry in catalogue_entries(session, "T1", now)}
        assert (uses["rust"], uses["go"], uses["python"]) == (2, 2, 1)


def test_a_pause_that_ended_makes_the_request_demand_again(deps):
    seed_program(deps)
    later = deps.clock().replace(year=2027)  # Carol's pause ran out meanwhile
    with deps.sessions() as session:
        slugs = dict(
            session.execute(select(Skill.id, Skill.slug).where(Skill.team_id == "T1")).all()
        )
        by_slug = {slugs[k]: n for k, n in demand_counts(session, "T1", later).items()}
        assert by_slug == {"rust": 3, "go": 1}
        schedule = ensure_schedule(session, "T1", later)
        assert +load_round_input(session, schedule, later).demand == Counter(by_slug)
