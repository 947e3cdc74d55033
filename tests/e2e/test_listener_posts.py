"""Messages a listener causes are posted once, even when Slack accepts a post and then
answers 5xx: they go through the outbox, whose sender checks before posting again."""

from __future__ import annotations

import time

from sqlalchemy import select

from bot.core import ids
from bot.db.models import OutboxMessage, OutboxStatus
from tests.e2e.cycle_helpers import (
    add_person,
    deliver,
    finish_setup,
    pairs,
    posts,
    tick_and_deliver,
)
from tests.e2e.helpers import visible_text
from tests.support.opened_views import wait_for_single_opened_view
from tests.support.slack_requests import checkboxes, datepicker, static_select

OBJECTIVE = "Ship one automated report"


def expectation_values() -> dict:
    return {
        ids.EXPECTATIONS_OBJECTIVE: {ids.EXPECTATIONS_OBJECTIVE: OBJECTIVE},
        ids.EXPECTATIONS_CADENCE: {ids.EXPECTATIONS_CADENCE: static_select("weekly")},
        ids.EXPECTATIONS_FIRST_MEETING: {ids.EXPECTATIONS_FIRST_MEETING: datepicker("2026-11-30")},
        ids.EXPECTATIONS_DURATION: {ids.EXPECTATIONS_DURATION: static_select("about_a_month")},
        ids.EXPECTATIONS_SUCCESS: {ids.EXPECTATIONS_SUCCESS: "The report runs by itself"},
        ids.EXPECTATIONS_CONFIDENTIAL: {ids.EXPECTATIONS_CONFIDENTIAL: checkboxes(["agreed"])},
    }


def expectations_row(deps) -> OutboxMessage | None:
    with deps.sessions() as session:
        return session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "expectations")
        ).one_or_none()


def test_expectations_summary_is_posted_once_when_slack_answers_5xx_after_posting(
    slack, fake_slack, deps, clock
):
    fake_slack.ts_clock = lambda: clock().timestamp()  # history reads follow the app's clock
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    finish_setup(deps)
    tick_and_deliver(deps)
    clock.advance(hours=1)
    tick_and_deliver(deps)
    [made] = pairs(deps)
    [intro] = posts(fake_slack, channel_prefix="G")
    channel = intro.params["channel"]
    slack.action(ids.SET_EXPECTATIONS, value=str(made.id), user_id="U2", channel_id=channel)
    fake_slack.wait_for("views.open")
    view = wait_for_single_opened_view(fake_slack, ids.EXPECTATIONS_MODAL)

    fake_slack.fail_after_accepting("chat.postMessage", status=503)
    response = slack.submit_view(
        ids.EXPECTATIONS_MODAL,
        values=expectation_values(),
        user_id="U2",
        private_metadata=view["private_metadata"],
    )
    assert response.status == 200 and not response.body

    # The sender delivers it (the answer to its post is a 503, so it checks the pair's
    # history before trying again) until the outbox records it as sent.
    deadline = time.monotonic() + 30
    while (row := expectations_row(deps)) is None or row.status != OutboxStatus.SENT:
        shown = [m for m in fake_slack.messages(channel) if OBJECTIVE in visible_text(m)]
        assert len(shown) <= 1, f"the pair sees the summary {len(shown)} times"
        assert time.monotonic() < deadline, (
            f"the summary was not delivered through the outbox (outbox row: {row}, "
            f"{len(fake_slack.calls_to('chat.postMessage'))} post call(s) so far)"
        )
        deliver(deps)
        clock.advance(minutes=1)
        time.sleep(0.05)

    shown = [m for m in fake_slack.messages(channel) if OBJECTIVE in visible_text(m)]
    assert len(shown) == 1, f"the pair sees the summary {len(shown)} times"
    summary_calls = [
        c for c in fake_slack.calls_to("chat.postMessage") if OBJECTIVE in visible_text(c.params)
    ]
    assert [c.status for c in summary_calls] == [503]  # accepted once, never posted again
    assert row.channel == channel
