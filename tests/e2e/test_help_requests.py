""" "Need help" end to end: the person says what would help, and the program admins' DM
has buttons that act on it (for program admins only)."""

from __future__ import annotations

from sqlalchemy import select

from bot.core import ids
from bot.db.models import CheckInAnswer, EndReason, MentoringRequest, PairStatus, RequestStatus
from bot.parsing.checkin_forms import MAX_HELP
from tests.e2e.cycle_helpers import ask_for_help, buttons, deliver, pairs, posts
from tests.e2e.helpers import action_reply, command_reply, visible_text
from tests.e2e.test_checkins import checkin_posts, start_pair, week

SAID = "We keep moving our slots & I'd like <b>ideas</b> for short sessions"


def asked_admin(fake_slack):
    [dm] = [c for c in posts(fake_slack, channel_prefix="D")
            if "asked for help" in visible_text(c.params)]  # fmt: skip
    return dm


def test_help_says_what_would_help_and_admins_act_on_it(slack, fake_slack, deps, clock, settle):
    start_pair(deps, fake_slack, clock)
    week(deps, clock)
    checkin_id = buttons(checkin_posts(fake_slack)[0])[ids.CHECKIN_MET]

    too_long = ask_for_help(slack, fake_slack, checkin_id, user_id="U2", said="x" * (MAX_HELP + 1))
    assert too_long == {
        "response_action": "errors",
        "errors": {ids.CHECKIN_HELP_TEXT: f"Keep it under {MAX_HELP} characters."},
    }
    answer = ask_for_help(slack, fake_slack, checkin_id, user_id="U2", said=SAID)
    assert "admins have been told" in visible_text(answer["view"])
    again = ask_for_help(slack, fake_slack, checkin_id, user_id="U2", said=SAID)
    assert "Already noted" in visible_text(again["view"])
    settle()
    deliver(deps)
    dm = asked_admin(fake_slack)  # once, whatever the double submission
    words = visible_text(dm.params)
    # What they wrote is quoted, escaped: Slack shows it as typed, never as markup.
    assert "&amp; I'd like &lt;b&gt;ideas&lt;/b&gt;" in words and "<b>" not in words
    actions = buttons(dm)
    assert set(actions) == {ids.HELP_TAKE, ids.HELP_OPEN_PAIRING, ids.HELP_END_AND_REMATCH}
    request = actions[ids.HELP_TAKE]

    # Someone who isn't a program admin gets nothing from any of the buttons.
    for action_id in actions:
        refused = action_reply(slack, fake_slack, action_id, value=request, user_id="U9")
        assert "only program admins" in visible_text(refused)
    titles = [c.params["view"]["title"]["text"] for c in fake_slack.calls_to("views.open")]
    assert "The pairing" not in titles
    assert pairs(deps)[0].status == PairStatus.ACTIVE

    # Open the pairing: who, what, when and counts, no one's words.
    slack.action(ids.HELP_OPEN_PAIRING, value=request, user_id="UADMIN")
    [opened] = fake_slack.wait_for(
        "views.open", where=lambda c: c.params["view"]["title"]["text"] == "The pairing"
    )
    shown = visible_text(opened.params["view"])
    assert "<@U1> teaches <@U2>" in shown and "1 check-in sent" in shown
    assert "Next check-in: <!date^" in shown and SAID not in shown

    # I'll reach out: the person who asked is told who will.
    taken = action_reply(slack, fake_slack, ids.HELP_TAKE, value=request, user_id="UADMIN")
    assert "<@U2> knows you'll reach out" in visible_text(taken)
    deliver(deps)
    [told] = [c for c in posts(fake_slack, channel_prefix="D")
              if "will reach out to you" in visible_text(c.params)]  # fmt: skip
    opened_for = [c for c in fake_slack.calls_to("conversations.open") if c.params["users"] == "U2"]
    assert told.params["channel"] == opened_for[0].response["channel"]["id"]
    assert "<@UADMIN> will reach out" in visible_text(told.params)

    # End pairing and rematch: both are told, the request goes back in the queue.
    ended = action_reply(slack, fake_slack, ids.HELP_END_AND_REMATCH, value=request,
                         user_id="UADMIN")  # fmt: skip
    assert "The pairing has ended" in visible_text(ended)
    [pair] = pairs(deps)
    assert (pair.status, pair.end_reason) == (PairStatus.ENDED, EndReason.REMATCH)
    with deps.sessions() as session:
        assert session.scalars(select(MentoringRequest.status)).all() == [RequestStatus.OPEN]
    deliver(deps)
    [notice] = [c for c in posts(fake_slack, channel_prefix="G")
                if "a program admin has ended this pairing" in visible_text(c.params)]  # fmt: skip
    assert notice.params["channel"].startswith("G")
    twice = action_reply(slack, fake_slack, ids.HELP_END_AND_REMATCH, value=request,
                         user_id="UADMIN")  # fmt: skip
    assert "already ended" in visible_text(twice)

    # The request outlives the pair: the pairing still opens, as ended.
    slack.action(ids.HELP_OPEN_PAIRING, value=request, user_id="UADMIN")
    views = fake_slack.wait_for(
        "views.open", where=lambda c: c.params["view"]["title"]["text"] == "The pairing", count=2
    )
    assert "(ended)" in visible_text(views[-1].params["view"])
    forged = action_reply(slack, fake_slack, ids.HELP_TAKE, value="999999", user_id="UADMIN")
    assert "no longer known" in visible_text(forged)


def test_forgetting_yourself_erases_what_you_wrote_for_the_admins(
    slack, fake_slack, deps, clock, settle
):
    start_pair(deps, fake_slack, clock)
    week(deps, clock)
    checkin_id = buttons(checkin_posts(fake_slack)[0])[ids.CHECKIN_MET]
    ask_for_help(slack, fake_slack, checkin_id, user_id="U2", said=SAID)
    settle()
    deliver(deps)
    request = buttons(asked_admin(fake_slack))[ids.HELP_OPEN_PAIRING]
    with deps.sessions() as session:
        assert session.scalars(select(CheckInAnswer.help_text)).all() == [SAID]

    command_reply(slack, fake_slack, "forget-me", user_id="U2")
    action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget", user_id="U2")
    with deps.sessions() as session:
        assert session.scalars(select(CheckInAnswer.help_text)).all() == [None]
    gone = action_reply(slack, fake_slack, ids.HELP_OPEN_PAIRING, value=request, user_id="UADMIN")
    assert "no longer known" in visible_text(gone)
