"""Two workspaces installed over OAuth, with the same user ids (U1, U2, U3) in both:
everything done in one — every command, button, modal, options request, App Home, a
round, the export, the stats, forget-me, a deleted user, forged clicks carrying the other
workspace's ids — leaves the other's rows exactly as they were, makes no Slack call with
the other's token, and shows nothing of the other's (each has a skill only it knows).

Enterprise Grid: two workspaces of one organisation keep the organisation's id and stay
apart all the same.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.core import ids
from bot.core.deps import Deps
from bot.db.models import Base, CheckIn, Member, Pair, Workspace
from bot.delivery.sender import send_due_messages
from bot.slack.tokens import bot_token_for
from bot.ui.expectations import pair_metadata
from tests.conftest import SIGNING_SECRET
from tests.e2e.admin_helpers import home_buttons
from tests.e2e.cycle_helpers import deliver, finish_setup, tick_and_deliver
from tests.e2e.helpers import action_reply, command_answer, command_reply, visible_text
from tests.e2e.modal_support import known, offer_values
from tests.support import slack_requests as sr
from tests.support.fake_slack import FakeSlack
from tests.support.oauth import OAuthBot, running
from tests.support.slack_requests import SlackClient
from tests.support.waiting import wait_until

# The skill only each workspace knows, so that anything read across would show.
ONLY_IN = {"TA": "Knitting", "TB": "Sourdough baking"}
PEOPLE = {"U1": "Ada", "U2": "Grace", "U3": "Linus"}


@dataclass
class Space:
    team_id: str
    slack: SlackClient
    token: str
    pair_id: int
    checkin_id: int


@dataclass
class Two:
    bot: OAuthBot
    spaces: dict[str, Space]


def seed(slack: SlackClient, fake: FakeSlack, team_id: str) -> None:
    for user, name in PEOPLE.items():
        fake.add_user(user, team_id=team_id, display_name=name, is_admin=user == "U1")
    only = ONLY_IN[team_id]
    for user, text in (
        ("U1", "offer python level 4"),
        ("U2", "request python"),
        ("U3", f"offer go, {only}"),
        ("U2", f"request {only}"),
    ):
        command_answer(slack, fake, text, user_id=user)


@pytest.fixture
def two(oauth_deps, fake_slack, clock) -> Iterator[Two]:
    """TA and TB installed, each with a program: a pair per skill, intros and a check-in."""
    with running(oauth_deps) as bot:
        clients = {}
        for team_id in ("TA", "TB"):
            bot.install(fake_slack, code=f"code-{team_id}", team_id=team_id)
            clients[team_id] = SlackClient(
                bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack, team_id=team_id
            )
            seed(clients[team_id], fake_slack, team_id)
            finish_setup(oauth_deps, team_id)
        clock.advance(hours=1)  # Monday 09:00: both workspaces' rounds
        tick_and_deliver(oauth_deps)
        clock.advance(days=7)  # the first check-ins
        tick_and_deliver(oauth_deps)
        spaces = {}
        with oauth_deps.sessions() as session:
            for team_id, client in clients.items():
                python_pair = session.scalar(
                    select(Pair).where(Pair.team_id == team_id).order_by(Pair.id)
                )
                assert python_pair.mentor.slack_user_id == "U1"
                checkin = session.scalar(select(CheckIn).where(CheckIn.pair_id == python_pair.id))
                spaces[team_id] = Space(
                    team_id=team_id,
                    slack=client,
                    token=fake_slack.workspace(team_id).bot_token,
                    pair_id=python_pair.id,
                    checkin_id=checkin.id,
                )
        assert send_due_messages(oauth_deps) == 0  # nothing left waiting in either
        yield Two(bot=bot, spaces=spaces)


def rows_of(sessions, team_id: str) -> dict[str, list[str]]:
    """Every row of every table that belongs to the workspace, as comparable text."""
    found = {}
    with sessions() as session:
        for table in Base.metadata.sorted_tables:
            if "team_id" not in table.c:
                continue
            rows = session.execute(select(table).where(table.c.team_id == team_id)).all()
            found[table.name] = sorted(repr(tuple(row)) for row in rows)
    return found


@contextmanager
def untouched(fake: FakeSlack, sessions, victim: Space) -> Iterator[None]:
    """The victim's rows are identical afterwards, and no call used its token."""
    before = rows_of(sessions, victim.team_id)
    mark = len(fake.calls)
    yield
    assert rows_of(sessions, victim.team_id) == before
    theirs = [c for c in fake.calls[mark:] if c.token == victim.token]
    assert theirs == [], fake.describe_calls(theirs)


def open_view(fake: FakeSlack, mark: int, callback_id: str) -> dict[str, Any]:
    calls = fake.wait_for(
        "views.open",
        where=lambda c: (
            c.params["view"].get("callback_id") == callback_id and fake.calls.index(c) >= mark
        ),
    )
    return calls[-1].params["view"]


def exercise(fake: FakeSlack, deps: Deps, me: Space, other: Space) -> None:
    """Everything a workspace's people and admins can do, some of it aimed at `other`."""
    slack = me.slack
    # Commands, as a participant and as the program admin (U1).
    for text in (
        "help", "list", "offer rust level 2", "request sql", "remove offer rust",
        "find python", "skills", "pause", "resume", "profile",
        "offer", "request", "admin", "admin stats", "admin preview", "admin skip",
        "admin unskip", "admin list", "admin add <@U3>", "admin remove <@U3>", "admin chart",
        "admin export",
    ):  # fmt: skip
        command_answer(slack, fake, text, user_id="U1")
    fake.wait_for("files.completeUploadExternal", count=2)
    # Looking for the other workspace's skill finds nobody (the reply echoes what was typed,
    # so it is left out of the "never shown" check below).
    found = command_reply(slack, fake, f"find {ONLY_IN[other.team_id]}", user_id="U2")
    assert "Nobody listed" in visible_text(found)

    # Modals: an offer and a request through their forms.
    slack.submit_view(ids.OFFER_MODAL, values=offer_values([known("python")], level="5"),
                      user_id="U1")  # fmt: skip
    # Options requests (skill and time-zone autocomplete).
    for action_id in (ids.OFFER_SKILLS_INPUT, ids.REQUEST_SKILL_INPUT):
        options = slack.options(action_id, ONLY_IN[other.team_id][:4], user_id="U2").json()
        assert ONLY_IN[other.team_id] not in json.dumps(options)
    assert slack.options(ids.ADMIN_TIMEZONE, "lond", user_id="U1").status == 200

    # The pair's buttons and modals, on this workspace's own pair.
    mark = len(fake.calls)
    slack.action(ids.SET_EXPECTATIONS, value=str(me.pair_id), user_id="U2", channel_id="G1")
    view = open_view(fake, mark, ids.EXPECTATIONS_MODAL)
    agreed = {
        ids.EXPECTATIONS_OBJECTIVE: {ids.EXPECTATIONS_OBJECTIVE: "Automate one report"},
        ids.EXPECTATIONS_CONFIDENTIAL: {ids.EXPECTATIONS_CONFIDENTIAL: sr.checkboxes(["agreed"])},
    }
    assert not slack.submit_view(ids.EXPECTATIONS_MODAL, values=agreed, user_id="U2",
                                 private_metadata=view["private_metadata"]).body  # fmt: skip
    soon = int((deps.clock() + timedelta(days=2)).timestamp())
    meeting = {
        ids.FIRST_MEETING_AT: {
            ids.FIRST_MEETING_AT: {"type": "datetimepicker", "selected_date_time": soon}
        }
    }
    assert (
        slack.submit_view(
            ids.FIRST_MEETING_MODAL,
            values=meeting,
            user_id="U1",
            private_metadata=pair_metadata(me.pair_id),
        ).status
        == 200
    )
    help_text = {ids.CHECKIN_HELP_TEXT: {ids.CHECKIN_HELP_TEXT: "We can't find a time"}}
    action_reply(slack, fake, ids.CHECKIN_MET, value=str(me.checkin_id), user_id="U1")
    note = {ids.CHECKIN_NOTE_TEXT: {ids.CHECKIN_NOTE_TEXT: "Going well"}}
    slack.submit_view(ids.CHECKIN_NOTE_MODAL, values=note, user_id="U1",
                      private_metadata=json.dumps({"checkin": me.checkin_id}))  # fmt: skip

    # Forged: the same people click and submit with the other workspace's pair and check-in.
    for action_id, value in (
        (ids.SET_EXPECTATIONS, other.pair_id), (ids.FIRST_MEETING_SCHEDULED, other.pair_id),
        (ids.NOT_A_FIT, other.pair_id), (ids.CHECKIN_MET, other.checkin_id),
        (ids.CHECKIN_NOT_YET, other.checkin_id), (ids.CHECKIN_NEED_HELP, other.checkin_id),
        (ids.CHECKIN_END, other.checkin_id), (ids.CHECKIN_NOTE, other.checkin_id),
    ):  # fmt: skip
        reply = action_reply(slack, fake, action_id, value=str(value), user_id="U1")
        assert "someone else" in visible_text(reply), (action_id, reply)
    forged = (
        (ids.EXPECTATIONS_MODAL, agreed, pair_metadata(other.pair_id)),
        (ids.NOT_A_FIT_MODAL, {}, pair_metadata(other.pair_id)),
        (ids.CHECKIN_NOTE_MODAL, note, json.dumps({"checkin": other.checkin_id})),
        (ids.FIRST_MEETING_MODAL, meeting, pair_metadata(other.pair_id)),
        (ids.CHECKIN_HELP_MODAL, help_text, json.dumps({"checkin": other.checkin_id})),
        (ids.FEEDBACK_MODAL,
         {ids.FEEDBACK_DECISION: {ids.FEEDBACK_DECISION: sr.radio_buttons("end")}},
         pair_metadata(other.pair_id, cycle=1, ending_now=True)),
    )  # fmt: skip
    for callback_id, values, metadata in forged:
        answer = slack.submit_view(callback_id, values=values, user_id="U1",
                                   private_metadata=metadata).json()  # fmt: skip
        assert answer["response_action"] == "errors", (callback_id, answer)
        assert "someone else" in json.dumps(answer)

    # App Home for everyone, then a round from it (Run now), and the messages it queued.
    for user in PEOPLE:
        mark = len(fake.calls)
        me.slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
        fake.wait_for(
            "views.publish",
            where=lambda c, u=user, m=mark: c.params["user_id"] == u and fake.calls.index(c) >= m,
        )
    home = [c for c in fake.calls_to("views.publish") if c.params["user_id"] == "U1"][-1]
    period = home_buttons(home.params["view"])[ids.ADMIN_RUN_NOW]
    home_tab = sr.modal_view("", view_type="home", view_id="VHOMEU1", team_id=me.team_id)
    slack.action(ids.ADMIN_RUN_NOW, user_id="U1", value=period, view=home_tab)
    fake.wait_for("views.update", where=lambda c: "The round ran" in visible_text(c.params["view"]))

    # Someone forgets themselves, and Slack deletes someone else: same ids as over there.
    command_reply(slack, fake, "forget-me", user_id="U3")
    action_reply(slack, fake, ids.FORGET_ME_CONFIRM, value="forget", user_id="U3")
    gone = {"type": "user_change", "user": {"id": "U2", "team_id": me.team_id, "deleted": True}}
    slack.event(gone, event_id=f"Ev-{uuid.uuid4().hex[:8]}")
    fake.wait_for("views.publish", where=lambda c: c.params["user_id"] == "U1", count=1)
    wait_until(lambda: _member_active(deps, me.team_id, "U2") is False)
    deliver(deps)


def _member_active(deps: Deps, team_id: str, user_id: str) -> bool | None:
    with deps.sessions() as session:
        return session.scalar(
            select(Member.active).where(Member.team_id == team_id, Member.slack_user_id == user_id)
        )


@pytest.mark.parametrize(("mine", "theirs"), [("TA", "TB"), ("TB", "TA")])
def test_nothing_done_in_one_workspace_reads_or_changes_the_other(
    two, fake_slack, oauth_deps, sessions, mine, theirs
):
    me, other = two.spaces[mine], two.spaces[theirs]
    mark = len(fake_slack.calls)
    with untouched(fake_slack, sessions, other):
        exercise(fake_slack, oauth_deps, me, other)

    # What this workspace saw never held the other's data.
    shown = json.dumps(
        [c.params for c in fake_slack.calls[mark:] if "Nobody listed" not in json.dumps(c.params)],
        ensure_ascii=False,
    )
    assert ONLY_IN[other.team_id] not in shown
    exported = b"".join(
        u.data for u in fake_slack.uploads if u.filename.endswith(".csv")
    ).decode()  # the export went to this workspace's admin only
    assert {u.team_id for u in fake_slack.uploads} == {me.team_id}
    assert ONLY_IN[me.team_id] in exported and ONLY_IN[other.team_id] not in exported
    # And this workspace's own changes did happen (so the check above had teeth).
    with sessions() as session:
        assert session.get(Pair, me.pair_id).status == "ended"  # U2 was deleted here
        assert session.get(Pair, other.pair_id).status == "active"
        assert _member_active(oauth_deps, other.team_id, "U2") is True
        linus = select(Member).where(Member.slack_user_id == "U3")
        assert [m.team_id for m in session.scalars(linus)] == [other.team_id]


def test_enterprise_grid_workspaces_keep_their_organisation_and_stay_apart(
    oauth_deps, fake_slack, sessions
):
    with running(oauth_deps) as bot:
        clients = {}
        for team_id in ("TE1", "TE2"):
            bot.install(fake_slack, code=f"code-{team_id}", team_id=team_id, enterprise_id="E1")
            fake_slack.add_user("U1", team_id=team_id, enterprise_id="E1", is_admin=True)
            clients[team_id] = SlackClient(
                bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack, team_id=team_id
            )
        command_reply(clients["TE1"], fake_slack, "offer python", enterprise_id="E1")
        command_reply(clients["TE2"], fake_slack, "offer go", enterprise_id="E1")
        published = fake_slack.wait_for("views.publish", count=2)  # after the replies
        assert {c.params["team_id"] for c in published} == {"TE1", "TE2"}
        tokens = {t: fake_slack.workspace(t).bot_token for t in clients}
        info = fake_slack.calls_to("users.info")
        assert {c.params["team_id"] for c in info} == {"TE1", "TE2"}
        assert all(c.token == tokens[c.params["team_id"]] for c in info)  # each its own token

        with sessions() as session:
            workspaces = {w.team_id: w.enterprise_id for w in session.scalars(select(Workspace))}
            assert workspaces == {"TE1": "E1", "TE2": "E1"}
            members = {(m.team_id, m.slack_user_id, m.enterprise_id)
                       for m in session.scalars(select(Member))}  # fmt: skip
            assert members == {("TE1", "U1", "E1"), ("TE2", "U1", "E1")}
        for team_id, token in tokens.items():
            assert bot_token_for(oauth_deps, team_id=team_id) == token

        # Forgetting U1 in one workspace of the organisation leaves the other's U1 alone.
        te2 = rows_of(sessions, "TE2")
        command_reply(clients["TE1"], fake_slack, "forget-me", enterprise_id="E1")
        action_reply(clients["TE1"], fake_slack, ids.FORGET_ME_CONFIRM, value="forget",
                     enterprise_id="E1")  # fmt: skip
        assert rows_of(sessions, "TE2") == te2
        listed = command_reply(clients["TE2"], fake_slack, "list", enterprise_id="E1")
        assert "Go" in visible_text(listed)
        with sessions() as session:
            assert [m.team_id for m in session.scalars(select(Member))] == ["TE2"]
