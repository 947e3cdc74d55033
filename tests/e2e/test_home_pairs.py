"""After a round: App Home names who teaches each matched request, and `/mentor find`
counts the pairs people already teach against the capacity they offered."""

from __future__ import annotations

from tests.e2e.cycle_helpers import add_person, finish_setup, pairs, tick_and_deliver
from tests.e2e.helpers import command_reply, visible_text
from tests.e2e.modal_support import published_homes

HOME_OPENED = {"type": "app_home_opened", "tab": "home", "event_ts": "1.0"}


def run_round(deps, clock):
    finish_setup(deps)
    tick_and_deliver(deps)  # creates the schedule at 08:00 on Monday
    clock.advance(hours=1)  # 09:00: the round is due
    tick_and_deliver(deps)


def open_home(slack, fake_slack, user_id):
    before = sum(
        1 for call in fake_slack.calls_to("views.publish") if call.params["user_id"] == user_id
    )
    assert slack.event({**HOME_OPENED, "user": user_id}).status == 200
    return published_homes(fake_slack, user_id, count=before + 1)[-1]


def test_home_names_who_teaches_each_matched_request(slack, fake_slack, deps, clock):
    add_person(deps, fake_slack, "U1", "Ada <Admin>", offers={"python": 5},
               requests={"negotiation": "Ask for a raise"})  # fmt: skip
    add_person(deps, fake_slack, "U2", "Grace", offers={"negotiation": 4},
               requests={"python": "Automate reports"})  # fmt: skip
    add_person(deps, fake_slack, "U3", "Linus", requests={"rust": "Write a CLI"})
    run_round(deps, clock)
    [pair] = pairs(deps)
    assert pair.two_way

    grace = visible_text(open_home(slack, fake_slack, "U2"))
    # A mention: Slack shows the name people chose, as it is today, never a handle.
    assert "matched with <@U1>" in grace
    ada = visible_text(open_home(slack, fake_slack, "U1"))
    assert "matched with <@U2>" in ada  # the return direction of the two-way pair
    linus = visible_text(open_home(slack, fake_slack, "U3"))
    assert "— matched" not in linus and "open since" in linus


def test_find_counts_pairs_already_taught_against_capacity(slack, fake_slack, deps, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 5}, capacity=1)
    add_person(deps, fake_slack, "U4", "Barbara", offers={"python": 3}, capacity=2)
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    with deps.sessions.begin() as session:
        from sqlalchemy import update

        from bot.db.models import Member

        session.execute(update(Member).values(listed_in_directory=True))
    before = visible_text(command_reply(slack, fake_slack, "find python", user_id="U2"))
    assert "<@U1> — level 5 of 5, taking new mentees" in before

    run_round(deps, clock)
    [pair] = pairs(deps)
    teacher = "U1" if pair.mentor.slack_user_id == "U1" else "U4"
    assert teacher == "U1"  # the higher level wins the only request
    after = visible_text(command_reply(slack, fake_slack, "find python", user_id="U2"))
    assert "<@U1> — level 5 of 5, not taking anyone right now" in after  # 1 of 1 used
    assert "<@U4> — level 3 of 5, taking new mentees" in after  # 0 of 2 used
