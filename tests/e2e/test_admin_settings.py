"""The settings modal end to end: opened from the command and from App Home, validated in
the modal, saved on the schedule, and used by the next round and check-ins."""

from __future__ import annotations

from sqlalchemy import select

from bot.core import ids
from bot.db.models import EndReason, PairStatus, Round, Schedule
from tests.e2e.admin_helpers import (
    ADMIN,
    add_admin_user,
    command,
    home_buttons,
    home_container,
    published_home,
    settings_values,
    wait_for_view,
)
from tests.e2e.cycle_helpers import add_person, pairs, posts, tick_and_deliver
from tests.e2e.helpers import visible_text
from tests.e2e.test_checkins import start_pair, week


def block(view, block_id):
    [found] = [b for b in view["blocks"] if b.get("block_id") == block_id]
    return found["element"]


def save(slack, **settings):
    return slack.submit_view(
        ids.ADMIN_SETTINGS_MODAL, values=settings_values(**settings), user_id=ADMIN
    ).json()


def schedule_of(deps) -> Schedule:
    with deps.sessions() as session:
        return session.scalars(select(Schedule)).one()


def test_settings_modal_shows_the_current_settings_and_the_next_round(
    slack, fake_slack, deps, clock
):
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    command(slack, fake_slack, "admin")
    view = wait_for_view(fake_slack, "views.open", ids.ADMIN_SETTINGS_MODAL)
    words = visible_text(view)
    # 08:00 on Monday 23 November in London: a new workspace runs no round until setup is
    # done; today's 09:00 round would be the first.
    assert "Rounds haven't started yet." in words
    assert "the first one would then be Monday 23 November at 09:00 (Europe/London)." in words
    assert "2026-W" not in words  # dates, not ISO week keys
    assert block(view, ids.ADMIN_WEEKDAY)["initial_option"]["value"] == "0"
    assert block(view, ids.ADMIN_TIME)["initial_time"] == "09:00"
    zone = block(view, ids.ADMIN_TIMEZONE)
    assert zone["type"] == "external_select" and zone["initial_option"]["value"] == "Europe/London"
    assert block(view, ids.ADMIN_CADENCE)["initial_option"]["value"] == "weekly"
    assert block(view, ids.ADMIN_COOLDOWN)["initial_value"] == "26"
    assert "initial_value" not in block(view, ids.ADMIN_TZ_GAP)
    assert block(view, ids.ADMIN_TWO_WAY_WEIGHT)["initial_value"] == "3"
    assert block(view, ids.ADMIN_NUDGE_AFTER)["initial_value"] == "2"
    assert block(view, ids.ADMIN_CLOSE_AFTER)["initial_value"] == "4"
    assert "initial_conversation" not in block(view, ids.ADMIN_ANNOUNCE_CHANNEL)
    assert "initial_options" not in block(view, ids.ADMIN_ANNOUNCE_PAIRS)

    # The same modal from the admin's App Home.
    home = published_home(slack, fake_slack, ADMIN)
    assert ids.ADMIN_OPEN_SETTINGS in home_buttons(home)
    slack.action(ids.ADMIN_OPEN_SETTINGS, user_id=ADMIN, value="settings",
                 view=home_container(ADMIN))  # fmt: skip
    wait_for_view(fake_slack, "views.open", ids.ADMIN_SETTINGS_MODAL, count=2)


def test_every_setting_is_saved_and_the_new_next_round_is_shown(slack, fake_slack, deps):
    add_admin_user(fake_slack)
    answer = save(
        slack, weekday="2", at="14:30", timezone="America/New_York", cadence="every_two_weeks",
        cooldown="8", gap="3.5", weight="0", nudge="3", close="6", channel="CANNOUNCE",
        name_pairs=True,
    )  # fmt: skip
    assert answer["response_action"] == "update"
    words = visible_text(answer["view"])
    assert "Settings saved" in words
    assert "Wednesday 25 November at 14:30 (America/New_York);" in words
    assert "every two weeks" in words
    schedule = schedule_of(deps)
    assert (schedule.weekday, schedule.hour, schedule.minute) == (2, 14, 30)
    assert (schedule.timezone, schedule.cadence) == ("America/New_York", "every_two_weeks")
    assert (schedule.cooldown_weeks, schedule.max_tz_gap_hours) == (8, 3.5)
    assert (schedule.two_way_weight, schedule.nudge_after, schedule.close_after) == (0, 3, 6)
    assert (schedule.announce_channel, schedule.announce_pairs) == ("CANNOUNCE", True)

    # Reopened, the modal shows what was saved.
    command(slack, fake_slack, "admin settings")
    view = wait_for_view(fake_slack, "views.open", ids.ADMIN_SETTINGS_MODAL)
    assert block(view, ids.ADMIN_TIME)["initial_time"] == "14:30"
    assert block(view, ids.ADMIN_TZ_GAP)["initial_value"] == "3.5"
    assert block(view, ids.ADMIN_ANNOUNCE_CHANNEL)["initial_conversation"] == "CANNOUNCE"
    assert block(view, ids.ADMIN_ANNOUNCE_PAIRS)["initial_options"][0]["value"] == "name_pairs"


def test_invalid_settings_are_answered_next_to_each_field(slack, fake_slack, deps):
    add_admin_user(fake_slack)
    answer = save(
        slack, timezone="Mars/Olympus_Mons", cooldown="-1", gap="30", weight="11", nudge="0",
        close="2.5", name_pairs=True,
    )  # fmt: skip
    assert answer["response_action"] == "errors"
    errors = answer["errors"]
    assert set(errors) == {
        ids.ADMIN_TIMEZONE,
        ids.ADMIN_COOLDOWN,
        ids.ADMIN_TZ_GAP,
        ids.ADMIN_TWO_WAY_WEIGHT,
        ids.ADMIN_NUDGE_AFTER,
        ids.ADMIN_CLOSE_AFTER,
        ids.ADMIN_ANNOUNCE_PAIRS,
    }
    assert errors[ids.ADMIN_TWO_WAY_WEIGHT] == "Enter a whole number from 0 to 10."
    assert "channel" in errors[ids.ADMIN_ANNOUNCE_PAIRS]
    with deps.sessions() as session:
        assert session.scalar(select(Schedule)) is None  # nothing was saved


def test_a_new_day_and_time_decide_when_the_next_round_runs(slack, fake_slack, deps, clock):
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    tick_and_deliver(deps)
    save(slack, weekday="2", at="14:30", timezone="America/New_York")
    clock.advance(hours=1)  # Monday 09:00 in London: no longer round time
    tick_and_deliver(deps)
    assert pairs(deps) == []
    clock.advance(days=2, hours=10, minutes=30)  # Wednesday 19:30 UTC = 14:30 in New York
    tick_and_deliver(deps)
    assert len(pairs(deps)) == 1
    with deps.sessions() as session:
        assert session.scalars(select(Round.period)).all() == ["2026-W48"]


def test_moving_the_round_to_a_moment_just_passed_waits_for_the_next_one(
    slack, fake_slack, deps, clock
):
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    tick_and_deliver(deps)
    # 08:30 on Monday: the admin moves today's 09:00 round to 08:15.
    clock.advance(minutes=30)
    answer = save(slack, at="08:15")
    assert "Monday 30 November at 08:15 (Europe/London);" in visible_text(answer["view"])
    tick_and_deliver(deps)
    clock.advance(hours=2)
    tick_and_deliver(deps)
    assert pairs(deps) == []
    clock.advance(days=7)
    tick_and_deliver(deps)
    assert len(pairs(deps)) == 1


def test_the_time_zone_gap_limit_applies_to_the_next_round(slack, fake_slack, deps, clock):
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4}, tz="Europe/London")
    add_person(deps, fake_slack, "U2", "Kenji", requests={"python": "Automate reports"},
               tz="Asia/Tokyo", tz_offset=9 * 3600)  # fmt: skip
    assert save(slack, gap="3")["response_action"] == "update"
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert pairs(deps) == []
    told = [
        c for c in posts(fake_slack, channel_prefix="D") if "time-zone" in visible_text(c.params)
    ]
    assert len(told) == 1
    save(slack, gap=None)
    clock.advance(days=7)
    tick_and_deliver(deps)
    assert len(pairs(deps)) == 1


def two_way_or_better_level(deps, fake_slack) -> None:
    """Grace wants Python. Ada teaches it at level 4 and wants SQL back, which Grace offers;
    Linus teaches Python at level 5 and wants nothing from her."""
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4}, requests={"sql": "Reports"})
    add_person(deps, fake_slack, "U3", "Linus", offers={"python": 5})
    add_person(deps, fake_slack, "U2", "Grace", offers={"sql": 1},
               requests={"python": "Automate reports"})  # fmt: skip


def test_the_two_way_weight_decides_between_a_two_way_and_a_better_one_way_pair(
    slack, fake_slack, deps, clock
):
    two_way_or_better_level(deps, fake_slack)
    save(slack, weight="0")
    clock.advance(hours=1)
    tick_and_deliver(deps)
    python = [p for p in pairs(deps) if p.mentee.slack_user_id == "U2"]
    assert [p.mentor.slack_user_id for p in python] == ["U3"]  # level wins without the bonus


def test_a_strong_two_way_weight_prefers_the_exchange(slack, fake_slack, deps, clock):
    two_way_or_better_level(deps, fake_slack)
    save(slack, weight="10")
    clock.advance(hours=1)
    tick_and_deliver(deps)
    made = pairs(deps)
    assert len(made) == 1 and made[0].two_way
    assert {made[0].mentor.slack_user_id, made[0].mentee.slack_user_id} == {"U1", "U2"}


def test_check_in_thresholds_apply_to_the_next_check_ins(slack, fake_slack, deps, clock):
    start_pair(deps, fake_slack, clock)
    assert save(slack, nudge="1", close="2")["response_action"] == "update"

    def nudges():
        return [c for c in posts(fake_slack, channel_prefix="G")
                if "without a meeting" in visible_text(c.params)]  # fmt: skip

    week(deps, clock)
    assert nudges() == []
    week(deps, clock)
    assert len(nudges()) == 1  # after one week without a meeting, not two
    week(deps, clock)
    [closed] = pairs(deps)
    assert (closed.status, closed.end_reason) == (PairStatus.ENDED, EndReason.NO_ANSWER)
