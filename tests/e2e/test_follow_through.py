"""Flows that follow what people already said: the expectations form starts from the
requests, Home speaks to where the person is, and dead ends point to a next step."""

from __future__ import annotations

from bot.core import ids
from tests.e2e.cycle_helpers import add_person, finish_setup, pairs, posts, tick_and_deliver
from tests.e2e.helpers import command_reply, visible_text
from tests.e2e.modal_support import published_homes
from tests.support.opened_views import wait_for_single_opened_view
from tests.support.slack_requests import checkboxes

HOME_OPENED = {"type": "app_home_opened", "tab": "home", "channel": "D0HOME"}


def open_home(slack, fake_slack, user_id):
    before = sum(1 for c in fake_slack.calls_to("views.publish") if c.params["user_id"] == user_id)
    assert slack.event({**HOME_OPENED, "user": user_id}).status == 200
    return published_homes(fake_slack, user_id, count=before + 1)[-1]


def make_pair(deps, fake_slack, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate the monthly report"},
               frequency="every_two_weeks", duration="about_a_month")  # fmt: skip
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    return pair, intro.params["channel"]


def test_the_expectations_form_starts_from_the_request(slack, fake_slack, deps, clock):
    pair, channel = make_pair(deps, fake_slack, clock)
    slack.action(ids.SET_EXPECTATIONS, value=str(pair.id), user_id="U1", channel_id=channel)
    fake_slack.wait_for(
        "views.open", where=lambda c: c.params["view"]["callback_id"] == ids.EXPECTATIONS_MODAL
    )
    view = wait_for_single_opened_view(fake_slack, ids.EXPECTATIONS_MODAL)
    by_block = {b.get("block_id"): b for b in view["blocks"]}
    objective = by_block[ids.EXPECTATIONS_OBJECTIVE]["element"]
    assert objective["initial_value"] == "Automate the monthly report"
    cadence = by_block[ids.EXPECTATIONS_CADENCE]["element"]["initial_option"]
    assert cadence["value"] == "every_two_weeks"
    duration = by_block[ids.EXPECTATIONS_DURATION]["element"]["initial_option"]
    assert duration["value"] == "about_a_month"


def test_home_speaks_to_someone_paired_with_nothing_to_offer(slack, fake_slack, deps, clock):
    make_pair(deps, fake_slack, clock)
    words = visible_text(open_home(slack, fake_slack, "U2"))
    assert "You're in a pairing now" in words
    assert "can match you" not in words and "round looks for a mentor for" not in words
    assert "You can mentor up to" not in words  # Grace offers nothing
    assert "You can mentor up to 1 person" in visible_text(open_home(slack, fake_slack, "U1"))


def test_a_first_visit_shows_the_two_ways_to_start_before_the_reference(slack, fake_slack):
    fake_slack.add_user("U1", display_name="Ada")
    home = open_home(slack, fake_slack, "U1")
    kinds = [b["type"] for b in home["blocks"]]
    first_actions = kinds.index("actions")
    before = visible_text({"blocks": home["blocks"][:first_actions]})
    assert len(before) < 200, before  # a welcome line, not the whole reference
    assert "How it works" not in before


def test_find_with_nobody_listed_suggests_asking_and_counts_those_unlisted(slack, fake_slack, deps):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})  # not listed
    fake_slack.add_user("U2", display_name="Grace")
    words = visible_text(command_reply(slack, fake_slack, "find python", user_id="U2"))
    assert "Nobody listed in the directory offers *Python* yet" in words
    assert "1 person offers it without being listed" in words
    assert "`/mentor request Python`" in words


def test_pausing_for_weeks_shows_the_date_in_the_readers_time_zone(slack, fake_slack):
    fake_slack.add_user("U1", display_name="Ada")
    reply = command_reply(slack, fake_slack, "pause 2")
    words = visible_text(reply)
    assert "Paused until <!date^" in words and "(UTC)" not in words


def checkin_posts(fake_slack):
    return [
        c for c in posts(fake_slack, channel_prefix="G") if c.params["text"].startswith("Check-in:")
    ]


def test_check_ins_follow_the_rhythm_asked_for(slack, fake_slack, deps, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"},
               frequency="every_two_weeks", duration="about_three_months")  # fmt: skip
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    seen = []
    for _ in range(4):
        clock.advance(days=7)
        tick_and_deliver(deps)
        seen.append(len(checkin_posts(fake_slack)))
    assert seen == [0, 1, 1, 2]


def test_a_nudge_comes_inside_the_check_in_not_right_after_it(slack, fake_slack, deps, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    counts = []
    for _ in range(3):
        clock.advance(days=7)
        tick_and_deliver(deps)
        counts.append(len(posts(fake_slack, channel_prefix="G")))
    assert counts == [2, 3, 4]  # the intro, then one message a week, nudge or not
    last = posts(fake_slack, channel_prefix="G")[-1]
    assert "2 check-ins without a meeting" in visible_text(last.params)
    assert "A gentle reminder" in last.params["text"]


def test_home_shows_my_pairings_with_what_was_agreed(slack, fake_slack, deps, clock):
    pair, _channel = make_pair(deps, fake_slack, clock)
    home = open_home(slack, fake_slack, "U2")
    words = visible_text(home)
    assert "*Your pairings*" in words
    assert "*Python* with <@U1> (you learn)" in words
    assert "Nothing agreed yet" in words and "Check-ins come every two weeks" in words
    set_buttons = [
        b["accessory"]
        for b in home["blocks"]
        if b.get("accessory", {}).get("action_id") == ids.SET_EXPECTATIONS
    ]
    assert [b["value"] for b in set_buttons] == [str(pair.id)]

    # The button opens the form from Home; once saved, Home shows what was agreed.
    slack.action(ids.SET_EXPECTATIONS, value=str(pair.id), user_id="U2")
    fake_slack.wait_for(
        "views.open", where=lambda c: c.params["view"]["callback_id"] == ids.EXPECTATIONS_MODAL
    )
    view = wait_for_single_opened_view(fake_slack, ids.EXPECTATIONS_MODAL)
    values = {
        ids.EXPECTATIONS_OBJECTIVE: {ids.EXPECTATIONS_OBJECTIVE: "Ship one report"},
        ids.EXPECTATIONS_CONFIDENTIAL: {ids.EXPECTATIONS_CONFIDENTIAL: checkboxes(["agreed"])},
    }
    response = slack.submit_view(ids.EXPECTATIONS_MODAL, values=values, user_id="U2",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.status == 200 and not response.body, response.text
    words = visible_text(open_home(slack, fake_slack, "U1"))
    assert "*Python* with <@U2> (you teach)" in words and "_Agreed:_ Ship one report" in words


def test_long_text_is_shown_back_in_part(slack, fake_slack, deps):
    long_goal = "Learn to present quarterly numbers clearly " * 11  # about 480 characters
    add_person(deps, fake_slack, "U1", "Ada", requests={"python": long_goal.strip()})
    words = visible_text(open_home(slack, fake_slack, "U1"))
    [goal_line] = [line for line in words.splitlines() if line.startswith("_Goal:_")]
    assert goal_line.endswith("…") and len(goal_line) < 300
    pasted = visible_text(command_reply(slack, fake_slack, "request " + "x" * 400))
    assert "x" * 61 not in pasted and "…" in pasted
