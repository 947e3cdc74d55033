"""Uninstalls, revoked tokens, deleted users and Slack's retries, through the real app
with signed Events API payloads."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bot.core.deps import Deps
from bot.db.models import (
    Base,
    EndReason,
    Member,
    MentoringRequest,
    Offer,
    OutboxMessage,
    Pair,
    PairStatus,
    ProcessedEvent,
    RequestStatus,
    slack_bots,
    slack_installations,
)
from bot.db.session import transaction
from bot.delivery.outbox import enqueue
from bot.delivery.sender import send_due_messages
from tests.conftest import SIGNING_SECRET
from tests.e2e.cycle_helpers import add_person, deliver, finish_setup, pairs, tick_and_deliver
from tests.e2e.helpers import command_reply, visible_text
from tests.support.oauth import running
from tests.support.slack_requests import SlackClient
from tests.support.transports import wait_for_listeners
from tests.support.waiting import wait_until

UNINSTALLED = {"type": "app_uninstalled"}
BOT_REVOKED = {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}}


def rows_of(sessions, team_id: str) -> dict[str, int]:
    """How many rows each table holds for the workspace (tables with none left out)."""
    counts = {}
    with sessions() as session:
        for table in Base.metadata.sorted_tables:
            if "team_id" in table.c and table.name != ProcessedEvent.__tablename__:
                found = session.scalar(
                    select(func.count()).select_from(table).where(table.c.team_id == team_id)
                )
                if found:
                    counts[table.name] = found
    return counts


def seed_workspace(slack, fake_slack, deps: Deps, team_id: str) -> None:
    """A workspace in use: people with offers and requests, messages waiting to go out."""
    for user in ("U1", "U2"):
        fake_slack.add_user(user, team_id=team_id)
    command_reply(slack, fake_slack, "offer python, public speaking", team_id=team_id)
    command_reply(slack, fake_slack, "request negotiation", user_id="U2", team_id=team_id)
    with transaction(deps.sessions) as session:
        for key in ("intro:pair=1", "checkin:pair=1"):
            enqueue(
                session,
                team_id=team_id,
                key=key,
                kind=key.split(":")[0],
                text="Hello both!",
                not_before=deps.clock(),
                users=["U1", "U2"],
            )


@pytest.mark.parametrize(
    "events",
    [
        [UNINSTALLED],
        [BOT_REVOKED],
        [UNINSTALLED, BOT_REVOKED],
        [BOT_REVOKED, UNINSTALLED],
        [UNINSTALLED, UNINSTALLED],
    ],
    ids=["uninstalled", "revoked", "uninstalled-then-revoked", "revoked-then-uninstalled", "twice"],
)
def test_leaving_deletes_the_workspace_and_nothing_else(
    slack, fake_slack, deps, sessions, settle, events
):
    fake_slack.add_workspace("T2", bot_token="xoxb-test-2")
    seed_workspace(slack, fake_slack, deps, "T1")
    seed_workspace(slack, fake_slack, deps, "T2")
    assert {"members", "offers", "requests", "outbox_messages"} <= rows_of(sessions, "T1").keys()
    others_before = rows_of(sessions, "T2")

    for event in events:
        assert slack.event(event, team_id="T1").status == 200
        wait_until(lambda: rows_of(sessions, "T1") == {})
    settle()
    assert rows_of(sessions, "T1") == {}
    assert rows_of(sessions, "T2") == others_before

    # The queued messages went with the workspace: the sender has nothing of T1's to send.
    assert send_due_messages(deps) == 2
    with sessions() as session:
        assert set(session.scalars(select(OutboxMessage.team_id))) == {"T2"}


def test_revoking_only_user_tokens_keeps_the_workspace(slack, fake_slack, deps, sessions, settle):
    seed_workspace(slack, fake_slack, deps, "T1")
    before = rows_of(sessions, "T1")
    event = {"type": "tokens_revoked", "tokens": {"oauth": ["U1"], "bot": []}}
    assert slack.event(event).status == 200
    settle()
    assert rows_of(sessions, "T1") == before


def test_a_retried_event_is_handled_once(slack, fake_slack, sessions, settle):
    fake_slack.add_user("U1")
    home = {"type": "app_home_opened", "user": "U1", "tab": "home", "event_ts": "1.0"}
    assert slack.event(home, event_id="Ev-home-1").status == 200
    fake_slack.wait_for("views.publish")
    for retry in (1, 2, 3):
        response = slack.event(home, event_id="Ev-home-1", retry_num=retry)
        assert response.status == 200
    settle()
    assert len(fake_slack.calls_to("views.publish")) == 1
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) == 1


def test_a_retried_uninstall_after_a_reinstall_deletes_nothing(
    slack, fake_slack, deps, sessions, settle
):
    assert slack.event(UNINSTALLED, event_id="Ev-bye").status == 200
    settle()  # the uninstall is done with
    assert _processed(sessions) == 1
    seed_workspace(slack, fake_slack, deps, "T1")  # they came back
    settle()
    before = rows_of(sessions, "T1")
    assert slack.event(UNINSTALLED, event_id="Ev-bye", retry_num=1).status == 200
    settle()
    assert rows_of(sessions, "T1") == before


def _processed(sessions) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(ProcessedEvent))


def test_events_seen_long_ago_are_forgotten(slack, fake_slack, clock, sessions, deps):
    fake_slack.add_user("U1")
    home = {"type": "app_home_opened", "user": "U1", "tab": "home", "event_ts": "1.0"}
    slack.event(home, event_id="Ev-old")
    clock.advance(days=4)
    slack.event(home, event_id="Ev-new")
    tick_and_deliver(deps)  # the minute tick forgets what Slack will never retry
    with sessions() as session:
        assert list(session.scalars(select(ProcessedEvent.event_id))) == ["Ev-new"]


def test_a_deleted_slack_user_is_taken_out_of_mentoring(slack, fake_slack, sessions):
    fake_slack.add_user("U1")
    command_reply(slack, fake_slack, "offer python")
    gone = {"type": "user_change", "user": {"id": "U1", "team_id": "T1", "deleted": True}}
    assert slack.event(gone).status == 200

    def inactive() -> bool:
        with sessions() as session:
            return (
                session.scalar(select(Member.active).where(Member.slack_user_id == "U1")) is False
            )

    wait_until(inactive)
    reply = command_reply(slack, fake_slack, "offer go")
    assert "deactivated" in visible_text(reply)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Offer)) == 1  # nothing new


def test_a_change_to_someone_still_here_changes_nothing(slack, fake_slack, sessions, settle):
    fake_slack.add_user("U1")
    command_reply(slack, fake_slack, "offer python")
    renamed = {"type": "user_change", "user": {"id": "U1", "team_id": "T1", "deleted": False}}
    assert slack.event(renamed).status == 200
    settle()
    with sessions() as session:
        assert session.scalar(select(Member.active)) is True


@pytest.mark.parametrize("first", [UNINSTALLED, BOT_REVOKED], ids=["uninstalled", "revoked"])
def test_leaving_removes_the_installation_in_oauth_mode(oauth_deps, fake_slack, sessions, first):
    with running(oauth_deps) as bot:
        bot.install(fake_slack, code="code-A", team_id="TA")
        bot.install(fake_slack, code="code-B", team_id="TB")
        slack = SlackClient(bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack, team_id="TA")
        seed_workspace(slack, fake_slack, oauth_deps, "TA")
        assert {"slack_installations", "slack_bots", "members"} <= rows_of(sessions, "TA").keys()

        assert slack.event(first, team_id="TA").status == 200
        wait_until(lambda: rows_of(sessions, "TA") == {})
        second = BOT_REVOKED if first is UNINSTALLED else UNINSTALLED
        assert slack.event(second, team_id="TA").status == 200  # no installation left: still fine
        wait_for_listeners(bot.app)
        assert rows_of(sessions, "TA") == {}
        with sessions() as session:
            for table in (slack_installations, slack_bots):
                teams = session.scalars(select(table.c.team_id)).all()
                assert teams == ["TB"]

        # Someone in the removed workspace is told so; nothing is stored for them.
        reply = command_reply(slack, fake_slack, "offer python", team_id="TA")
        assert "isn't installed" in visible_text(reply)
    assert rows_of(sessions, "TA") == {}
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_a_deleted_user_in_a_pair_ends_it_kindly_and_gets_nothing_more(
    slack, fake_slack, deps, clock, sessions, settle
):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4}, requests={"go": "Learn go"})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    with transaction(deps.sessions) as session:
        for key, users in (("to-ada", ["U1"]), ("to-both", ["U1", "U2"]), ("to-grace", ["U2"])):
            enqueue(session, team_id="T1", key=key, kind="test", text="Soon",
                    not_before=clock(), users=users)  # fmt: skip
    mark = len(fake_slack.calls)

    gone = {"type": "user_change", "user": {"id": "U1", "team_id": "T1", "deleted": True}}
    assert slack.event(gone, event_id="Ev-gone").status == 200

    def ended() -> bool:
        with sessions() as session:
            return session.get(Pair, pair.id).status == PairStatus.ENDED

    wait_until(ended)
    for retry in (1, 2):  # Slack's retries, and the same news in a later event
        assert slack.event(gone, event_id="Ev-gone", retry_num=retry).status == 200
    assert slack.event(gone, event_id="Ev-gone-again").status == 200
    settle()

    with sessions() as session:
        row = session.get(Pair, pair.id)
        assert row.end_reason == EndReason.LEFT
        assert session.get(MentoringRequest, row.request_id).status == RequestStatus.OPEN
        ada = session.scalar(select(Member).where(Member.slack_user_id == "U1"))
        assert ada.active is False
        statuses = {
            m.idempotency_key: m.status
            for m in session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "test"))
        }
        assert statuses == {"to-ada": "dropped", "to-both": "dropped", "to-grace": "pending"}
        assert not session.scalars(
            select(MentoringRequest).where(
                MentoringRequest.member_id == ada.id, MentoringRequest.status == "open"
            )
        ).all()

    deliver(deps)
    posted = [c for c in fake_slack.calls[mark:] if c.method == "chat.postMessage"]
    notices = [c for c in posted if "has ended" in visible_text(c.params)]
    assert len(notices) == 1 and "back in the queue" in visible_text(notices[0].params)
    since = fake_slack.calls[mark:]
    opened = [c.params["users"] for c in since if c.method == "conversations.open"]
    assert all("U1" not in users for users in opened)
    assert all("U1" not in json.dumps(c.params) for c in posted)
    homes = [c for c in fake_slack.calls[mark:] if c.method == "views.publish"]
    assert [c.params["user_id"] for c in homes] == ["U2"]
