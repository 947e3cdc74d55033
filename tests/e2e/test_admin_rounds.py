"""Preview next round, Run now and Skip next round end to end, and the announcement a
round posts in the program's channel."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import OutboxMessage, Pair, Round, Schedule
from tests.e2e.admin_helpers import (
    ADMIN,
    add_admin_user,
    command,
    home_buttons,
    home_container,
    open_preview,
    published_home,
    reply_to,
    settings_values,
)
from tests.e2e.cycle_helpers import (
    add_person,
    deliver,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import visible_text
from tests.e2e.test_round import seed_workspace
from tests.support.slack_requests import modal_view


def stored_pairs(deps) -> set[tuple[str, str, str, str | None]]:
    return {
        (
            p.mentor.slack_user_id,
            p.mentee.slack_user_id,
            p.skill.label,
            p.return_skill.label if p.return_skill else None,
        )
        for p in pairs(deps)
    }


def counts(deps) -> tuple[int, int, int]:
    with deps.sessions() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (Round, Pair, OutboxMessage)
        )


def run_now(slack, view):
    """Run now on the preview, then confirm it in the question pushed over the preview."""
    asked = slack.submit_view(
        ids.ADMIN_PREVIEW_MODAL,
        values={},
        user_id=ADMIN,
        private_metadata=view["private_metadata"],
        view_id="VPREVIEW",
    ).json()
    assert asked["response_action"] == "push"
    assert asked["view"]["callback_id"] == ids.ADMIN_RUN_CONFIRM_MODAL
    assert asked["view"]["submit"]["text"] == "Run now"
    return slack.submit_view(
        ids.ADMIN_RUN_CONFIRM_MODAL,
        values={},
        user_id=ADMIN,
        private_metadata=asked["view"]["private_metadata"],
        view_id="VPREVIEW",
    )


def test_preview_shows_what_run_now_then_does_exactly(slack, fake_slack, deps, clock):
    seed_workspace(deps, fake_slack)
    add_admin_user(fake_slack)
    view = open_preview(slack, fake_slack)
    words = visible_text(view)
    assert "*2 pairs* (1 two-way, 1 reverse) serving 3 of 5 open requests from 6 people" in words
    assert "*2 requests not served:* nobody offers the skill." in words
    assert "<@U1> and <@U2>* teach each other" in words
    assert "*<@U3>* teaches *<@U4>* sql" in words
    # The reasons name the two people, for the admin reading them.
    assert "<@U1> offers Python at level 4 and <@U2> asked to learn it" in words
    assert "you asked" not in words
    assert "<@U5> asked to learn Rust: not served, nobody offers the skill" in words
    assert view["submit"]["text"] == "Run now"
    assert counts(deps) == (0, 0, 0)  # a preview stores nothing
    with deps.sessions() as session:
        assert session.scalar(select(Schedule)) is None

    answer = run_now(slack, view).json()
    assert answer["response_action"] == "update"
    assert "Running the round" in visible_text(answer["view"])
    [done] = fake_slack.wait_for(
        "views.update", where=lambda c: "round ran" in visible_text(c.params["view"])
    )
    assert done.params["view_id"] == "VPREVIEW"
    assert "2 pairs made; 2 people told why" in visible_text(done.params["view"])
    assert "2026-W" not in visible_text(done.params["view"])
    assert stored_pairs(deps) == {
        ("U1", "U2", "Python", "Public speaking"),
        ("U3", "U4", "sql", None),
    }
    with deps.sessions() as session:
        assert session.execute(select(Round.period, Round.trigger)).all() == [
            ("2026-W48", "manual")
        ]

    # A double click, and the schedule's own tick at 09:00: the round never runs twice.
    run_now(slack, view)
    fake_slack.wait_for(
        "views.update", where=lambda c: "already run" in visible_text(c.params["view"])
    )
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert counts(deps)[:2] == (1, 2)


def test_run_now_refuses_a_stale_preview_and_shows_the_new_one(slack, fake_slack, deps):
    seed_workspace(deps, fake_slack)
    finish_setup(deps)
    add_admin_user(fake_slack)
    view = open_preview(slack, fake_slack)
    add_person(deps, fake_slack, "U8", "Edsger", offers={"rust": 4})
    run_now(slack, view)
    [fresh] = fake_slack.wait_for(
        "views.update",
        where=lambda c: "changed since your preview" in visible_text(c.params["view"]),
    )
    assert counts(deps) == (0, 0, 0)
    fresh_view = fresh.params["view"]
    assert "*3 pairs*" in visible_text(fresh_view)
    run_now(slack, fresh_view)
    fake_slack.wait_for(
        "views.update", where=lambda c: "3 pairs made" in visible_text(c.params["view"])
    )
    assert len(pairs(deps)) == 3


def test_a_long_preview_is_paged(slack, fake_slack, deps):
    add_admin_user(fake_slack)
    for n in range(30):
        add_person(deps, fake_slack, f"UR{n:02d}", f"Learner {n}", requests={"rust": "CLI"})
    finish_setup(deps)
    view = open_preview(slack, fake_slack)
    assert "Page 1 of 2" in visible_text(view)
    assert len([b for b in view["blocks"] if "asked to learn rust" in json.dumps(b)]) == 20
    shaping = {ids.ADMIN_SHAPE_ADD, ids.ADMIN_SHAPE_RESOLVE}
    assert set(home_buttons(view)) == {ids.ADMIN_PREVIEW_NEXT, *shaping}

    inside = modal_view(ids.ADMIN_PREVIEW_MODAL, private_metadata=view["private_metadata"])
    slack.action(ids.ADMIN_PREVIEW_NEXT, user_id=ADMIN, value="1", view=inside)
    [second] = fake_slack.wait_for(
        "views.update", where=lambda c: "Page 2 of 2" in visible_text(c.params["view"])
    )
    page = second.params["view"]
    assert second.params["view_id"] == inside["id"]
    assert len([b for b in page["blocks"] if "asked to learn rust" in json.dumps(b)]) == 10
    assert set(home_buttons(page)) == {ids.ADMIN_PREVIEW_PREVIOUS, *shaping}
    assert "*30 requests not served:* nobody offers the skill." in visible_text(page)


def test_run_now_from_app_home_runs_the_round_once(slack, fake_slack, deps):
    seed_workspace(deps, fake_slack)
    finish_setup(deps)
    add_admin_user(fake_slack)
    home = published_home(slack, fake_slack, ADMIN)
    period = home_buttons(home)[ids.ADMIN_RUN_NOW]
    assert period == "2026-W48"
    for _ in range(2):
        slack.action(ids.ADMIN_RUN_NOW, user_id=ADMIN, value=period, view=home_container(ADMIN))
    fake_slack.wait_for(
        "views.update", where=lambda c: "2 pairs made" in visible_text(c.params["view"])
    )
    fake_slack.wait_for(
        "views.update", where=lambda c: "already run" in visible_text(c.params["view"])
    )
    assert counts(deps)[:2] == (1, 2)
    # The next Run now is next week's round.
    assert home_buttons(published_home(slack, fake_slack, ADMIN))[ids.ADMIN_RUN_NOW] == "2026-W49"


def test_skip_next_round_and_undo(slack, fake_slack, deps, clock):
    seed_workspace(deps, fake_slack)
    finish_setup(deps)
    add_admin_user(fake_slack)
    reply = reply_to(fake_slack, command(slack, fake_slack, "admin skip"))
    assert "Skipped the round of Monday 23 November at 09:00" in visible_text(reply)
    assert "The next one is Monday 30 November at 09:00 (Europe/London). " in (visible_text(reply))
    home = published_home(slack, fake_slack, ADMIN)
    assert home_buttons(home)[ids.ADMIN_UNSKIP_NEXT] == "2026-W48"
    assert "Skipped: Monday 23 November at 09:00 (Europe/London)." in visible_text(home)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert pairs(deps) == []

    # Undone while it is still due: the next tick runs it.
    slack.action(ids.ADMIN_UNSKIP_NEXT, user_id=ADMIN, value="2026-W48",
                 view=home_container(ADMIN))  # fmt: skip
    fake_slack.wait_for(
        "views.open", where=lambda c: "will run after all" in visible_text(c.params["view"])
    )
    tick_and_deliver(deps)
    assert len(pairs(deps)) == 2


def test_skip_from_app_home_skips_one_round_however_often_it_is_clicked(
    slack, fake_slack, deps, clock
):
    seed_workspace(deps, fake_slack)
    finish_setup(deps)
    add_admin_user(fake_slack)
    period = home_buttons(published_home(slack, fake_slack, ADMIN))[ids.ADMIN_SKIP_NEXT]
    for _ in range(2):
        slack.action(ids.ADMIN_SKIP_NEXT, user_id=ADMIN, value=period, view=home_container(ADMIN))
    fake_slack.wait_for("views.open", count=2)
    texts = [visible_text(c.params["view"]) for c in fake_slack.calls_to("views.open")]
    assert sum("Skipped the round of" in t for t in texts) == 1
    assert sum("Nothing was skipped" in t for t in texts) == 1
    with deps.sessions() as session:
        assert session.execute(select(Round.period, Round.trigger)).all() == [
            ("2026-W48", "skipped")
        ]
    clock.advance(days=7, hours=1)
    tick_and_deliver(deps)
    with deps.sessions() as session:
        assert session.scalars(select(Round.period).where(Round.trigger == "schedule")).all() == [
            "2026-W49"
        ]


def _announce(slack, deps, *, name_pairs):
    # The admin invited mentorbot to the channel first, as the settings form asks.
    slack.fake.add_channel("CANNOUNCE", name="mentoring")
    values = settings_values(channel="CANNOUNCE", name_pairs=name_pairs)
    slack.submit_view(ids.ADMIN_SETTINGS_MODAL, values=values, user_id=ADMIN)


def test_the_round_is_announced_with_counts_only_by_default(slack, fake_slack, deps, clock):
    seed_workspace(deps, fake_slack)
    add_admin_user(fake_slack)
    _announce(slack, deps, name_pairs=False)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [announcement] = posts(fake_slack, channel_prefix="CANNOUNCE")
    words = visible_text(announcement.params)
    assert "made 2 new pairs (1 two-way, 1 reverse)" in words
    assert "2 requests are still waiting for a mentor" in words
    assert "<@" not in json.dumps(announcement.params)
    for private in ("Present our roadmap", "Query our sales data", "Ada", "Grace"):
        assert private not in words


def test_the_announcement_names_pairs_only_when_the_admin_says_so(slack, fake_slack, deps, clock):
    seed_workspace(deps, fake_slack)
    add_admin_user(fake_slack)
    _announce(slack, deps, name_pairs=True)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    deliver(deps)
    [announcement] = posts(fake_slack, channel_prefix="CANNOUNCE")
    words = visible_text(announcement.params)
    assert "<@U1> and <@U2>: Python / Public speaking" in words
    assert "<@U3> and <@U4>: sql" in words
    assert "Query our sales data" not in words  # goals stay between the two


def test_run_now_in_the_preview_asks_first_and_nothing_runs_until_confirmed(
    slack, fake_slack, deps
):
    seed_workspace(deps, fake_slack)
    finish_setup(deps)
    add_admin_user(fake_slack)
    view = open_preview(slack, fake_slack)
    asked = slack.submit_view(ids.ADMIN_PREVIEW_MODAL, values={}, user_id=ADMIN,
                              private_metadata=view["private_metadata"]).json()  # fmt: skip
    assert asked["response_action"] == "push"
    assert "intros go out right away" in visible_text(asked["view"])
    assert counts(deps) == (0, 0, 0)  # asking runs nothing
    # A forged confirmation from someone who isn't an admin is refused too.
    fake_slack.add_user("U9", display_name="Mallory")
    refused = slack.submit_view(ids.ADMIN_RUN_CONFIRM_MODAL, values={}, user_id="U9",
                                private_metadata=view["private_metadata"]).json()  # fmt: skip
    assert "only program admins" in visible_text(refused["view"]).casefold()
    assert counts(deps) == (0, 0, 0)
