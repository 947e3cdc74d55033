"""In-place edits through the outbox: chat.update of a message once it is posted, the
newest content winning, and an edit of a message that never went out dropped."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock
from sqlalchemy import select

from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.delivery.outbox import drop_pending, enqueue, enqueue_edit
from bot.delivery.sender import send_due_messages
from bot.delivery.steps import NOT_POSTED_YET


@dataclass(frozen=True)
class Board:
    text: str

    @property
    def blocks(self) -> tuple[Block, ...]:
        return (SectionBlock(text=MarkdownTextObject(text=self.text)),)


def queue_board(deps, text="Board v0"):
    with transaction(deps.sessions) as session:
        ensure_workspace(session, team_id="T1", enterprise_id=None)
        enqueue(session, team_id="T1", key="board", kind="test", text=text,
                blocks=Board(text).blocks, not_before=deps.clock(), users=("U1", "U2"))  # fmt: skip


def edit(deps, version, text):
    with transaction(deps.sessions) as session:
        enqueue_edit(session, Board(text), team_id="T1", key=f"board:edit:v{version}",
                     edits_key="board", kind="test_edit", not_before=deps.clock())  # fmt: skip


def rows(deps):
    with deps.sessions() as session:
        return session.execute(
            select(OutboxMessage.idempotency_key, OutboxMessage.status).order_by(OutboxMessage.id)
        ).all()


def people(fake_slack):
    fake_slack.add_user("U1")
    fake_slack.add_user("U2")


def test_an_edit_before_the_post_goes_out_rewrites_the_post(deps, fake_slack):
    people(fake_slack)
    queue_board(deps)
    edit(deps, 1, "Board v1")
    send_due_messages(deps)
    [post] = fake_slack.calls_to("chat.postMessage")
    assert post.params["text"] == "Board v1"
    assert fake_slack.calls_to("chat.update") == [] and rows(deps) == [("board", "sent")]


def test_edits_after_the_post_update_it_in_place_and_only_the_newest_goes(deps, fake_slack):
    people(fake_slack)
    queue_board(deps)
    send_due_messages(deps)
    [post] = fake_slack.calls_to("chat.postMessage")
    edit(deps, 1, "Board v1")
    edit(deps, 2, "Board v2")
    send_due_messages(deps)
    [update] = fake_slack.calls_to("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (
        post.response["channel"],
        post.response["ts"],
    )
    assert update.params["text"] == "Board v2"
    assert rows(deps) == [("board", "sent"), ("board:edit:v1", "dropped"),
                          ("board:edit:v2", "sent")]  # fmt: skip


def test_an_edit_waits_while_the_post_is_being_sent(deps, fake_slack, clock):
    people(fake_slack)
    queue_board(deps)
    send_due_messages(deps)
    edit(deps, 1, "Board v1")
    with transaction(deps.sessions) as session:  # as if another sender held the post again
        board = session.scalar(
            select(OutboxMessage).where(OutboxMessage.idempotency_key == "board")
        )
        board.status = OutboxStatus.SENDING
        board.claimed_at = clock.now
    send_due_messages(deps)
    assert fake_slack.calls_to("chat.update") == []
    with deps.sessions() as session:
        waiting = session.scalar(
            select(OutboxMessage).where(OutboxMessage.idempotency_key == "board:edit:v1")
        )
        assert (waiting.status, waiting.last_error) == (OutboxStatus.PENDING, NOT_POSTED_YET)
    with transaction(deps.sessions) as session:
        board = session.scalar(
            select(OutboxMessage).where(OutboxMessage.idempotency_key == "board")
        )
        board.status = OutboxStatus.SENT
    clock.advance(minutes=5)
    send_due_messages(deps)
    assert [c.params["text"] for c in fake_slack.calls_to("chat.update")] == ["Board v1"]


def test_an_edit_of_a_message_that_never_went_out_is_dropped(deps, fake_slack, clock):
    people(fake_slack)
    queue_board(deps)
    send_due_messages(deps)
    edit(deps, 1, "Board v1")
    with transaction(deps.sessions) as session:
        board = session.scalar(
            select(OutboxMessage).where(OutboxMessage.idempotency_key == "board")
        )
        board.status = OutboxStatus.FAILED
    send_due_messages(deps)
    assert fake_slack.calls_to("chat.update") == []
    assert rows(deps)[-1] == ("board:edit:v1", "dropped")
    with transaction(deps.sessions) as session:
        assert drop_pending(session, "T1") == 0
