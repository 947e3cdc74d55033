"""People whose Slack status says they are away, through the real app: a signed
`user_change` event stores it; rounds skip them with one DM saying until when; their pairs'
check-ins wait, and one missed while away doesn't count toward closing the pair."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.core import ids
from bot.db.models import CheckIn, Member, PairStatus
from tests.e2e.admin_helpers import ADMIN, add_admin_user, command, published_home, reply_to
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, command_reply, visible_text

# The clock starts on Monday 23 November 2026, 08:00 UTC; the round is at 09:00.
BACK = datetime(2026, 12, 11, 23, 59, tzinfo=UTC)


def status_change(user_id: str, name: str, *, text: str = "", emoji: str = "",
                  expiration: datetime | None = None) -> dict:  # fmt: skip
    """The `user_change` event Slack sends when someone sets or clears their status."""
    return {
        "type": "user_change",
        "user": {
            "id": user_id,
            "team_id": "T1",
            "name": name.lower(),
            "deleted": False,
            "tz": "Europe/London",
            "tz_offset": 0,
            "profile": {
                "display_name": name,
                "real_name": name,
                "status_text": text,
                "status_emoji": emoji,
                "status_expiration": int(expiration.timestamp()) if expiration else 0,
            },
        },
    }


def away_of(deps, user_id: str) -> tuple[datetime | None, bool]:
    with deps.sessions() as session:
        member = session.scalars(select(Member).where(Member.slack_user_id == user_id)).one()
        return member.away_until, member.away_until_known


def dms_to(fake_slack, user_id: str) -> list[str]:
    """The text of every DM the app posted to one person."""
    channels = {
        call.response["channel"]["id"]
        for call in fake_slack.calls_to("conversations.open")
        if call.ok and call.params.get("users") == user_id
    }
    return [visible_text(c.params) for c in posts(fake_slack) if c.params["channel"] in channels]


def test_a_status_saying_away_keeps_someone_out_of_the_round_with_one_dm(
    slack, fake_slack, deps, clock, settle
):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    event = status_change("U2", "Grace", text="On holiday", emoji=":palm_tree:", expiration=BACK)
    assert slack.event(event).status == 200
    settle()
    assert away_of(deps, "U2") == (BACK, True)

    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert pairs(deps) == []
    [dm] = dms_to(fake_slack, "U2")  # this DM only: no "no match" notice besides
    assert "You're away until 11 December, so we left you out of this round." in dm
    assert "paused" not in dm
    clock.advance(minutes=5)
    tick_and_deliver(deps)
    assert len(dms_to(fake_slack, "U2")) == 1  # the round ran once: one DM

    # Back early: clearing the status puts them in the next round.
    assert slack.event(status_change("U2", "Grace")).status == 200
    settle()
    assert away_of(deps, "U2") == (None, False)
    clock.advance(days=7)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    assert pair.status == PairStatus.ACTIVE


def test_a_status_without_an_expiry_skips_one_week_and_says_so(
    slack, fake_slack, deps, clock, settle
):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    assert slack.event(status_change("U1", "Ada", text="OOO")).status == 200
    settle()
    until, known = away_of(deps, "U1")
    assert (until, known) == (datetime(2026, 11, 30, 8, 0, tzinfo=UTC), False)

    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    assert pairs(deps) == []
    [dm] = dms_to(fake_slack, "U1")
    assert "Your Slack status says you're away, so we left you out of this round." in dm
    assert "no end date" in dm and "one week, until 30 November" in dm
    # Grace hears why she waits as usual: her only mentor is away (paused, to the engine).
    assert len(dms_to(fake_slack, "U2")) == 1

    clock.advance(days=7)  # a week later, with no news from Slack: Ada is back in
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    assert pair.status == PairStatus.ACTIVE


def checkin_numbers(deps) -> list[int]:
    with deps.sessions() as session:
        return list(session.scalars(select(CheckIn.number).order_by(CheckIn.number)))


def test_checkins_wait_while_away_and_one_missed_does_not_count_toward_closing(
    slack, fake_slack, deps, clock, settle
):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)

    def week() -> None:
        clock.advance(days=7)
        tick_and_deliver(deps)

    for _ in range(3):  # three check-ins nobody answers
        week()
    assert checkin_numbers(deps) == [1, 2, 3]

    # Grace goes away for two weeks, before anyone answered the third.
    back = clock.now.replace(hour=12) + (datetime(2026, 1, 15) - datetime(2026, 1, 1))
    assert (
        slack.event(status_change("U2", "Grace", emoji=":airplane:", expiration=back)).status == 200
    )
    settle()
    with deps.sessions() as session:
        excused = dict(session.execute(select(CheckIn.number, CheckIn.excused_away)).all())
    assert excused == {1: False, 2: False, 3: True}

    week()  # away: no check-in, where without it the pair would be closed next week
    week()
    assert checkin_numbers(deps) == [1, 2, 3]
    [waiting] = pairs(deps)
    assert waiting.status == PairStatus.ACTIVE

    week()  # back: check-ins resume, and the pair is still going
    assert checkin_numbers(deps) == [1, 2, 3, 4]
    week()
    [still] = pairs(deps)
    assert still.status == PairStatus.ACTIVE  # four sent, but only three silent ones count
    assert checkin_numbers(deps) == [1, 2, 3, 4, 5]
    week()  # the fourth counted silence closes it, as for anyone
    [closed] = pairs(deps)
    assert closed.status == PairStatus.ENDED
    assert closed.id == pair.id


def test_answering_a_checkin_while_away_still_counts(slack, fake_slack, deps, clock, settle):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    clock.advance(days=7)
    tick_and_deliver(deps)
    [checkin] = [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)]
    action_reply(slack, fake_slack, ids.CHECKIN_MET, value=buttons(checkin)[ids.CHECKIN_MET],
                 user_id="U1")  # fmt: skip
    assert slack.event(status_change("U2", "Grace", text="Vacation")).status == 200
    settle()
    with deps.sessions() as session:
        assert session.scalars(select(CheckIn.excused_away)).all() == [False]


def test_forget_me_leaves_no_away_state_behind(slack, fake_slack, deps, settle):
    fake_slack.add_user("U1")
    command_reply(slack, fake_slack, "offer python")
    assert (
        slack.event(status_change("U1", "U1", text="Parental leave", expiration=BACK)).status == 200
    )
    settle()
    assert away_of(deps, "U1") == (BACK, True)
    command_reply(slack, fake_slack, "forget-me")
    action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget")
    settle()
    with deps.sessions() as session:
        assert session.scalars(select(Member.away_until)).all() == []


def test_a_first_command_reads_the_status_too(slack, fake_slack, deps, settle):
    fake_slack.add_user("U1")
    fake_slack.set_status("U1", text="Out of office", expiration=int(BACK.timestamp()))
    command_reply(slack, fake_slack, "offer python")
    settle()  # the Home tab is published after the answer
    assert away_of(deps, "U1") == (BACK, True)


def test_app_home_tells_someone_away_that_rounds_skip_them(slack, fake_slack, deps, settle):
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    event = status_change("U2", "Grace", text="On holiday", emoji=":palm_tree:", expiration=BACK)
    assert slack.event(event).status == 200
    settle()
    words = visible_text(published_home(slack, fake_slack, "U2"))
    assert "You're away until 11 December:* rounds skip you and check-ins wait." in words
    assert "You're taking part" not in words

    assert slack.event(status_change("U2", "Grace")).status == 200  # back
    settle()
    words = visible_text(published_home(slack, fake_slack, "U2"))
    assert "away" not in words and "You're taking part" in words


def test_app_home_gives_the_assumed_week_when_the_status_has_no_expiry(
    slack, fake_slack, deps, settle
):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    assert slack.event(status_change("U1", "Ada", text="OOO")).status == 200
    settle()
    words = visible_text(published_home(slack, fake_slack, "U1"))
    assert "Your Slack status says you're away:* rounds skip you and check-ins wait until " in words
    assert "30 November" in words


def test_admins_see_how_many_are_away_and_never_who(slack, fake_slack, deps, settle):
    add_admin_user(fake_slack)
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    add_person(deps, fake_slack, "U3", "Linus", requests={"rust": "Ownership"})
    for user, name in (("U2", "Grace"), ("U3", "Linus")):
        event = status_change(user, name, text="Vacation", expiration=BACK)
        assert slack.event(event).status == 200
    settle()
    stats = visible_text(reply_to(fake_slack, command(slack, fake_slack, "admin stats")))
    assert "*People taking part*\n1 active, 0 paused, 2 away" in stats
    home = visible_text(published_home(slack, fake_slack, ADMIN))
    assert "*People taking part*\n1 active, 0 paused, 2 away" in home
    for surface in (stats, home):
        assert "Grace" not in surface and "Linus" not in surface and "Vacation" not in surface
