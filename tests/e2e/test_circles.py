"""Circles end to end: a mentor offers one and learners say they are open to one in the
modals, a round forms a circle and a peer circle with a group DM each, App Home shows
them, and forget-me takes a person out of their circle."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import (
    Circle,
    CircleCheckIn,
    CircleCheckInAnswer,
    CircleCheckInNote,
    CircleFeedback,
    CircleHelpRequest,
    CircleKind,
    CircleMember,
    CircleRole,
    CircleStatus,
    Member,
    MentoringRequest,
    Offer,
    OutboxMessage,
    RequestStatus,
)
from tests.e2e.admin_helpers import ADMIN, add_admin_user
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, command_reply, visible_text
from tests.e2e.modal_support import (
    answer,
    new,
    offer_values,
    profile_values,
    published_homes,
    submit,
)
from tests.support.opened_views import wait_for_single_opened_view
from tests.support.slack_requests import plain_text_input, radio_buttons

LEARNERS = ("U2", "U3", "U4", "U5")
PEERS = ("U6", "U7", "U8")
NAMES = {"U2": "Bea", "U3": "Cy", "U4": "Dee", "U5": "Eve", "U6": "Flo", "U7": "Gus",
         "U8": "Hal", "U9": "Ivy"}  # fmt: skip
GOALS = dict(
    zip(LEARNERS, ("Automate <reports>", "Write tests", "Parse CSV", "Build an API"), strict=True)
)


def _open_to_circles(slack, user_id: str) -> None:
    submit(slack, ids.PROFILE_MODAL, profile_values(circle=True), user_id=user_id)


def seed(deps, fake_slack, slack):
    """Ada mentors one person and would run a Python circle of up to 4; four people ask
    for Python, open to a circle; three more want Rust, which nobody offers."""
    fake_slack.add_user("U1", display_name="Ada", tz="Europe/London", tz_offset=0)
    submit(
        slack,
        ids.OFFER_MODAL,
        offer_values([new("Python")], level="4", capacity="1", circle="4"),
        user_id="U1",
    )
    for user_id, goal in GOALS.items():
        add_person(deps, fake_slack, user_id, NAMES[user_id], requests={"python": goal},
                   duration="about_three_months")  # fmt: skip
        _open_to_circles(slack, user_id)
    for user_id in PEERS:
        add_person(deps, fake_slack, user_id, NAMES[user_id], requests={"Rust": "Read it"})
        _open_to_circles(slack, user_id)


def home_of(slack, fake_slack, user_id: str) -> str:
    """The words of the Home tab the person sees when they open it now."""
    seen = len([c for c in fake_slack.calls_to("views.publish") if c.params["user_id"] == user_id])
    assert slack.event({"type": "app_home_opened", "user": user_id, "tab": "home"}).status == 200
    return visible_text(published_homes(fake_slack, user_id, count=seen + 1)[-1])


def _circles(deps) -> list[Circle]:
    with deps.sessions() as session:
        return list(session.scalars(select(Circle).order_by(Circle.id)))


def _members(deps, circle_id: int) -> dict[str, str]:
    with deps.sessions() as session:
        rows = session.execute(
            select(Member.slack_user_id, CircleMember.role)
            .join(Member, Member.id == CircleMember.member_id)
            .where(CircleMember.circle_id == circle_id)
        )
        return dict(rows.all())


def test_a_circle_offer_out_of_range_is_answered_next_to_the_field(slack, fake_slack, deps):
    fake_slack.add_user("U1", display_name="Ada")
    response = submit(
        slack, ids.OFFER_MODAL, offer_values([new("Python")], circle="9"), user_id="U1"
    )
    errors = answer(response)["errors"]
    assert set(errors) == {ids.OFFER_CIRCLE_BLOCK}
    assert "3 to 6 learners" in errors[ids.OFFER_CIRCLE_BLOCK]
    with deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Offer)) == 0


def test_a_round_forms_a_circle_and_a_peer_circle_in_group_dms(deps, fake_slack, slack, clock):
    seed(deps, fake_slack, slack)
    with deps.sessions() as session:
        assert session.scalars(select(Offer.circle_size)).all() == [4]
        open_to = session.scalars(
            select(Member.slack_user_id).where(Member.open_to_circle).order_by(Member.id)
        ).all()
        assert set(open_to) == set(LEARNERS + PEERS)

    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)

    # One learner has Ada to themselves; the other three share her in a circle (one to
    # one first: the circle serves only those a pair could not).
    (pair,) = pairs(deps)
    mentor_circle, peer_circle = _circles(deps)
    assert mentor_circle.kind == CircleKind.MENTOR and peer_circle.kind == CircleKind.PEER
    in_circle = _members(deps, mentor_circle.id)
    assert in_circle.pop("U1") == CircleRole.MENTOR
    assert len(in_circle) == 3 and set(in_circle.values()) == {CircleRole.LEARNER}
    with deps.sessions() as session:
        paired_learner = session.get(Member, pair.mentee_id).slack_user_id
    assert set(in_circle) | {paired_learner} == set(LEARNERS)
    assert _members(deps, peer_circle.id) == dict.fromkeys(PEERS, CircleRole.LEARNER)
    assert mentor_circle.duration == "about_three_months" and mentor_circle.ends_at is not None
    with deps.sessions() as session:
        statuses = session.scalars(select(MentoringRequest.status)).all()
    assert set(statuses) == {RequestStatus.MATCHED}  # nobody is told they weren't matched

    opened = {call.params["users"] for call in fake_slack.calls_to("conversations.open")}
    circle_users = ",".join(sorted(["U1", *in_circle]))
    assert circle_users in opened and ",".join(PEERS) in opened
    group_posts = {
        visible_text(call.params): call for call in posts(fake_slack, channel_prefix="G")
    }
    circle_text = next(text for text in group_posts if "Meet your circle" in text)
    assert "<@U1> will mentor the 3 learners here together" in circle_text
    assert "What each of you hopes to learn" in circle_text
    for user_id in in_circle:  # each learner's goal, escaped
        goal = GOALS[user_id].replace("<", "&lt;").replace(">", "&gt;")
        assert f"<@{user_id}>: {goal}" in circle_text
    assert "Each of you, say which suit you" in circle_text
    assert "runs for about three months" in circle_text
    peer_text = next(text for text in group_posts if "Meet your peer circle" in text)
    assert "you'll learn it together" in peer_text and "take turns" in peer_text
    assert sum("circle" in text for text in group_posts) == 2
    assert posts(fake_slack, channel_prefix="D") == []  # no "not matched" DMs

    # App Home shows each person their circle.
    learner = sorted(in_circle)[0]
    words = home_of(slack, fake_slack, learner)
    assert "Your circles" in words and "Python* circle led by <@U1>" in words
    words = home_of(slack, fake_slack, "U1")
    assert "You lead a *Python* circle" in words and "a circle of up to 4" in words

    # Admins see circles counted in the program's health.
    add_person(deps, fake_slack, "UADMIN", "Admin", is_admin=True)
    stats = visible_text(command_reply(slack, fake_slack, "admin stats", user_id="UADMIN"))
    assert "*Active circles*\n2 with 6 learners" in stats
    assert "Nov 23           1     0          0" in stats  # nobody left open


def test_the_next_round_leaves_a_running_circle_alone(deps, fake_slack, slack, clock):
    seed(deps, fake_slack, slack)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    add_person(deps, fake_slack, "U9", "Late", requests={"python": "Catch up"})
    _open_to_circles(slack, "U9")
    clock.advance(days=7)
    tick_and_deliver(deps)
    # Ada leads one Python circle at a time; U9 waits for a mentor.
    assert len(_circles(deps)) == 2
    with deps.sessions() as session:
        late = session.scalar(
            select(MentoringRequest.status)
            .join(Member, Member.id == MentoringRequest.member_id)
            .where(Member.slack_user_id == "U9")
        )
    assert late == RequestStatus.OPEN


def test_forget_me_takes_a_person_out_of_their_circle(deps, fake_slack, slack, clock):
    seed(deps, fake_slack, slack)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    peer_circle = _circles(deps)[1]
    command_reply(slack, fake_slack, "forget-me", user_id="U6")
    action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget", user_id="U6")
    assert _members(deps, peer_circle.id) == dict.fromkeys(("U7", "U8"), CircleRole.LEARNER)
    with deps.sessions() as session:
        about = session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.idempotency_key.startswith(f"circle={peer_circle.id}:"))
        )
    assert about == 0
    words = home_of(slack, fake_slack, "U7")
    assert "peer circle with <@U8>" in words and "U6" not in words


def _circle_checkins(fake_slack, channel: str):
    return [
        call
        for call in posts(fake_slack, channel_prefix="G")
        if call.params["channel"] == channel and ids.CIRCLE_CHECKIN_MET in buttons(call)
    ]


def test_a_circle_checks_in_with_each_member_and_ends_when_its_time_is_up(
    deps, fake_slack, slack, clock
):
    seed(deps, fake_slack, slack)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    mentor_circle = _circles(deps)[0]
    members = _members(deps, mentor_circle.id)
    intro = next(
        call
        for call in posts(fake_slack, channel_prefix="G")
        if "Meet your circle" in visible_text(call.params)
    )
    channel = intro.params["channel"]
    assert _circle_checkins(fake_slack, channel) == []  # not in its first day

    clock.advance(days=7)
    tick_and_deliver(deps)
    [checkin] = _circle_checkins(fake_slack, channel)
    words = visible_text(checkin.params)
    assert "how is your *Python* circle going? Each of you, answer for yourself" in words
    assert all(f"<@{user}>" in words for user in members)
    checkin_id = buttons(checkin)[ids.CIRCLE_CHECKIN_MET]

    learner = next(user for user, role in members.items() if role == CircleRole.LEARNER)
    reply = action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_MET, value=checkin_id,
                         user_id="U1")  # fmt: skip
    assert "thanks for letting us know you met" in visible_text(reply)
    again = action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_MET, value=checkin_id,
                         user_id="U1")  # fmt: skip
    assert "Already noted" in visible_text(again)
    action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_NOT_YET, value=checkin_id,
                 user_id=learner)  # fmt: skip
    outsider = action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_MET, value=checkin_id,
                            user_id="U6")  # fmt: skip
    assert "a circle you're not in" in visible_text(outsider)
    forged = action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_MET, value="nonsense",
                          user_id="U1")  # fmt: skip
    assert "nothing was changed" in visible_text(forged)
    with deps.sessions() as session:
        answers = session.execute(
            select(Member.slack_user_id, CircleCheckInAnswer.answer).join(
                Member, Member.id == CircleCheckInAnswer.member_id
            )
        ).all()
    assert sorted(answers) == sorted([("U1", "met"), (learner, "not_yet")])

    # About three months later the circle ends, with a thank-you to everyone in it. It
    # meets every week (Ada says so), so it is never nudged nor closed for silence.
    for _ in range(13):
        clock.advance(days=7)
        tick_and_deliver(deps)
        latest = _circle_checkins(fake_slack, channel)[-1]
        action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_MET,
                     value=buttons(latest)[ids.CIRCLE_CHECKIN_MET], user_id="U1")  # fmt: skip
    with deps.sessions() as session:
        ended = session.get(Circle, mentor_circle.id)
        assert ended.status == CircleStatus.ENDED and ended.ended_at is not None
        numbers = session.scalars(
            select(CircleCheckIn.number).where(CircleCheckIn.circle_id == mentor_circle.id)
        ).all()
    # Weekly for its 12 weeks: weeks 1 to 11 have a check-in, week 12 its end.
    assert numbers == list(range(1, 12))
    ending = [
        call
        for call in posts(fake_slack, channel_prefix="G")
        if call.params["channel"] == channel and "planned end" in visible_text(call.params)
    ]
    assert len(ending) == 1
    assert "each of you could share one thing you learned" in visible_text(ending[0].params)

    # Each member shares, privately, how the circle worked for them.
    circle_value = buttons(ending[0])[ids.CIRCLE_FEEDBACK]
    slack.action(ids.CIRCLE_FEEDBACK, value=circle_value, user_id=learner)
    form = wait_for_single_opened_view(fake_slack, ids.CIRCLE_FEEDBACK_MODAL)
    assert "How did the *Python* circle work for you?" in visible_text(form)
    unpicked = slack.submit_view(ids.CIRCLE_FEEDBACK_MODAL, values={}, user_id=learner,
                                 private_metadata=form["private_metadata"])  # fmt: skip
    assert unpicked.json() == {
        "response_action": "errors",
        "errors": {ids.CIRCLE_FEEDBACK_RATING: "Pick one, or close this window."},
    }
    values = {
        ids.CIRCLE_FEEDBACK_RATING: {ids.CIRCLE_FEEDBACK_RATING: radio_buttons("helped")},
        ids.CIRCLE_FEEDBACK_LEARNED: {
            ids.CIRCLE_FEEDBACK_LEARNED: plain_text_input("pytest <fixtures>")
        },
    }
    sent = slack.submit_view(ids.CIRCLE_FEEDBACK_MODAL, values=values, user_id=learner,
                             private_metadata=form["private_metadata"])  # fmt: skip
    assert "Thank you!" in visible_text(sent.json()["view"])
    twice = slack.submit_view(ids.CIRCLE_FEEDBACK_MODAL, values=values, user_id=learner,
                              private_metadata=form["private_metadata"])  # fmt: skip
    assert "You already answered for this circle" in visible_text(twice.json()["view"])
    outsider = action_reply(slack, fake_slack, ids.CIRCLE_FEEDBACK, value=circle_value,
                            user_id="U6")  # fmt: skip
    assert "a circle you're not in" in visible_text(outsider)
    with deps.sessions() as session:
        rows = session.execute(
            select(Member.slack_user_id, CircleFeedback.rating, CircleFeedback.learned).join(
                Member, Member.id == CircleFeedback.member_id
            )
        ).all()
    assert rows == [(learner, "helped", "pytest <fixtures>")]
    late = action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_MET, value=checkin_id,
                        user_id=learner)  # fmt: skip
    assert "already ended" in visible_text(late)
    assert "Your circles" not in home_of(slack, fake_slack, learner)


def test_a_quiet_circle_is_nudged_then_closed_kindly(deps, fake_slack, slack, clock):
    """Nobody in the circle answers: the third check-in carries a nudge to each of them,
    and after four silent check-ins the circle is closed in its group DM."""
    seed(deps, fake_slack, slack)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    mentor_circle = _circles(deps)[0]
    intro = next(
        call
        for call in posts(fake_slack, channel_prefix="G")
        if "Meet your circle" in visible_text(call.params)
    )
    channel = intro.params["channel"]
    for _ in range(4):
        clock.advance(days=7)
        tick_and_deliver(deps)
    checkins = _circle_checkins(fake_slack, channel)
    assert len(checkins) == 4
    nudged = [visible_text(c.params) for c in checkins if ":seedling:" in visible_text(c.params)]
    assert nudged == [visible_text(checkins[2].params)]
    assert "It's been 2 check-ins without a meeting. Getting a group together" in nudged[0]
    assert "could one of you suggest a 45-minute slot this week?" in nudged[0]
    with deps.sessions() as session:
        assert session.get(Circle, mentor_circle.id).status == CircleStatus.ACTIVE

    # One answer would have kept it open; nobody answered, so the fifth week closes it.
    clock.advance(days=7)
    tick_and_deliver(deps)
    with deps.sessions() as session:
        closed = session.get(Circle, mentor_circle.id)
        assert closed.status == CircleStatus.ENDED and closed.ended_at is not None
    assert len(_circle_checkins(fake_slack, channel)) == 4
    [message] = [
        call
        for call in posts(fake_slack, channel_prefix="G")
        if call.params["channel"] == channel and "closed it" in visible_text(call.params)
    ]
    words = visible_text(message.params)
    assert "we haven't heard from your *Python* circle for a few weeks" in words
    assert "<@U1>" in words and all(f"<@{user}>" in words for user in LEARNERS[:3])
    clock.advance(days=7)
    tick_and_deliver(deps)
    assert len(_circle_checkins(fake_slack, channel)) == 4  # nothing more for a closed circle


def _a_learners_first_checkin(deps, fake_slack, slack, clock):
    """The round forms the seeded circles; a week on, a learner's first check-in arrives.
    Returns that learner and the check-in message."""
    seed(deps, fake_slack, slack)
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    members = _members(deps, _circles(deps)[0].id)
    learner = next(user for user, role in members.items() if role == CircleRole.LEARNER)
    clock.advance(days=7)
    tick_and_deliver(deps)
    [checkin] = [
        call
        for call in posts(fake_slack, channel_prefix="G")
        if ids.CIRCLE_CHECKIN_MET in buttons(call) and learner in visible_text(call.params)
    ]
    return learner, checkin


def test_each_member_keeps_a_private_note_on_a_circle_checkin(deps, fake_slack, slack, clock):
    """Private note on a circle's check-in: a modal, saved for that member only, never
    posted anywhere; an empty note is answered under the box; outsiders can't open it;
    forget-me deletes it."""
    learner, checkin = _a_learners_first_checkin(deps, fake_slack, slack, clock)
    assert "only you ever see your note" in visible_text(checkin.params)
    checkin_id = buttons(checkin)[ids.CIRCLE_CHECKIN_NOTE]

    slack.action(ids.CIRCLE_CHECKIN_NOTE, value=checkin_id, user_id=learner)
    fake_slack.wait_for("views.open")
    view = wait_for_single_opened_view(fake_slack, ids.CIRCLE_NOTE_MODAL)
    assert "not the others in your circle, not the admins" in visible_text(view)
    secret = "The pace is <too fast> for me & I'm shy to say"
    values = {ids.CHECKIN_NOTE_TEXT: {ids.CHECKIN_NOTE_TEXT: secret}}
    saved = slack.submit_view(ids.CIRCLE_NOTE_MODAL, values=values, user_id=learner,
                              private_metadata=view["private_metadata"])  # fmt: skip
    assert saved.json()["response_action"] == "update"
    assert "Only you can see it" in visible_text(saved.json()["view"])
    empty = slack.submit_view(ids.CIRCLE_NOTE_MODAL, values={}, user_id=learner,
                              private_metadata=view["private_metadata"])  # fmt: skip
    assert empty.json() == {
        "response_action": "errors",
        "errors": {ids.CHECKIN_NOTE_TEXT: "Write something, or close this window."},
    }
    outsider = action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_NOTE, value=checkin_id,
                            user_id="U6")  # fmt: skip
    assert "a circle you're not in" in visible_text(outsider)
    forged = slack.submit_view(ids.CIRCLE_NOTE_MODAL, values=values, user_id="U6",
                               private_metadata=view["private_metadata"])  # fmt: skip
    assert forged.json()["response_action"] == "errors"

    # Opened again, the modal shows the member's own note to edit.
    slack.action(ids.CIRCLE_CHECKIN_NOTE, value=checkin_id, user_id=learner)
    fake_slack.wait_for("views.open", count=2)
    reopened = fake_slack.calls_to("views.open")[-1].params["view"]
    assert secret in json.dumps(reopened, ensure_ascii=False)
    with deps.sessions() as session:
        rows = session.execute(
            select(Member.slack_user_id, CircleCheckInNote.note).join(
                Member, Member.id == CircleCheckInNote.member_id
            )
        ).all()
    assert rows == [(learner, secret)]
    assert not [c for c in fake_slack.calls_to("chat.postMessage")
                if "too fast" in json.dumps(c.params)]  # fmt: skip

    listed = command_reply(slack, fake_slack, "forget-me", user_id=learner)
    assert "1 private check-in note" in visible_text(listed)
    action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget", user_id=learner)
    with deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(CircleCheckInNote)) == 0


def test_need_help_in_a_circle_tells_the_admins_in_the_members_words(
    deps, fake_slack, slack, clock, settle
):
    """Need help on a circle's check-in: a modal asks what would help; each program admin
    gets a DM naming the member and the circle, with their words escaped; asking twice on
    one check-in tells the admins once; outsiders are refused."""
    add_admin_user(fake_slack)
    learner, checkin = _a_learners_first_checkin(deps, fake_slack, slack, clock)
    checkin_id = buttons(checkin)[ids.CIRCLE_CHECKIN_NEED_HELP]

    slack.action(ids.CIRCLE_CHECKIN_NEED_HELP, value=checkin_id, user_id=learner)
    view = wait_for_single_opened_view(fake_slack, ids.CIRCLE_HELP_MODAL)
    assert "The others in your circle don't see it" in visible_text(view)
    said = "The pace is <fast> & I'd rather learn one to one"
    values = {ids.CHECKIN_HELP_TEXT: {ids.CHECKIN_HELP_TEXT: said}}
    sent = slack.submit_view(ids.CIRCLE_HELP_MODAL, values=values, user_id=learner,
                             private_metadata=view["private_metadata"])  # fmt: skip
    assert sent.json()["response_action"] == "update"
    assert "admins have been told" in visible_text(sent.json()["view"])
    again = slack.submit_view(ids.CIRCLE_HELP_MODAL, values=values, user_id=learner,
                              private_metadata=view["private_metadata"])  # fmt: skip
    assert "Already noted" in visible_text(again.json()["view"])
    outsider = action_reply(slack, fake_slack, ids.CIRCLE_CHECKIN_NEED_HELP, value=checkin_id,
                            user_id="U6")  # fmt: skip
    assert "a circle you're not in" in visible_text(outsider)
    forged = slack.submit_view(ids.CIRCLE_HELP_MODAL, values=values, user_id="U6",
                               private_metadata=view["private_metadata"])  # fmt: skip
    assert forged.json()["response_action"] == "errors"
    settle()
    tick_and_deliver(deps)
    to_admin = [
        c
        for c in posts(fake_slack, channel_prefix="D")
        if "asked for help" in visible_text(c.params)
    ]
    assert len(to_admin) == 1
    words = visible_text(to_admin[0].params)
    assert f"<@{learner}>, in a *Python* circle with <@U1>" in words
    assert "The pace is &lt;fast&gt; &amp; I'd rather learn one to one" in words
    [opened] = [c for c in fake_slack.calls_to("conversations.open") if c.params["users"] == ADMIN]
    assert opened.response["channel"]["id"] == to_admin[0].params["channel"]
    with deps.sessions() as session:
        rows = session.execute(
            select(Member.slack_user_id, CircleHelpRequest.said).join(
                Member, Member.id == CircleHelpRequest.member_id
            )
        ).all()
    assert rows == [(learner, said)]

    # The first admin to click "I'll reach out" takes it on; the member is told who.
    take = buttons(to_admin[0])[ids.CIRCLE_HELP_TAKE]
    stranger = action_reply(slack, fake_slack, ids.CIRCLE_HELP_TAKE, value=take, user_id="U6")
    assert "only program admins can do that" in visible_text(stranger)
    taken = action_reply(slack, fake_slack, ids.CIRCLE_HELP_TAKE, value=take, user_id=ADMIN)
    assert f"<@{learner}> knows you'll reach out" in visible_text(taken)
    again = action_reply(slack, fake_slack, ids.CIRCLE_HELP_TAKE, value=take, user_id=ADMIN)
    assert f"<@{learner}> knows you'll reach out" in visible_text(again)
    forged = action_reply(slack, fake_slack, ids.CIRCLE_HELP_TAKE, value="nonsense",
                          user_id=ADMIN)  # fmt: skip
    assert "no longer known" in visible_text(forged)
    settle()
    tick_and_deliver(deps)
    told = [
        call
        for call in posts(fake_slack, channel_prefix="D")
        if "will reach out to you about your circle" in visible_text(call.params)
    ]
    assert len(told) == 1 and f"<@{ADMIN}>" in visible_text(told[0].params)
    with deps.sessions() as session:
        assert session.scalars(select(CircleHelpRequest.taken_by)).all() == [ADMIN]
