"""Claims sized per workspace and renewed while worked on: a dead sender holds back little."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from bot.core.send_limits import SLACK_LIMITS
from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import transaction
from bot.delivery import claims
from bot.delivery.sender import CLAIM_HORIZON, DEFAULT_LEASE, Sender, run_sender
from tests.delivery.helpers import posted_keys, queue_pairs, rows

LEASE = DEFAULT_LEASE


def claim(deps, clock, worker="w", **options):
    with transaction(deps.sessions) as session:
        return claims.claim_due(
            session, now=clock(), worker_id=worker, lease=LEASE, **{"limit": 100, **options}
        )


def test_a_claim_takes_at_most_its_share_of_each_workspace_counting_what_it_holds(
    deps, fake_slack, clock
):
    queue_pairs(deps, fake_slack, 10, team_id="T1")
    queue_pairs(deps, fake_slack, 10, team_id="T2")
    got = claim(deps, clock, per_team=4, held={"T1": 1})
    by_team = {team: sum(1 for m in got if m.team_id == team) for team in ("T1", "T2")}
    assert by_team == {"T1": 3, "T2": 4}
    assert len(claim(deps, clock, per_team=4, limit=5)) == 5  # the overall limit still holds
    # Without a share, a claim takes what it is asked for (a single pass).
    assert len(claim(deps, clock)) == 20 - 7 - 5


def test_a_renewed_claim_is_not_taken_over_and_a_dead_one_is_after_one_lease(
    deps, fake_slack, clock
):
    queue_pairs(deps, fake_slack, 2)
    first, second = claim(deps, clock, worker="alive", limit=1), claim(deps, clock, worker="dead")
    started = clock()
    for _ in range(3):  # the live sender renews well within each lease
        clock.advance(seconds=LEASE.total_seconds() * 0.6)
        with transaction(deps.sessions) as session:
            assert claims.renew(session, [first[0].claim_token], now=clock()) == 1
    [taken] = claim(deps, clock, worker="heir")
    assert taken.id == second[0].id  # only the dead sender's row
    # Whoever takes a row over checks the history from when its claim began, not from
    # its last renewal: a post may have happened any time in between.
    clock.advance(seconds=LEASE.total_seconds() + 1)
    late = {m.id: m for m in claim(deps, clock, worker="heir")}[first[0].id]
    assert late.unconfirmed_since == started


def test_a_sender_holds_what_it_can_send_at_the_workspace_pace_within_its_lease(deps):
    # Slack's pace: conversations.open at about 0.78 a second, so 8 rows in ten seconds.
    assert Sender(deps, limits=SLACK_LIMITS).per_workspace_in_flight == 8
    assert CLAIM_HORIZON <= DEFAULT_LEASE
    # A short lease caps it: only what can go out within the lease's usable part.
    short = Sender(deps, limits=SLACK_LIMITS, lease=timedelta(seconds=3), http_timeout=0.5)
    assert short.per_workspace_in_flight == 2


def test_the_sender_loop_never_holds_more_than_its_share_and_renews_while_it_works(
    deps, fake_slack, clock
):
    keys = queue_pairs(deps, fake_slack, 30)
    held: list[int] = []

    def count_held(_call: object) -> None:
        with deps.sessions() as session:
            held.append(len(claims_in_flight(session)))

    fake_slack.on_call("chat.postMessage", count_held)
    # About two seconds of work at this pace, with a lease renewed every half second.
    run_sender(
        deps,
        threading.Event(),
        until_idle=True,
        idle_wait=0.02,
        limits=SLACK_LIMITS.scaled(20),
        per_workspace_in_flight=5,
        lease=timedelta(seconds=2),
        http_timeout=0.5,
    )
    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    assert held and max(held) <= 5
    assert any(row.lease_renewed_at is not None for row in rows(deps))


def claims_in_flight(session):
    return session.scalars(
        select(OutboxMessage.id).where(OutboxMessage.status == OutboxStatus.SENDING)
    ).all()
