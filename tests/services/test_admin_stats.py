"""Program health from aggregate SQL, checked against numbers worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.program_health import GapSkill, PairCounts, PeriodHealth, Waiting
from bot.services.admin_stats import program_health, quarter_start
from tests.e2e.admin_helpers import seed_program


def test_health_of_a_seeded_program_matches_the_hand_count(deps):
    seed_program(deps)
    with deps.sessions() as session:
        health = program_health(session, "T1", now=deps.clock(), timezone="Europe/London")
    # Taking part: everyone active with an offer or a live request (not Eve, who left,
    # nor Frank, who never offered or asked). Linus and Carol are paused; Dave's pause ended.
    assert (health.participants, health.paused, health.active) == (8, 2, 6)
    # Open: Alan's Rust (2 days), Barbara's Rust (10) and Go (40), Carol's Rust (35).
    assert health.waiting == Waiting(
        total=4, under_a_week=1, one_to_four_weeks=1, over_four_weeks=2, longest_days=40
    )
    assert health.active_pairs == PairCounts(total=2, two_way=1, reverse=1)
    # This quarter began on 1 October in London: Ada & Grace, Dave & Barbara.
    assert health.quarter_pairs == PairCounts(total=2, two_way=1, reverse=0)
    # Three pairs had check-ins; Ada & Grace and Dave & Barbara met at least once.
    assert (health.pairs_checked_in, health.pairs_met) == (3, 2)
    assert round(health.met_share, 3) == 0.667
    # Rust: Alan and Barbara want it this week (Carol is paused, so hers is not demand now),
    # and only Eve (gone) offered it. Go has one of each.
    assert health.gaps == (GapSkill(label="Rust", requests=2, offers=0),)
    # The skipped W47 is no round; T2's round is another workspace's.
    assert health.trend == (
        PeriodHealth(label="Sep 14", new_pairs=1, pairs_met=0, open_requests=4),
        PeriodHealth(label="Oct 5", new_pairs=1, pairs_met=1, open_requests=3),
        PeriodHealth(label="Nov 2", new_pairs=1, pairs_met=1, open_requests=4),
    )


def test_an_empty_program_has_no_shares_and_no_trend(deps, sessions):
    with sessions() as session:
        health = program_health(session, "T9", now=deps.clock(), timezone="UTC")
    assert (health.participants, health.waiting.total, health.met_share) == (0, 0, None)
    assert health.waiting.longest_days is None
    assert (health.gaps, health.trend) == ((), ())


def test_quarters_start_in_the_programs_time_zone():
    now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert quarter_start(now, "Europe/London") == datetime(2026, 9, 30, 23, 0, tzinfo=UTC)
    assert quarter_start(now, "UTC") == datetime(2026, 10, 1, tzinfo=UTC)
    new_year = datetime(2027, 1, 1, 3, 0, tzinfo=UTC)  # still 31 December in New York
    assert quarter_start(new_year, "America/New_York") == datetime(2026, 10, 1, 4, tzinfo=UTC)
