"""Admins shape the next round in the preview: Lock, Drop, Swap…, Add pair and Re-solve,
end to end; the draft is stored, Run now makes the shaped pairs, every change is recorded."""

from __future__ import annotations

import json
import time

from sqlalchemy import select

from bot.core import ids
from bot.db.models import AdminChange, RoundDraftChange
from tests.e2e.admin_helpers import ADMIN, add_admin_user, command, open_preview, reply_to
from tests.e2e.cycle_helpers import add_person, finish_setup
from tests.e2e.helpers import visible_text
from tests.e2e.test_admin_rounds import run_now, stored_pairs
from tests.e2e.test_round import seed_workspace
from tests.support.slack_requests import modal_view, plain_text_input, users_select


def seed(deps, fake_slack):
    """The usual workspace, plus Ken, who teaches SQL better than Linus: Margaret gets Ken."""
    seed_workspace(deps, fake_slack)
    add_person(deps, fake_slack, "U7", "Ken", offers={"sql": 5})
    finish_setup(deps)


def inside(view):
    """The view Slack sends with a click in the modal now showing `view`."""
    return modal_view(
        view["callback_id"], private_metadata=view.get("private_metadata", ""), view_id="VPREVIEW"
    )


def menus(view) -> dict[str, dict[str, str]]:
    """Each pair's menu, by the pair's mentee: {what: value}."""
    found = {}
    for block in view["blocks"]:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == ids.ADMIN_SHAPE_PAIR:
            options = {o["value"].split("|")[0]: o["value"] for o in accessory["options"]}
            found[options["lock"].split("|")[2]] = options
    return found


def choose(slack, view, mentee: str, what: str, user_id: str = ADMIN):
    value = menus(view)[mentee][what]
    return slack.action(
        ids.ADMIN_SHAPE_PAIR,
        user_id=user_id,
        view=inside(view),
        action_type="overflow",
        selected_option=value,
    )


def next_update(fake_slack, before: int, words: str):
    """The first view put in place after the first `before` updates that shows `words`."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        later = fake_slack.calls_to("views.update")[before:]
        found = [c for c in later if words in visible_text(c.params["view"])]
        if found:
            return found[0].params["view"]
        time.sleep(0.05)
    raise AssertionError(f"no view with {words!r}:\n{fake_slack.describe_calls()}")


def updates(fake_slack) -> int:
    return len(fake_slack.calls_to("views.update"))


def resolve(slack, fake_slack, view):
    before = updates(fake_slack)
    slack.action(ids.ADMIN_SHAPE_RESOLVE, user_id=ADMIN, value="resolve", view=inside(view))
    return next_update(fake_slack, before, "Served:")


def back_to_preview(slack, fake_slack, view):
    before = updates(fake_slack)
    slack.action(ids.ADMIN_SHAPE_BACK, user_id=ADMIN, value="back", view=inside(view))
    return next_update(fake_slack, before, "Re-solve")


def changes(deps) -> list[tuple[str, str, str, str]]:
    with deps.sessions() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    AdminChange.actor, AdminChange.action, AdminChange.mentor, AdminChange.mentee
                ).order_by(AdminChange.id)
            )
        ]


def test_swap_locks_another_mentor_and_resolve_shows_the_diff(slack, fake_slack, deps):
    seed(deps, fake_slack)
    add_admin_user(fake_slack)
    preview = open_preview(slack, fake_slack)
    assert "*<@U7>* teaches *<@U4>* sql" in visible_text(preview)
    assert set(menus(preview)) == {"U2", "U4"}  # Ada↔Grace (two-way) and Ken→Margaret

    before = updates(fake_slack)
    choose(slack, preview, "U4", "swap")
    swap = next_update(fake_slack, before, "Other mentors for <@U4>")
    words = visible_text(swap)
    assert "now <@U7>" in words
    assert "*<@U3>* · sql · score 6" in words
    assert "<@U3> offers sql at level 3 and <@U4> asked to learn it" in words
    [pick] = [b["accessory"] for b in swap["blocks"] if "accessory" in b and "U3" in json.dumps(b)]

    before = updates(fake_slack)
    slack.action(ids.ADMIN_SHAPE_PICK, user_id=ADMIN, value=pick["value"], view=inside(swap))
    shaped = next_update(fake_slack, before, "waiting for Re-solve")
    words = visible_text(shaped)
    assert ":lock: <@U3> teaches <@U4> sql" in words
    assert "*<@U7>* teaches *<@U4>* sql" in words  # not applied until Re-solve

    diff = visible_text(resolve(slack, fake_slack, shaped))
    assert "*Served:* 3 → 3" in diff
    assert "*total score:* 37 → 33 (−4)" in diff
    assert "*Pairs changed (1)*" in diff
    assert "<@U7> teaches <@U4> sql (score 10) → now <@U3> teaches <@U4> sql (score 6)" in diff
    assert "1 lock kept, 0 drops forbidden" in diff
    # Admins see skills, levels, scores and reasons: never what a learner wrote as a goal.
    assert "Query our sales data" not in words + diff

    after = visible_text(back_to_preview(slack, fake_slack, shaped))
    assert "*<@U3>* teaches *<@U4>* sql · locked, reverse" in after
    assert "waiting for Re-solve" not in after
    assert "1 admin change (locks and drops) shaped these pairs" in after
    assert changes(deps) == [
        (ADMIN, "swap", "U3", "U4"),
        (ADMIN, "resolve", "", ""),
    ]

    # Run now makes exactly the shaped round, and the draft has done its job.
    final = fake_slack.calls_to("views.update")[-1].params["view"]
    run_now(slack, final)
    fake_slack.wait_for(
        "views.update", where=lambda c: "round ran" in visible_text(c.params["view"])
    )
    assert ("U3", "U4", "sql", None) in stored_pairs(deps)
    with deps.sessions() as session:
        assert session.scalars(select(RoundDraftChange)).all() == []


def test_drop_forbids_the_pair_and_lock_keeps_one(slack, fake_slack, deps):
    seed(deps, fake_slack)
    add_admin_user(fake_slack)
    preview = open_preview(slack, fake_slack)

    before = updates(fake_slack)
    choose(slack, preview, "U2", "drop")
    shaped = next_update(fake_slack, before, "waiting for Re-solve")
    words = visible_text(shaped)
    assert ":no_entry_sign: <@U1> won't mentor <@U2>" in words
    assert ":no_entry_sign: <@U2> won't mentor <@U1>" in words  # both ways of a two-way pair

    before = updates(fake_slack)
    choose(slack, shaped, "U4", "lock")
    shaped = next_update(fake_slack, before, "3 changes waiting for Re-solve")
    assert ":lock: <@U7> teaches <@U4> sql" in visible_text(shaped)

    diff = visible_text(resolve(slack, fake_slack, shaped))
    assert "*Served:* 3 → 1" in diff
    assert "*Pairs removed (2)*" in diff
    assert "<@U1> teaches <@U2> Python" in diff
    assert "1 lock kept, 2 drops forbidden" in diff
    # The draft is stored: a fresh preview (another admin, a restart) shows the same round.
    again = visible_text(open_preview(slack, fake_slack))
    assert "*1 pair*" in again
    assert "<@U1> and <@U2>" not in again
    assert [action for _, action, _, _ in changes(deps)] == [
        "drop",
        "drop",
        "lock",
        "resolve",
    ]


def test_a_stale_pair_menu_says_so(slack, fake_slack, deps):
    seed(deps, fake_slack)
    add_admin_user(fake_slack)
    preview = open_preview(slack, fake_slack)
    before = updates(fake_slack)
    slack.action(
        ids.ADMIN_SHAPE_PAIR,
        user_id=ADMIN,
        view=inside(preview),
        action_type="overflow",
        selected_option="lock|U5|U6",
    )
    shown = next_update(fake_slack, before, "no longer in the preview")
    assert shown["callback_id"] == ids.ADMIN_PREVIEW_MODAL
    assert changes(deps) == []


def add_pair(slack, view, mentor, mentee, skill, user_id=ADMIN):
    values = {
        ids.ADMIN_ADD_MENTOR: {ids.ADMIN_ADD_MENTOR: users_select(mentor)},
        ids.ADMIN_ADD_MENTEE: {ids.ADMIN_ADD_MENTEE: users_select(mentee)},
        ids.ADMIN_ADD_SKILL: {ids.ADMIN_ADD_SKILL: plain_text_input(skill)},
    }
    return slack.submit_view(
        ids.ADMIN_ADD_PAIR_MODAL,
        values=values,
        user_id=user_id,
        private_metadata=view["private_metadata"],
        view_id="VADD",
    )


def test_add_pair_checks_and_explains_eligibility(slack, fake_slack, deps):
    seed(deps, fake_slack)
    add_admin_user(fake_slack)
    preview = open_preview(slack, fake_slack)
    slack.action(ids.ADMIN_SHAPE_ADD, user_id=ADMIN, value="add", view=inside(preview))
    [pushed] = fake_slack.wait_for("views.push")
    form = pushed.params["view"]
    assert form["callback_id"] == ids.ADMIN_ADD_PAIR_MODAL
    assert json.loads(form["private_metadata"]) == {"preview_view": "VPREVIEW"}

    missing = add_pair(slack, form, None, None, "").json()
    assert missing["response_action"] == "errors"
    assert set(missing["errors"]) == {
        ids.ADMIN_ADD_MENTOR,
        ids.ADMIN_ADD_MENTEE,
        ids.ADMIN_ADD_SKILL,
    }

    refused = add_pair(slack, form, "U3", "U5", "Rust").json()
    assert refused["errors"] == {ids.ADMIN_ADD_SKILL: "The mentor doesn't offer Rust."}
    nobody = add_pair(slack, form, "U3", "UNOBODY", "sql").json()
    assert "not taking part in this round" in nobody["errors"][ids.ADMIN_ADD_SKILL]
    assert changes(deps) == []

    before = updates(fake_slack)
    answer = add_pair(slack, form, "U3", "U4", "SQL")
    assert answer.status == 200 and answer.text == ""
    shaped = next_update(fake_slack, before, "waiting for Re-solve")
    assert fake_slack.calls_to("views.update")[-1].params["view_id"] == "VPREVIEW"
    assert ":lock: <@U3> teaches <@U4> sql" in visible_text(shaped)
    assert changes(deps) == [(ADMIN, "add", "U3", "U4")]


def test_only_program_admins_can_shape_a_round(slack, fake_slack, deps):
    seed(deps, fake_slack)
    add_admin_user(fake_slack)
    preview = open_preview(slack, fake_slack)
    before = updates(fake_slack)
    choose(slack, preview, "U4", "drop", user_id="U1")
    next_update(fake_slack, before, "only program admins can do that")
    answer = add_pair(slack, preview, "U3", "U4", "sql", user_id="U1").json()
    assert answer["response_action"] == "update"
    with deps.sessions() as session:
        assert session.scalars(select(RoundDraftChange)).all() == []
    assert changes(deps) == []


def test_admin_stats_count_the_changes(slack, fake_slack, deps):
    seed(deps, fake_slack)
    add_admin_user(fake_slack)
    preview = open_preview(slack, fake_slack)
    before = updates(fake_slack)
    choose(slack, preview, "U4", "lock")
    shaped = next_update(fake_slack, before, "waiting for Re-solve")
    resolve(slack, fake_slack, shaped)
    stats = visible_text(reply_to(fake_slack, command(slack, fake_slack, "admin stats")))
    assert "Admin changes to rounds: 2 (1 lock, 1 re-solve)" in stats


def test_forget_me_deletes_drafts_and_change_records_that_name_the_person(slack, fake_slack, deps):
    from tests.e2e.test_forget_me import confirm

    seed(deps, fake_slack)
    add_admin_user(fake_slack)
    preview = open_preview(slack, fake_slack)
    before = updates(fake_slack)
    choose(slack, preview, "U2", "drop")
    shaped = next_update(fake_slack, before, "waiting for Re-solve")
    before = updates(fake_slack)
    choose(slack, shaped, "U4", "lock")
    next_update(fake_slack, before, "3 changes waiting")
    assert len(changes(deps)) == 3

    done = confirm(slack, fake_slack, user_id="U4")
    assert "everything mentorbot kept about you is deleted" in visible_text(done)
    fake_slack.wait_for("views.publish", where=lambda c: c.params.get("user_id") == "U4")
    with deps.sessions() as session:
        drafts = session.execute(select(RoundDraftChange.mentor, RoundDraftChange.mentee)).all()
    assert sorted(drafts) == [("U1", "U2"), ("U2", "U1")]
    assert [c for c in changes(deps) if "U4" in c] == []
    assert len(changes(deps)) == 2


def test_a_lock_that_can_no_longer_be_kept_never_stops_the_round(slack, fake_slack, deps):
    seed(deps, fake_slack)
    add_admin_user(fake_slack)
    preview = open_preview(slack, fake_slack)
    before = updates(fake_slack)
    choose(slack, preview, "U4", "lock")
    shaped = next_update(fake_slack, before, "waiting for Re-solve")
    resolve(slack, fake_slack, shaped)
    # Ken pauses after the admin locked his pair: the round goes ahead without the lock.
    reply_to(fake_slack, command(slack, fake_slack, "pause", user_id="U7"))
    fresh = open_preview(slack, fake_slack)
    assert "*<@U3>* teaches *<@U4>* sql" in visible_text(fresh)
    run_now(slack, fresh)
    fake_slack.wait_for(
        "views.update", where=lambda c: "round ran" in visible_text(c.params["view"])
    )
    assert ("U3", "U4", "sql", None) in stored_pairs(deps)
