"""'We've scheduled a first meeting' asks when, tells the partner in each reader's time
zone, and the next check-in waits until after the meeting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core import ids
from bot.db.models import CheckIn
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    deliver,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import visible_text
from tests.e2e.test_follow_through import open_home
from tests.support.opened_views import wait_for_single_opened_view


def start(deps, fake_slack, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    return pair, intro.params["channel"]


def picked(moment):
    state = {"type": "datetimepicker", "selected_date_time": int(moment.timestamp())}
    return {ids.FIRST_MEETING_AT: {ids.FIRST_MEETING_AT: state}}


def open_modal(slack, fake_slack, pair, channel, user_id, count):
    slack.action(ids.FIRST_MEETING_SCHEDULED, value=str(pair.id), user_id=user_id,
                 channel_id=channel)  # fmt: skip
    fake_slack.wait_for("views.open", count=count)
    return fake_slack.calls_to("views.open")[-1].params["view"]


def meeting_notes(fake_slack):
    # Not the reminder an hour before it ("Your first meeting starts in an hour.").
    return [
        c
        for c in posts(fake_slack, channel_prefix="G")
        if "first meeting" in c.params["text"] and "in an hour" not in c.params["text"]
    ]


def checkins(fake_slack):
    return [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)]


def test_the_first_meeting_is_asked_for_told_to_both_and_the_checkin_waits(
    slack, fake_slack, deps, clock
):
    pair, channel = start(deps, fake_slack, clock)
    view = open_modal(slack, fake_slack, pair, channel, "U2", count=1)
    assert view["callback_id"] == ids.FIRST_MEETING_MODAL
    [picker] = [b for b in view["blocks"] if b.get("block_id") == ids.FIRST_MEETING_AT]
    assert picker["element"]["type"] == "datetimepicker"
    assert "<@U1>" in visible_text(view)

    meeting = clock.now + timedelta(days=10, hours=5)  # after next week's check-in pass
    response = slack.submit_view(ids.FIRST_MEETING_MODAL, values=picked(meeting), user_id="U2",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    body = response.json()
    assert body["response_action"] == "update"
    stamp = int(meeting.timestamp())
    assert f"<!date^{stamp}^" in visible_text(body["view"])
    deliver(deps)
    [note] = meeting_notes(fake_slack)
    assert note.params["channel"] == channel  # both read it, each in their own time zone
    words = visible_text(note.params)
    assert f"<!date^{stamp}^{{date_long_pretty}} at {{time}}|" in words
    assert "<@U2> put your first meeting on the calendar" in words and "<@U1>" in words
    [stored] = pairs(deps)
    assert stored.first_meeting_at == meeting and stored.first_meeting_scheduled_at is not None

    clock.advance(days=7)  # a check-in pass before the meeting: nothing is asked yet
    finish_setup(deps)
    tick_and_deliver(deps)
    deliver(deps)
    assert checkins(fake_slack) == []
    clock.advance(days=7)  # the first pass after it asks how it went
    tick_and_deliver(deps)
    deliver(deps)
    assert len(checkins(fake_slack)) == 1

    # The partner opens it again: it starts from the time set, and moving it is told once.
    again = open_modal(slack, fake_slack, pair, channel, "U1", count=2)
    [picker] = [b for b in again["blocks"] if b.get("block_id") == ids.FIRST_MEETING_AT]
    assert picker["element"]["initial_date_time"] == stamp
    later = clock.now + timedelta(days=2)
    for _ in range(2):  # a double submission tells nobody twice
        slack.submit_view(ids.FIRST_MEETING_MODAL, values=picked(later), user_id="U1",
                          private_metadata=again["private_metadata"])  # fmt: skip
    deliver(deps)
    moved = meeting_notes(fake_slack)[1:]
    assert len(moved) == 1 and "<@U1> moved your first meeting to" in visible_text(moved[0].params)


def test_a_time_missing_past_or_too_far_is_answered_in_the_modal(slack, fake_slack, deps, clock):
    pair, channel = start(deps, fake_slack, clock)
    view = open_modal(slack, fake_slack, pair, channel, "U1", count=1)
    cases = {
        "Pick the day and the time you meet.": {},
        "Pick a time that is still ahead.": picked(clock.now - timedelta(hours=1)),
        "Pick a time within the next year.": picked(clock.now + timedelta(days=400)),
    }
    for error, values in cases.items():
        response = slack.submit_view(ids.FIRST_MEETING_MODAL, values=values, user_id="U1",
                                     private_metadata=view["private_metadata"])  # fmt: skip
        assert response.json() == {
            "response_action": "errors",
            "errors": {ids.FIRST_MEETING_AT: error},
        }
    # Someone outside the pair can't set it, whatever the modal's metadata says.
    add_person(deps, fake_slack, "U9", "Mallory", offers={"go": 2})
    tomorrow = picked(clock.now + timedelta(days=1))
    response = slack.submit_view(ids.FIRST_MEETING_MODAL, values=tomorrow, user_id="U9",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "errors"
    [stored] = pairs(deps)
    assert stored.first_meeting_at is None
    assert wait_for_single_opened_view(fake_slack, ids.FIRST_MEETING_MODAL)["callback_id"]


def promised_checkin(slack, fake_slack, user_id):
    home = visible_text(open_home(slack, fake_slack, user_id))
    found = re.search(r"the next one on <!date\^(\d+)\^", home)
    assert found, home
    return datetime.fromtimestamp(int(found.group(1)), tz=UTC)


def test_home_shows_the_next_checkin_as_the_weekly_pass_sends_it(slack, fake_slack, deps, clock):
    pair, channel = start(deps, fake_slack, clock)
    assert promised_checkin(slack, fake_slack, "U1") == clock.now + timedelta(days=7)

    view = open_modal(slack, fake_slack, pair, channel, "U1", count=1)
    meeting = clock.now + timedelta(days=10)
    slack.submit_view(ids.FIRST_MEETING_MODAL, values=picked(meeting), user_id="U1",
                      private_metadata=view["private_metadata"])  # fmt: skip
    promised = promised_checkin(slack, fake_slack, "U2")
    assert promised == clock.now + timedelta(days=14)  # after the meeting, not before
    assert f"First meeting: <!date^{int(meeting.timestamp())}^" in visible_text(
        open_home(slack, fake_slack, "U2")
    )
    for _ in range(2):
        clock.advance(days=7)
        finish_setup(deps)
        tick_and_deliver(deps)
    with deps.sessions() as session:
        [sent] = session.scalars(select(CheckIn.sent_at)).all()
    assert sent == promised  # the very pass Home named
