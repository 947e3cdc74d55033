"""A scheduled round over a seeded workspace: intros in group DMs, unmatched DMs, claims."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import MentoringRequest, OutboxMessage, Pair, RequestStatus, Round, Schedule
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import visible_text


def seed_workspace(deps, fake_slack):
    # Ada and Grace can each teach the other: one two-way pair, one intro.
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4},
               requests={"public speaking": "Present our roadmap at the all-hands"},
               frequency="weekly", duration="about_a_month")  # fmt: skip
    add_person(deps, fake_slack, "U2", "Grace", offers={"public speaking": 5},
               requests={"python": "Automate my monthly <reports> & charts"},
               frequency="every_two_weeks", waited_weeks=3)  # fmt: skip
    # Linus is early in his career and teaches Margaret, who is senior: reverse mentoring.
    add_person(deps, fake_slack, "U3", "Linus", offers={"sql": 3}, career_stage="early")
    add_person(deps, fake_slack, "U4", "Margaret", requests={"sql": "Query our sales data"},
               career_stage="senior")  # fmt: skip
    # Nobody offers Rust: both who ask are told why, and that it is in demand.
    add_person(deps, fake_slack, "U5", "Alan", requests={"Rust": "Write a CLI"})
    add_person(deps, fake_slack, "U6", "Barbara", requests={"Rust": "Read our codebase"})


def test_scheduled_round_sends_intros_and_unmatched_dms(deps, fake_slack, clock):
    seed_workspace(deps, fake_slack)
    finish_setup(deps)
    tick_and_deliver(
        deps
    )  # 08:00 on Monday: the schedule is created; the 09:00 round isn't due yet
    with deps.sessions() as session:
        schedule = session.scalars(select(Schedule)).one()
        assert (schedule.weekday, schedule.hour, schedule.minute) == (0, 9, 0)
        assert (schedule.timezone, schedule.cadence) == ("Europe/London", "weekly")
    assert pairs(deps) == []

    clock.advance(hours=1)
    tick_and_deliver(deps)

    stored = pairs(deps)
    assert len(stored) == 2
    mutual, reverse = stored
    assert (mutual.two_way, mutual.return_skill_id is not None) == (True, True)
    assert reverse.reverse and not reverse.two_way
    assert all(p.reasons for p in stored)
    with deps.sessions() as session:
        statuses = dict(
            session.execute(select(MentoringRequest.goal, MentoringRequest.status)).all()
        )
        assert session.scalars(select(Round.period)).all() == ["2026-W48"]
    assert statuses["Write a CLI"] == RequestStatus.OPEN
    assert statuses["Query our sales data"] == RequestStatus.MATCHED
    assert statuses["Present our roadmap at the all-hands"] == RequestStatus.MATCHED

    opened = sorted(call.params["users"] for call in fake_slack.calls_to("conversations.open"))
    assert opened == ["U1,U2", "U3,U4", "U5", "U6"]

    group_posts = posts(fake_slack, channel_prefix="G")
    assert len(group_posts) == 2  # one intro per pair, even for the two-way one
    by_text = {visible_text(call.params): call for call in group_posts}
    mutual_text = next(text for text in by_text if "Grace" in text)
    assert "Python" in mutual_text and "Public speaking" in mutual_text
    # Reasons name the two people: both read the same group DM.
    assert "<@U1> offers Python at level 4 and <@U2> asked to learn it" in mutual_text
    assert "<@U2>'s request has waited 3 weeks" in mutual_text
    assert "you asked" not in mutual_text
    assert "Present our roadmap at the all-hands" in mutual_text
    assert "Automate my monthly &lt;reports&gt; &amp; charts" in mutual_text
    assert "every two weeks" in mutual_text and "about a month" in mutual_text
    prompts = (
        "what the person learning wants to be able to do",
        "how often you meet",
        "how long the pairing lasts",
        "how you'll know it worked",
        "stays between you",
        "no wrong questions",
    )
    assert all(prompt in mutual_text for prompt in prompts)
    assert "You'll each teach the other" in mutual_text
    assert mutual_text.count("two-way") == 0  # said once, in plain words
    # The learner's turn to propose, with the button that finds times for both.
    assert "<@U2>, it's your turn: press *Find a time*" in mutual_text
    # Each person's local time when the pair was made, not a time-zone name.
    assert "09:00 for <@U1>" in mutual_text and "09:00 for <@U2>" in mutual_text
    assert "Europe/London" not in mutual_text

    reverse_text = next(text for text in by_text if "Margaret" in text)
    assert "Reverse mentoring" in reverse_text and "Leave rank at the door" in reverse_text
    assert "<@U3> sets the agenda" in reverse_text
    assert "Query our sales data" in reverse_text

    for call in group_posts:
        found = buttons(call)
        assert set(found) == {
            ids.SET_EXPECTATIONS,
            ids.FIND_A_TIME,
            ids.FIRST_MEETING_SCHEDULED,
            ids.NOT_A_FIT,
        }
        assert len(set(found.values())) == 1 and int(next(iter(found.values()))) in {
            p.id for p in stored
        }

    dms = posts(fake_slack, channel_prefix="D")
    assert len(dms) == 2
    for call in dms:
        words = visible_text(call.params)
        assert words.count("Nobody offers Rust yet") == 1  # said once, not repeated
        assert "the most requested skill here (2 people are waiting)" in words
        assert "/mentor offer Rust" in words


def test_a_round_runs_once_per_period_however_often_it_ticks(deps, fake_slack, clock):
    seed_workspace(deps, fake_slack)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    tick_and_deliver(deps)
    clock.advance(hours=30)
    tick_and_deliver(deps)
    with deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Round)) == 1
        assert session.scalar(select(func.count()).select_from(Pair)) == 2
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 4
    assert len(fake_slack.calls_to("chat.postMessage")) == 4


def test_next_weeks_round_skips_people_paired_and_counts_capacity(deps, fake_slack, clock):
    seed_workspace(deps, fake_slack)
    # A second learner of SQL: Linus can mentor one person at a time, so one of them waits.
    add_person(deps, fake_slack, "U7", "Edsger", requests={"sql": "Tune a slow query"})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    booked = [
        c for c in posts(fake_slack, channel_prefix="D") if "fully booked" in visible_text(c.params)
    ]
    assert len(booked) == 1
    clock.advance(days=7)
    tick_and_deliver(deps)
    with deps.sessions() as session:
        assert session.scalars(select(Round.period).order_by(Round.period)).all() == [
            "2026-W48",
            "2026-W49",
        ]
    assert len(pairs(deps)) == 2
