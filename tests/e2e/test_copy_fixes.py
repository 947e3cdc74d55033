"""Copy a reader notices at once, checked through the real app: placeholders, raw ids,
repeated suggestions, counts, reasons for their reader, names, both skills of a two-way
pair, optional fields and nudges that fit where the pair is."""

from __future__ import annotations

import time

from sqlalchemy import select

from bot.core import ids
from bot.db.models import Member
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, command_reply, visible_text
from tests.e2e.modal_support import published_homes
from tests.support.copy_check import payload_texts, problems_in
from tests.support.opened_views import wait_for_single_opened_view

HOME_OPENED = {"type": "app_home_opened", "tab": "home", "channel": "D0HOME"}


def problems(method: str, payload: dict) -> list[str]:
    return [
        problem
        for text, mrkdwn in payload_texts(method, payload)
        for problem in problems_in(text, mrkdwn=mrkdwn)
    ]


def round_now(deps, clock):
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)


def week(deps, clock):
    clock.advance(days=7)
    finish_setup(deps)
    tick_and_deliver(deps)


def checkins(fake_slack):
    return [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)]


def test_no_raw_placeholders_in_home_help_list_and_skills(slack, fake_slack):
    fake_slack.add_user("U1", display_name="Ada")
    assert slack.event({**HOME_OPENED, "user": "U1"}).status == 200
    [home] = published_homes(fake_slack, "U1")
    assert "<skill>" not in str(home) and problems("views.publish", {"view": home}) == []
    for verb in ("help", "list", "skills"):
        reply = command_reply(slack, fake_slack, verb)
        assert "<skill>" not in str(reply), verb
        assert problems("response_url", reply) == [], verb


def test_an_unknown_command_suggests_help_once(slack, fake_slack):
    fake_slack.add_user("U1", display_name="Ada")
    words = visible_text(command_reply(slack, fake_slack, "frobnicate"))
    assert words.count("/mentor help") == 1
    assert "Try `/mentor help`." in words


def test_counts_agree_with_their_nouns(slack, fake_slack):
    fake_slack.add_user("U1", display_name="Ada")
    command_reply(slack, fake_slack, "offer python")
    command_reply(slack, fake_slack, "request negotiation")
    reply = command_reply(slack, fake_slack, "list")
    assert reply["text"] == "You offer 1 skill and ask to learn 1."
    removed = command_reply(slack, fake_slack, "remove request negotiation")
    assert "removed your request to learn *negotiation*" in visible_text(removed).lower()


def test_names_come_from_the_profile_and_stay_fresh(slack, fake_slack, deps, clock):
    # Slack handles are not names: Frank's display name is empty, so his real name counts.
    fake_slack.add_user("UFRANK1", name="frank", display_name="", real_name="Frank Ocean")
    fake_slack.add_user("UGRACE1", name="gh", display_name="Grace H.", real_name="Grace Hopper")
    command_reply(slack, fake_slack, "offer python level 4", user_id="UFRANK1")
    command_reply(slack, fake_slack, "request python", user_id="UGRACE1")
    renamed = fake_slack.add_user(
        "UFRANK1", name="frank", display_name="Frankie", real_name="Frank Ocean"
    )
    assert slack.event({"type": "user_change", "user": renamed}).status == 200
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with deps.sessions() as session:
            name = session.scalar(
                select(Member.display_name).where(Member.slack_user_id == "UFRANK1")
            )
        if name == "Frankie":
            break
        time.sleep(0.05)
    assert name == "Frankie"
    round_now(deps, clock)
    [intro] = posts(fake_slack, channel_prefix="G")
    assert intro.params["text"] == "Frankie will share Python with Grace H."
    assert "frank " not in visible_text(intro.params)

    before = sum(
        1 for c in fake_slack.calls_to("views.publish") if c.params["user_id"] == "UGRACE1"
    )
    assert slack.event({**HOME_OPENED, "user": "UGRACE1"}).status == 200
    home = published_homes(fake_slack, "UGRACE1", count=before + 1)[-1]
    assert "matched with <@UFRANK1>" in visible_text(home)

    [pair] = pairs(deps)
    channel = intro.params["channel"]
    slack.action(ids.NOT_A_FIT, value=str(pair.id), user_id="UGRACE1", channel_id=channel)
    fake_slack.wait_for(
        "views.open", where=lambda c: c.params["view"]["callback_id"] == ids.NOT_A_FIT_MODAL
    )
    modal = wait_for_single_opened_view(fake_slack, ids.NOT_A_FIT_MODAL)
    words = visible_text(modal)
    assert "End your pairing with <@UFRANK1>?" in words
    # Slack adds "(optional)" to an optional field's label: the label doesn't say it again.
    [reason] = [b for b in modal["blocks"] if b.get("block_id") == ids.NOT_A_FIT_REASON]
    assert reason["optional"] and "optional" not in reason["label"]["text"].lower()


def two_way_pair(deps, fake_slack, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"social media": 3},
               requests={"public speaking": "Give the all-hands talk"})  # fmt: skip
    add_person(deps, fake_slack, "U2", "Bob", offers={"public speaking": 4},
               requests={"social media": "Plan a month of posts"})  # fmt: skip
    round_now(deps, clock)
    [pair] = pairs(deps)
    assert pair.two_way and pair.return_skill_id is not None
    return pair


def test_a_two_way_pair_is_asked_about_both_skills(slack, fake_slack, deps, clock):
    two_way_pair(deps, fake_slack, clock)
    week(deps, clock)
    [checkin] = checkins(fake_slack)
    words = checkin.params["text"] + visible_text(checkin.params)
    assert "Social media and Public speaking" in words


def test_a_nudge_after_meeting_asks_for_a_catch_up_not_a_first_chat(slack, fake_slack, deps, clock):
    two_way_pair(deps, fake_slack, clock)
    week(deps, clock)
    [first] = checkins(fake_slack)
    action_reply(slack, fake_slack, ids.CHECKIN_MET, value=buttons(first)[ids.CHECKIN_MET],
                 user_id="U1")  # fmt: skip
    for _ in range(3):  # two check-ins without a meeting since: the nudge comes
        week(deps, clock)
    nudges = [
        c for c in posts(fake_slack, channel_prefix="G") if "reminder" in c.params["text"].lower()
    ]
    assert len(nudges) == 1
    words = visible_text(nudges[0].params)
    assert "since you last met" in words and "first chat" not in words
