"""The pair's learning log through the real app: "Log a session" on check-ins and App Home,
the entry in the intro's thread, open action items at the next check-in, `/mentor log` and
its Markdown export, and forget-me and uninstall deleting every entry."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.core import ids
from bot.db.models import LogEntry, OutboxMessage
from bot.parsing.log_forms import OWNER_MENTEE
from bot.ui.learning_log import MAX_LISTED_ENTRIES
from tests.e2e.admin_helpers import home_container
from tests.e2e.cycle_helpers import (
    add_person,
    buttons,
    deliver,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import action_reply, command_reply, visible_text
from tests.e2e.test_home_pairs import open_home
from tests.support.waiting import wait_until

COVERED = "Walked through list comprehensions & generators"
ADA_LEARNED = "How Grace's team reads the weekly numbers"
GRACE_LEARNED = "A generator keeps its place between calls"
ACTION = "Rewrite the <monthly> report script with a generator"


def start(deps, fake_slack, clock):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    add_person(deps, fake_slack, "U9", "Mallory", offers={"go": 2})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [pair] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    return pair, intro


def week(deps, clock):
    clock.advance(days=7)
    finish_setup(deps)
    tick_and_deliver(deps)


def checkin_posts(fake_slack):
    return [c for c in posts(fake_slack, channel_prefix="G") if ids.CHECKIN_MET in buttons(c)]


def log_values(covered=COVERED, mentor=ADA_LEARNED, mentee=GRACE_LEARNED, action=ACTION,
               owner=OWNER_MENTEE):  # fmt: skip
    values = {
        ids.LOG_COVERED: {ids.LOG_COVERED: {"type": "plain_text_input", "value": covered}},
        ids.LOG_MENTOR_LEARNED: {
            ids.LOG_MENTOR_LEARNED: {"type": "plain_text_input", "value": mentor}
        },
        ids.LOG_MENTEE_LEARNED: {
            ids.LOG_MENTEE_LEARNED: {"type": "plain_text_input", "value": mentee}
        },
        ids.LOG_ACTION_ITEM: {ids.LOG_ACTION_ITEM: {"type": "plain_text_input", "value": action}},
    }
    selected = {"value": owner, "text": {"type": "plain_text", "text": owner}} if owner else None
    values[ids.LOG_ACTION_OWNER] = {
        ids.LOG_ACTION_OWNER: {"type": "static_select", "selected_option": selected}
    }
    return values


def open_log_modal(slack, fake_slack, pair_id, user_id, **where):
    before = len(fake_slack.calls_to("views.open"))
    slack.action(ids.LOG_SESSION, value=str(pair_id), user_id=user_id, **where)
    fake_slack.wait_for("views.open", count=before + 1)
    return fake_slack.calls_to("views.open")[-1].params["view"]


def submit(slack, view, user_id, values):
    response = slack.submit_view(ids.LOG_SESSION_MODAL, values=values, user_id=user_id,
                                 private_metadata=view["private_metadata"])  # fmt: skip
    return response.json() if response.text else {}


def entries(deps):
    with deps.sessions() as session:
        return list(session.scalars(select(LogEntry).order_by(LogEntry.id)))


def test_a_session_logged_from_a_checkin_goes_to_the_intro_thread_and_its_action_comes_back(
    slack, fake_slack, deps, clock
):
    pair, intro = start(deps, fake_slack, clock)
    week(deps, clock)
    [checkin] = checkin_posts(fake_slack)
    assert buttons(checkin)[ids.LOG_SESSION] == str(pair.id)
    assert "Open action items" not in visible_text(checkin.params)

    view = open_log_modal(slack, fake_slack, pair.id, "U2", channel_id=intro.params["channel"])
    assert view["callback_id"] == ids.LOG_SESSION_MODAL
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    # One field for each person, by name: in a two-way pair both learn.
    assert "One thing Ada learned" in labels and "One thing Grace learned" in labels
    [owner] = [b for b in view["blocks"] if b.get("block_id") == ids.LOG_ACTION_OWNER]
    assert [o["text"]["text"] for o in owner["element"]["options"]] == ["Ada", "Grace"]

    answer = submit(slack, view, "U2", log_values())
    assert answer["response_action"] == "update"
    assert "/mentor log" in visible_text(answer["view"])
    [entry] = entries(deps)
    assert (entry.covered, entry.mentor_learned, entry.mentee_learned, entry.action_item) == (
        COVERED, ADA_LEARNED, GRACE_LEARNED, ACTION
    )  # fmt: skip
    assert entry.action_owner_id == pair.mentee_id and entry.author_id == pair.mentee_id

    deliver(deps)
    [posted] = [c for c in posts(fake_slack, channel_prefix="G") if "logged" in c.params["text"]]
    # In the thread of the pair's intro, in their group message.
    assert posted.params["thread_ts"] == intro.response["ts"]
    assert posted.params["channel"] == intro.params["channel"]
    words = visible_text(posted.params)
    assert "<@U2> logged a session" in words
    assert "*What <@U1> learned*" in words and "*What <@U2> learned*" in words
    assert "list comprehensions &amp; generators" in words  # escaped, never raw mrkdwn
    assert "&lt;monthly&gt;" in words and "*Action item* for <@U2>" in words

    week(deps, clock)
    second = checkin_posts(fake_slack)[-1]
    words = visible_text(second.params)
    assert "Open action items" in words and "&lt;monthly&gt; report script" in words
    done = [
        e["value"]
        for b in second.params["blocks"]
        for e in [b.get("accessory") or {}]
        if e.get("action_id") == ids.LOG_ACTION_DONE
    ]
    assert done == [str(entry.id)]

    # Someone outside the pair can't mark it done.
    refused = action_reply(slack, fake_slack, ids.LOG_ACTION_DONE, value=done[0], user_id="U9")
    assert "someone else's pairing" in visible_text(refused)
    reply = action_reply(slack, fake_slack, ids.LOG_ACTION_DONE, value=done[0], user_id="U1")
    assert "Marked done" in visible_text(reply)
    again = action_reply(slack, fake_slack, ids.LOG_ACTION_DONE, value=done[0], user_id="U2")
    assert "already marked done" in visible_text(again)
    [stored] = entries(deps)
    assert stored.action_done_at == clock.now and stored.action_done_by_id == pair.mentor_id
    deliver(deps)
    [told] = [c for c in posts(fake_slack, channel_prefix="G") if "marked an action" in
              c.params["text"] or "marked an action" in visible_text(c.params)]  # fmt: skip
    assert told.params["thread_ts"] == intro.response["ts"]

    week(deps, clock)
    assert "Open action items" not in visible_text(checkin_posts(fake_slack)[-1].params)


def test_app_home_offers_log_a_session_on_each_pairing(slack, fake_slack, deps, clock):
    pair, _intro = start(deps, fake_slack, clock)
    home = open_home(slack, fake_slack, "U1")
    found = [
        e for b in home["blocks"] for e in b.get("elements") or [] if e.get("action_id")
        == ids.LOG_SESSION
    ]  # fmt: skip
    assert [e["value"] for e in found] == [str(pair.id)]
    view = open_log_modal(slack, fake_slack, pair.id, "U1", view=home_container("U1"))
    answer = submit(slack, view, "U1", log_values(mentee="", action="", owner=None))
    assert answer["response_action"] == "update"
    [entry] = entries(deps)
    assert (entry.mentee_learned, entry.action_item, entry.action_owner_id) == (None, None, None)
    deliver(deps)
    [posted] = [c for c in posts(fake_slack, channel_prefix="G") if "logged" in c.params["text"]]
    words = visible_text(posted.params)
    assert "*What <@U1> learned*" in words and "<@U2> learned" not in words
    assert "Action item" not in words


@pytest.mark.parametrize(
    ("values", "block", "words"),
    [
        (log_values(covered=""), ids.LOG_COVERED, "what you covered"),
        (log_values(covered="x" * 1001), ids.LOG_COVERED, "under 1000"),
        (log_values(mentor="x" * 501), ids.LOG_MENTOR_LEARNED, "under 500"),
        (log_values(owner=None), ids.LOG_ACTION_OWNER, "who will do it"),
        (log_values(action=""), ids.LOG_ACTION_ITEM, "clear its owner"),
        (log_values(owner="U1"), ids.LOG_ACTION_OWNER, "one of the two"),
    ],
    ids=[
        "nothing-covered",
        "too-long",
        "learned-too-long",
        "no-owner",
        "owner-no-action",
        "forged-owner",
    ],
)
def test_a_bad_log_gets_an_answer_under_its_field_and_stores_nothing(
    slack, fake_slack, deps, clock, values, block, words
):
    pair, _intro = start(deps, fake_slack, clock)
    view = open_log_modal(slack, fake_slack, pair.id, "U2")
    answer = submit(slack, view, "U2", values)
    assert answer["response_action"] == "errors"
    assert words in answer["errors"][block]
    assert entries(deps) == []


def test_only_the_pair_can_log_a_session(slack, fake_slack, deps, clock):
    pair, _intro = start(deps, fake_slack, clock)
    refused = action_reply(slack, fake_slack, ids.LOG_SESSION, value=str(pair.id), user_id="U9")
    assert "someone else's pairing" in visible_text(refused)
    view = open_log_modal(slack, fake_slack, pair.id, "U2")
    forged = submit(slack, view, "U9", log_values())
    assert forged["response_action"] == "errors"
    assert "someone else's pairing" in forged["errors"][ids.LOG_COVERED]
    assert entries(deps) == []


def test_mentor_log_lists_your_own_entries_and_exports_them_as_markdown(
    slack, fake_slack, deps, clock
):
    pair, _intro = start(deps, fake_slack, clock)
    empty = visible_text(command_reply(slack, fake_slack, "log", user_id="U2"))
    assert "Your learning log is empty" in empty
    nothing = visible_text(command_reply(slack, fake_slack, "log export", user_id="U2"))
    assert "nothing to export" in nothing
    view = open_log_modal(slack, fake_slack, pair.id, "U2")
    for n in range(MAX_LISTED_ENTRIES + 2):
        clock.advance(days=1)
        submit(slack, view, "U2", log_values(covered=f"Session {n}: {COVERED}"))

    listed = command_reply(slack, fake_slack, "log", user_id="U1")
    words = visible_text(listed)
    assert f"Your learning log* ({MAX_LISTED_ENTRIES + 2} entries)" in words
    assert "Session 11:" in words and "Session 2:" in words and "Session 1:" not in words
    assert "2 older entries in the export" in words and "with <@U2>" in words
    assert "Mallory" not in visible_text(command_reply(slack, fake_slack, "log", user_id="U2"))
    mallory = visible_text(command_reply(slack, fake_slack, "log", user_id="U9"))
    assert "empty" in mallory and "Session" not in mallory

    sent = visible_text(command_reply(slack, fake_slack, "log export", user_id="U2"))
    assert "12 entries" in sent and "Markdown" in sent
    fake_slack.wait_for("files.completeUploadExternal")
    [upload] = fake_slack.uploads
    assert upload.filename == "learning-log.md"
    markdown = upload.data.decode()
    assert markdown.startswith("# My learning log")
    assert markdown.count("## ") == 12 and "Python with Ada" in markdown
    # A file, not mrkdwn: the words as people wrote them.
    assert f"- **Covered:** Session 0: {COVERED}" in markdown
    assert f"- **Action item** (Grace, open): {ACTION}" in markdown
    [complete] = fake_slack.calls_to("files.completeUploadExternal")
    [dm] = [
        c.response["channel"]["id"]
        for c in fake_slack.calls_to("conversations.open")
        if c.params["users"] == "U2"
    ]
    assert complete.params["channel_id"] == dm

    wrong = visible_text(command_reply(slack, fake_slack, "log everything", user_id="U2"))
    assert "/mentor log export" in wrong


def test_forget_me_deletes_the_pairs_log_and_its_messages(slack, fake_slack, deps, clock):
    pair, _intro = start(deps, fake_slack, clock)
    view = open_log_modal(slack, fake_slack, pair.id, "U2")
    submit(slack, view, "U2", log_values(covered="MARKER-log-forget"))
    assert len(entries(deps)) == 1
    deliver(deps)  # the entry reached the pair's thread
    command_reply(slack, fake_slack, "forget-me", user_id="U1")
    action_reply(slack, fake_slack, ids.FORGET_ME_CONFIRM, value="forget", user_id="U1")
    assert entries(deps) == []
    with deps.sessions() as session:
        texts = session.scalars(select(OutboxMessage.text)).all()
        blocks = session.scalars(select(OutboxMessage.blocks)).all()
        logged = session.scalar(
            select(func.count()).where(OutboxMessage.idempotency_key.like(f"pair={pair.id}:log=%"))
        )
    assert logged == 0
    assert "MARKER-log-forget" not in repr(texts) + repr(blocks)
    # Grace's own log is empty too: the entry was about both of them.
    assert "empty" in visible_text(command_reply(slack, fake_slack, "log", user_id="U2"))


def test_uninstalling_deletes_every_log_entry(slack, fake_slack, deps, clock, settle):
    pair, _intro = start(deps, fake_slack, clock)
    view = open_log_modal(slack, fake_slack, pair.id, "U2")
    submit(slack, view, "U2", log_values())
    assert len(entries(deps)) == 1
    assert slack.event({"type": "app_uninstalled"}, team_id="T1").status == 200
    wait_until(lambda: entries(deps) == [])
    settle()
