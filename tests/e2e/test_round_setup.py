"""A new workspace's first round waits until an admin has finished setup: App Home says
why no round has run and what to do; Start rounds (or saving the settings) lets the
scheduled rounds run from the next one on."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import Round
from tests.e2e.admin_helpers import (
    ADMIN,
    add_admin_user,
    home_buttons,
    home_container,
    published_home,
    settings_values,
)
from tests.e2e.cycle_helpers import pairs, tick_and_deliver
from tests.e2e.helpers import visible_text
from tests.e2e.test_round import seed_workspace


def rounds_run(deps) -> int:
    with deps.sessions() as session:
        return session.scalar(select(func.count()).select_from(Round)) or 0


def test_no_round_runs_before_setup_and_app_home_says_what_to_do(slack, fake_slack, deps, clock):
    seed_workspace(deps, fake_slack)
    add_admin_user(fake_slack)
    tick_and_deliver(deps)  # 08:00 on Monday: the schedule is made
    clock.advance(hours=1)
    tick_and_deliver(deps)  # 09:00: the round would be due, but nobody has set things up
    clock.advance(days=7)
    tick_and_deliver(deps)
    assert rounds_run(deps) == 0 and pairs(deps) == []
    assert fake_slack.calls_to("chat.postMessage") == []  # nobody heard anything

    home = published_home(slack, fake_slack, ADMIN)
    words = visible_text(home)
    assert "Set up the program before its first round." in words
    assert "No round has run yet" in words
    assert "the first round is then Monday 7 December at 09:00 (Europe/London)" in words
    assert ids.ADMIN_START_ROUNDS in home_buttons(home)
    # A member's Home promises no date.
    member = visible_text(published_home(slack, fake_slack, "U2"))
    assert "December" not in member and "November" not in member


def test_start_rounds_on_app_home_lets_the_next_round_run(slack, fake_slack, deps, clock):
    seed_workspace(deps, fake_slack)
    add_admin_user(fake_slack)
    tick_and_deliver(deps)
    clock.advance(hours=2)  # 10:00: today's round has passed unrun
    period = home_buttons(published_home(slack, fake_slack, ADMIN))[ids.ADMIN_START_ROUNDS]
    for _ in range(2):  # a double click starts them once
        slack.action(ids.ADMIN_START_ROUNDS, user_id=ADMIN, value=period,
                     view=home_container(ADMIN))  # fmt: skip
    fake_slack.wait_for("views.open", count=2)
    texts = [visible_text(c.params["view"]) for c in fake_slack.calls_to("views.open")]
    assert sum("Rounds have started. The first one is Monday 30 November at 09:00" in t
               for t in texts) == 1  # fmt: skip
    assert sum("Rounds are already running" in t for t in texts) == 1
    tick_and_deliver(deps)
    assert rounds_run(deps) == 0  # the round that passed before setup never runs
    home = published_home(slack, fake_slack, ADMIN)
    assert "Next round:* Monday 30 November at 09:00" in visible_text(home)
    assert ids.ADMIN_START_ROUNDS not in home_buttons(home)

    clock.advance(days=7)
    tick_and_deliver(deps)
    assert rounds_run(deps) == 1 and len(pairs(deps)) == 2


def test_saving_the_settings_finishes_setup(slack, fake_slack, deps, clock):
    seed_workspace(deps, fake_slack)
    add_admin_user(fake_slack)
    answer = slack.submit_view(ids.ADMIN_SETTINGS_MODAL, values=settings_values(), user_id=ADMIN)
    assert "Next round:* Monday 23 November at 09:00" in visible_text(answer.json()["view"])
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert rounds_run(deps) == 1 and len(pairs(deps)) == 2
