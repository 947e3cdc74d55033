"""Find a time: the intro's button proposes first-meeting slots inside both people's
working hours, each in their own time zone; either person picks one, both are told in
their own time, a reminder comes an hour before, and a learner who has found no time
after five working days gets one nudge."""

from __future__ import annotations

import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.core import ids
from bot.db.models import Member
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

SLOT_TEXT = re.compile(r"^(\w+) (\d+) (\w+), (\d\d):(\d\d)–(\d\d):(\d\d)")


def start(deps, fake_slack, clock, *, mentor_tz="Europe/London", learner_tz="Europe/London"):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4}, tz=mentor_tz)
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"},
               tz=learner_tz)  # fmt: skip
    # The round runs on Monday at 09:00 in the zone most people are in: London here.
    add_person(deps, fake_slack, "U3", "Lin")
    add_person(deps, fake_slack, "U4", "Sam")
    for _ in range(24):
        finish_setup(deps)
        tick_and_deliver(deps)
        if pairs(deps):
            break
        clock.advance(hours=1)
    [pair] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    return pair, intro


def open_modal(fake_slack, send, pair, user_id, count):
    send(ids.FIND_A_TIME, value=str(pair.id), user_id=user_id)
    fake_slack.wait_for("views.open", count=count)
    return fake_slack.calls_to("views.open")[-1].params["view"]


def slot_options(view):
    [field] = [b for b in view["blocks"] if b.get("block_id") == ids.FIND_A_TIME_SLOT]
    return field["element"]["options"]


def picked(value):
    state = {"type": "radio_buttons", "selected_option": {"value": value}}
    return {ids.FIND_A_TIME_SLOT: {ids.FIND_A_TIME_SLOT: state}}


def local(value, tz):
    return datetime.fromtimestamp(int(value), tz=UTC).astimezone(ZoneInfo(tz))


def assert_inside_hours(option, reader_tz, partner_tz, hours=((9, 0), (17, 30))):
    """The option's own words match its instant in both zones, inside working hours."""
    start = datetime.fromtimestamp(int(option["value"]), tz=UTC)
    for words, tz in ((option["text"]["text"], reader_tz),
                      (option["description"]["text"].split(": ", 1)[1], partner_tz)):  # fmt: skip
        there = start.astimezone(ZoneInfo(tz))
        assert words.startswith(f"{there:%A} {there.day} {there:%B}, {there:%H:%M}–"), words
        end = there + timedelta(minutes=45)
        assert there.weekday() < 5
        assert (there.hour, there.minute) >= hours[0] and (end.hour, end.minute) <= hours[1]


def group_posts(fake_slack, words):
    return [c for c in posts(fake_slack, channel_prefix="G") if words in c.params["text"]]


def reminders(fake_slack):
    return group_posts(fake_slack, "starts in an hour")


@pytest.mark.parametrize("transport", ["http", "socket"], indirect=True)
def test_a_picked_time_is_told_to_both_in_their_own_time_and_reminded_once(
    transport, fake_slack, deps, clock
):
    pair, intro = start(deps, fake_slack, clock, mentor_tz="America/New_York")
    assert buttons(intro)[ids.FIND_A_TIME] == str(pair.id)
    assert "<@U2>, it's your turn: press *Find a time*" in visible_text(intro.params)
    channel = intro.params["channel"]

    view = open_modal(fake_slack, transport.action, pair, "U1", count=1)
    assert view["callback_id"] == ids.FIND_A_TIME_MODAL
    options = slot_options(view)
    assert 3 <= len(options) <= 5
    for option in options:  # in the clicker's (New York) time, Grace's (London) below
        assert option["text"]["text"].endswith("(your time)")
        assert option["description"]["text"].startswith("Grace: ")
        assert_inside_hours(option, "America/New_York", "Europe/London")

    chosen = options[1]["value"]
    metadata = view["private_metadata"]
    answer = transport.view_submission(ids.FIND_A_TIME_MODAL, values=picked(chosen),
                                       user_id="U1", private_metadata=metadata)  # fmt: skip
    assert answer.payload["response_action"] == "update"
    deliver(deps)
    [note] = [
        c for c in posts(fake_slack, channel_prefix="G") if "first meeting" in c.params["text"]
    ]
    assert note.params["channel"] == channel
    words = visible_text(note.params)
    at_ny, at_london = local(chosen, "America/New_York"), local(chosen, "Europe/London")
    assert f"<@U1>: {at_ny:%A} {at_ny.day} {at_ny:%B}, {at_ny:%H:%M}–" in words
    assert f"<@U2>: {at_london:%A} {at_london.day} {at_london:%B}, {at_london:%H:%M}–" in words
    [stored] = pairs(deps)
    meeting = datetime.fromtimestamp(int(chosen), tz=UTC)
    assert stored.first_meeting_at == meeting and stored.first_meeting_scheduled_at is not None
    # The calendar file, in the same group DM.
    transport.wait_for_listeners()
    [complete] = fake_slack.calls_to("files.completeUploadExternal")
    assert complete.ok and complete.params["channel_id"] == channel
    [upload] = fake_slack.calls_to("file_upload")
    ics = fake_slack.uploaded(upload.params["file_id"]).data.decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert f"DTSTART:{meeting:%Y%m%dT%H%M%S}Z\r\n" in ics
    assert f"DTEND:{meeting + timedelta(minutes=45):%Y%m%dT%H%M%S}Z\r\n" in ics

    clock.now = meeting - timedelta(hours=1, minutes=1)  # not yet
    finish_setup(deps)
    tick_and_deliver(deps)
    assert reminders(fake_slack) == []
    clock.advance(minutes=1)
    for _ in range(3):  # due now: sent once, however many ticks follow
        tick_and_deliver(deps)
        clock.advance(minutes=1)
    [reminder] = reminders(fake_slack)
    assert reminder.params["channel"] == channel
    assert f"<!date^{int(chosen)}^" in visible_text(reminder.params)


def test_moving_the_meeting_replaces_its_reminder(slack, fake_slack, deps, clock):
    pair, _intro = start(deps, fake_slack, clock)
    view = open_modal(fake_slack, slack.action, pair, "U2", count=1)
    first, second = (o["value"] for o in slot_options(view)[:2])
    for value in (first, first):  # a double submission is told once
        slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(value), user_id="U2",
                          private_metadata=view["private_metadata"])  # fmt: skip
    # Moving it: Find a time again, which knows the meeting it is moving.
    view = open_modal(fake_slack, slack.action, pair, "U2", count=2)
    slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(second), user_id="U2",
                      private_metadata=view["private_metadata"])  # fmt: skip
    deliver(deps)
    notes = [
        c for c in posts(fake_slack, channel_prefix="G") if "first meeting" in c.params["text"]
    ]
    assert len(notes) == 2 and "moved your first meeting" in visible_text(notes[1].params)
    uploads = fake_slack.calls_to("file_upload")
    assert len(uploads) == 2  # one calendar file per time, the repeat sends none
    files = [fake_slack.uploaded(u.params["file_id"]).data.decode() for u in uploads]
    assert len({line for f in files for line in f.split("\r\n") if line.startswith("UID:")}) == 1
    clock.now = datetime.fromtimestamp(int(second), tz=UTC)
    finish_setup(deps)
    tick_and_deliver(deps)
    [reminder] = reminders(fake_slack)
    assert f"<!date^{int(second)}^" in visible_text(reminder.params)


def test_a_bad_or_stale_pick_is_answered_in_the_modal(slack, fake_slack, deps, clock):
    pair, _intro = start(deps, fake_slack, clock)
    view = open_modal(fake_slack, slack.action, pair, "U2", count=1)
    value = slot_options(view)[0]["value"]
    cases = {
        "Pick one of the times shown.": picked("tomorrow"),
        "Pick one of the times shown.": {},  # noqa: F601 (nothing picked: the same words)
    }
    for error, values in cases.items():
        response = slack.submit_view(ids.FIND_A_TIME_MODAL, values=values, user_id="U2",
                                     private_metadata=view["private_metadata"])  # fmt: skip
        assert response.json() == {"response_action": "errors",
                                    "errors": {ids.FIND_A_TIME_SLOT: error}}  # fmt: skip
    clock.now = datetime.fromtimestamp(int(value), tz=UTC) + timedelta(minutes=5)
    response = slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(value), user_id="U2",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert "has passed" in response.json()["errors"][ids.FIND_A_TIME_SLOT]
    # A time the modal never offered (a forged or edited value) is refused the same way,
    # however plausible: inside both working days, an hour after an offered one.
    forged = str(int(value) + 3600)
    clock.now = datetime.fromtimestamp(int(value), tz=UTC) - timedelta(days=1)
    stale = json.dumps({"pair": pair.id})  # a modal from before the offered times were kept
    for metadata, words in ((view["private_metadata"], "Pick one of the times shown."),
                            (stale, "These times are out of date.")):  # fmt: skip
        response = slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(forged),
                                     user_id="U2", private_metadata=metadata)  # fmt: skip
        assert response.json()["response_action"] == "errors"
        assert response.json()["errors"][ids.FIND_A_TIME_SLOT].startswith(words)
    # Someone outside the pair can't pick, whatever the modal's metadata says.
    add_person(deps, fake_slack, "U9", "Mallory", offers={"go": 2})
    response = slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(value), user_id="U9",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "errors"
    [stored] = pairs(deps)
    assert stored.first_meeting_at is None


@pytest.mark.parametrize(
    ("learner_tz", "mentor_tz"),
    [
        ("Asia/Kolkata", "Europe/London"),  # half-hour zone, 5.5 h apart: still a good overlap
        ("Australia/Adelaide", "Asia/Kathmandu"),  # :30 against :45
    ],
)
def test_half_hour_zones_get_slots_inside_both_days(
    slack, fake_slack, deps, clock, learner_tz, mentor_tz
):
    pair, intro = start(deps, fake_slack, clock, mentor_tz=mentor_tz, learner_tz=learner_tz)
    assert ":hourglass:" not in visible_text(intro.params)
    view = open_modal(fake_slack, slack.action, pair, "U2", count=1)
    options = slot_options(view)
    assert 3 <= len(options) <= 5
    for option in options:
        assert_inside_hours(option, learner_tz, mentor_tz)
        assert local(option["value"], learner_tz).minute in (0, 30)  # the learner's grid


def test_twelve_hours_apart_the_intro_says_so_and_offers_the_compromise(
    slack, fake_slack, deps, clock
):
    pair, intro = start(deps, fake_slack, clock, mentor_tz="Pacific/Auckland",
                        learner_tz="Europe/London")  # fmt: skip
    words = visible_text(intro.params)
    assert "Your working hours don't overlap on any day this week." in words
    assert "The fairest compromise is *<!date^" in words
    assert "for <@U2> it" in words and "for <@U1> it" in words
    view = open_modal(fake_slack, slack.action, pair, "U1", count=1)
    [option] = slot_options(view)  # only the compromise
    assert ":hourglass:" in visible_text(view)
    slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(option["value"]), user_id="U1",
                      private_metadata=view["private_metadata"])  # fmt: skip
    [stored] = pairs(deps)
    assert stored.first_meeting_at == datetime.fromtimestamp(int(option["value"]), tz=UTC)


def test_slots_across_a_dst_change_keep_each_persons_wall_clock(slack, fake_slack, deps, clock):
    # New York springs forward on Sunday 8 March 2026, London three weeks later: the gap
    # between them shrinks from 5 to 4 hours in the middle of the window.
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # the round's Monday
    pair, _intro = start(deps, fake_slack, clock, mentor_tz="America/New_York")
    clock.now = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)  # Thursday: the window spans the 8th
    view = open_modal(fake_slack, slack.action, pair, "U2", count=1)
    options = slot_options(view)
    days = {local(o["value"], "Europe/London").date() for o in options}
    assert any(day.day < 8 for day in days) and any(day.day > 8 for day in days)
    for option in options:
        assert_inside_hours(option, "Europe/London", "America/New_York")


def submit_profile(slack, user_id, starts, ends):
    values = {
        ids.PROFILE_DAY_START_BLOCK: {
            ids.PROFILE_DAY_START_INPUT: {"type": "timepicker", "selected_time": starts}
        },
        ids.PROFILE_DAY_END_BLOCK: {
            ids.PROFILE_DAY_END_INPUT: {"type": "timepicker", "selected_time": ends}
        },
    }
    return slack.submit_view(ids.PROFILE_MODAL, values=values, user_id=user_id)


def test_working_hours_from_the_profile_shape_the_slots(slack, fake_slack, deps, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    response = submit_profile(slack, "U2", "17:00", "16:00")
    assert response.json() == {
        "response_action": "errors",
        "errors": {ids.PROFILE_DAY_END_BLOCK: "Your working day needs to end at least an hour "
                   "after it starts, on the same day."},
    }  # fmt: skip
    saved = submit_profile(slack, "U2", "07:00", "11:00")
    assert saved.status == 200 and not saved.body
    with deps.sessions() as session:
        grace = session.scalar(select(Member).where(Member.slack_user_id == "U2"))
        assert (grace.work_starts_minute, grace.work_ends_minute) == (420, 660)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    view = open_modal(fake_slack, slack.action, pair, "U1", count=1)
    for option in slot_options(view):  # both in London: 09:00 to 11:00 is all they share
        assert_inside_hours(option, "Europe/London", "Europe/London", hours=((9, 0), (11, 0)))
    # The profile modal shows the hours saved.
    slack.command("profile", user_id="U2")
    fake_slack.wait_for("views.open", count=2)
    profile = fake_slack.calls_to("views.open")[-1].params["view"]
    [start_field] = [
        b for b in profile["blocks"] if b.get("block_id") == ids.PROFILE_DAY_START_BLOCK
    ]
    assert start_field["element"]["initial_time"] == "07:00"


def test_one_nudge_to_the_learner_after_five_working_days(slack, fake_slack, deps, clock):
    pair, _intro = start(deps, fake_slack, clock)  # made on Monday 23 November, 09:00
    clock.advance(days=6, hours=23)  # Monday 30 November: four working days later
    finish_setup(deps)
    tick_and_deliver(deps)
    assert posts(fake_slack, channel_prefix="D") == []
    clock.advance(days=1)  # Tuesday: the fifth
    for _ in range(3):
        tick_and_deliver(deps)
        clock.advance(minutes=1)
    [nudge] = posts(fake_slack, channel_prefix="D")
    assert "gentle nudge" in nudge.params["text"]
    assert buttons(nudge) == {ids.FIND_A_TIME: str(pair.id)}
    assert fake_slack.calls_to("conversations.open")[-1].params["users"] == "U2"
    [stored] = pairs(deps)
    assert stored.schedule_nudged_at is not None


def test_no_nudge_once_a_time_is_picked(slack, fake_slack, deps, clock):
    pair, _intro = start(deps, fake_slack, clock)
    view = open_modal(fake_slack, slack.action, pair, "U2", count=1)
    slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(slot_options(view)[0]["value"]),
                      user_id="U2", private_metadata=view["private_metadata"])  # fmt: skip
    clock.advance(days=10)
    finish_setup(deps)
    tick_and_deliver(deps)
    assert [c for c in posts(fake_slack, channel_prefix="D") if "nudge" in c.params["text"]] == []


def test_when_slack_refuses_the_calendar_file_the_times_still_go_out(
    slack, fake_slack, deps, clock
):
    pair, _intro = start(deps, fake_slack, clock)
    view = open_modal(fake_slack, slack.action, pair, "U2", count=1)
    fake_slack.error_next("files.getUploadURLExternal", "not_allowed_token_type")
    first = picked(slot_options(view)[0]["value"])
    response = slack.submit_view(ids.FIND_A_TIME_MODAL, values=first, user_id="U2",
                                 private_metadata=view["private_metadata"])  # fmt: skip
    assert response.json()["response_action"] == "update"
    deliver(deps)
    assert len(group_posts(fake_slack, "first meeting")) == 1
    assert fake_slack.calls_to("files.completeUploadExternal") == []


def test_two_people_picking_at_once_the_first_pick_stands(slack, fake_slack, deps, clock):
    pair, _intro = start(deps, fake_slack, clock, mentor_tz="America/New_York")
    # Both open Find a time before either has picked.
    grace_view = open_modal(fake_slack, slack.action, pair, "U2", count=1)
    ada_view = open_modal(fake_slack, slack.action, pair, "U1", count=2)
    grace_pick = slot_options(grace_view)[0]["value"]
    ada_pick = slot_options(ada_view)[2]["value"]
    assert grace_pick != ada_pick
    first = slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(grace_pick), user_id="U2",
                              private_metadata=grace_view["private_metadata"])  # fmt: skip
    assert "Saved" in visible_text(first.json()["view"])
    second = slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(ada_pick), user_id="U1",
                               private_metadata=ada_view["private_metadata"])  # fmt: skip
    answer = second.json()
    assert answer["response_action"] == "update"  # told kindly, in Ada's own time
    words = visible_text(answer["view"])
    at_ny = local(grace_pick, "America/New_York")
    assert "A time was picked a moment ago" in words
    assert f"{at_ny:%A} {at_ny.day} {at_ny:%B}, {at_ny:%H:%M}–" in words and "(your time)" in words
    [stored] = pairs(deps)
    assert stored.first_meeting_at == datetime.fromtimestamp(int(grace_pick), tz=UTC)
    deliver(deps)
    assert len(group_posts(fake_slack, "first meeting")) == 1
    assert len(fake_slack.calls_to("file_upload")) == 1
    # The same time picked by both is simply the same meeting, told once.
    again = slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(grace_pick), user_id="U1",
                              private_metadata=ada_view["private_metadata"])  # fmt: skip
    assert "Saved" in visible_text(again.json()["view"])
    deliver(deps)
    assert len(group_posts(fake_slack, "first meeting")) == 1


def test_picks_sent_together_store_one_time_and_tell_it_once(
    slack, fake_slack, deps, clock, settle
):
    pair, _intro = start(deps, fake_slack, clock)
    views = [open_modal(fake_slack, slack.action, pair, who, count=n)
             for n, who in enumerate(("U2", "U1", "U2", "U1"), start=1)]  # fmt: skip
    choices = [slot_options(v)[n % 3]["value"] for n, v in enumerate(views)]
    users = ("U2", "U1", "U2", "U1")
    barrier = threading.Barrier(len(views))

    def send(n: int):
        barrier.wait()
        return slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(choices[n]),
                                 user_id=users[n],
                                 private_metadata=views[n]["private_metadata"])  # fmt: skip

    with ThreadPoolExecutor(max_workers=len(views)) as pool:
        answers = [r.json() for r in pool.map(send, range(len(views)))]
    settle()
    [stored] = pairs(deps)
    winner = str(int(stored.first_meeting_at.timestamp()))
    saved = [n for n, a in enumerate(answers) if "Saved" in visible_text(a["view"])]
    told = [n for n, a in enumerate(answers) if "picked a moment ago" in visible_text(a["view"])]
    assert sorted(saved + told) == [0, 1, 2, 3]
    assert {choices[n] for n in saved} == {winner}
    deliver(deps)
    assert len(group_posts(fake_slack, "first meeting")) == 1


def local_words(value, tz):
    """How a slot should read for someone in `tz`, worked out here from the zone database."""
    start = local(value, tz)
    end = start + timedelta(minutes=45)
    ends = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%H:%M} on {end:%A}"
    return f"{start:%A} {start.day} {start:%B}, {start:%H:%M}–{ends}"


@pytest.mark.parametrize(
    ("learner_tz", "mentor_tz", "round_day", "pick_last"),
    [
        # A 45-minute zone against a half-hour one: the learner's clock stays on :00/:30.
        ("Asia/Kathmandu", "Asia/Kolkata", None, False),
        # A half-hour zone west of London.
        ("America/St_Johns", "Europe/London", None, False),
        # 24 hours apart: the same wall clock on different dates, so different weekdays.
        ("Pacific/Kiritimati", "Pacific/Honolulu", None, False),
        # 16 hours apart across the date line (Auckland's summer time): the days barely
        # touch, so the fairest compromise is the one time offered.
        ("Pacific/Auckland", "America/Sao_Paulo", None, False),
        # Europe falls back on 25 October 2026; the US a week later.
        ("Europe/London", "America/New_York", datetime(2026, 10, 19, 8, 0, tzinfo=UTC), True),
        # Adelaide moves to summer time on 4 October 2026 (a half-hour zone changing).
        ("Australia/Adelaide", "Asia/Tokyo", datetime(2026, 9, 28, 8, 0, tzinfo=UTC), True),
    ],
)
def test_both_people_read_the_picked_time_in_their_own_zone(
    slack, fake_slack, deps, clock, learner_tz, mentor_tz, round_day, pick_last
):
    if round_day is not None:
        clock.now = round_day
    pair, intro = start(deps, fake_slack, clock, mentor_tz=mentor_tz, learner_tz=learner_tz)
    if round_day is not None:
        clock.now = round_day + timedelta(days=3)  # Thursday: the window spans the change
    view = open_modal(fake_slack, slack.action, pair, "U2", count=1)
    options = slot_options(view)
    assert options, visible_text(view)
    for option in options:  # in the modal: the learner's time, the mentor's under it
        assert option["text"]["text"] == f"{local_words(option['value'], learner_tz)} (your time)"
        assert option["description"]["text"] == f"Ada: {local_words(option['value'], mentor_tz)}"
    chosen = options[-1 if pick_last else 0]["value"]
    if round_day is not None:  # the picked slot is after the change
        before = local(options[0]["value"], learner_tz).utcoffset()
        assert local(chosen, learner_tz).utcoffset() != before or (
            local(chosen, mentor_tz).utcoffset()
            != local(options[0]["value"], mentor_tz).utcoffset()
        )
    answer = slack.submit_view(ids.FIND_A_TIME_MODAL, values=picked(chosen), user_id="U2",
                               private_metadata=view["private_metadata"])  # fmt: skip
    assert local_words(chosen, learner_tz) in visible_text(answer.json()["view"])
    deliver(deps)
    [note] = group_posts(fake_slack, "first meeting")
    words = visible_text(note.params)
    assert f"<@U2>: {local_words(chosen, learner_tz)} (your time)" in words
    assert f"<@U1>: {local_words(chosen, mentor_tz)} (your time)" in words
    assert f"<!date^{int(chosen)}^" in words  # Slack's own rendering, in each reader's zone
    # The reminder comes an hour before in real time, whatever the clocks did meanwhile.
    meeting = datetime.fromtimestamp(int(chosen), tz=UTC)
    clock.now = meeting - timedelta(hours=1, minutes=1)
    tick_and_deliver(deps)
    assert reminders(fake_slack) == []
    clock.now = meeting - timedelta(hours=1)
    tick_and_deliver(deps)
    [reminder] = reminders(fake_slack)
    assert reminder.params["channel"] == intro.params["channel"]
