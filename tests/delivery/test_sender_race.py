"""Several senders against one PostgreSQL database: every message goes out exactly once."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import Engine

from bot.db.session import transaction
from bot.delivery import claims
from bot.delivery.sender import DEFAULT_LEASE
from tests.delivery.helpers import (
    only_on_postgres,
    posted_keys,
    queue_pairs,
    queue_to_channel,
    rows,
    rows_by_sender,
    sender_process,
)


@pytest.fixture
def postgres(engine: Engine) -> Engine:
    return only_on_postgres(
        engine,
        "SQLite runs one sender (it has no FOR UPDATE SKIP LOCKED); "
        "racing senders are tested on PostgreSQL",
    )


def test_racing_claims_never_share_a_row(postgres, deps, fake_slack, clock):
    fake_slack.add_channel("CBUSY")
    keys = queue_to_channel(deps, "CBUSY", [f"n:{n}" for n in range(400)])
    claimed: dict[str, list[int]] = {}
    start = threading.Barrier(8)

    def claim_all(worker: str) -> None:
        mine = claimed.setdefault(worker, [])
        start.wait()
        while True:
            with transaction(deps.sessions) as session:
                got = claims.claim_due(
                    session, now=clock(), worker_id=worker, lease=DEFAULT_LEASE, limit=7
                )
            if not got:
                return
            mine.extend(message.id for message in got)

    threads = [threading.Thread(target=claim_all, args=(f"w{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    everything = [row_id for ids in claimed.values() for row_id in ids]
    assert len(everything) == len(set(everything)) == len(keys)
    assert sum(1 for ids in claimed.values() if ids) > 1  # they really raced


def test_two_sender_processes_send_every_message_exactly_once(postgres, deps, fake_slack):
    fake_slack.ts_clock = time.time
    keys = queue_pairs(deps, fake_slack, 60, not_before=deps.clock())
    fake_slack.add_channel("CBUSY")
    keys += queue_to_channel(deps, "CBUSY", [f"notice:{n}" for n in range(20)])
    # Small claims, so that the two keep coming back for more while the other works.
    workers = [
        sender_process(
            fake_slack,
            postgres,
            name,
            *("--rate-scale", "20", "--claim-batch", "4", "--in-flight", "4"),
        )
        for name in ("alpha", "beta")
    ]
    for worker in workers:
        assert worker.wait(timeout=120) == 0

    assert posted_keys(fake_slack) == {key: 1 for key in keys}
    assert {row.status for row in rows(deps)} == {"sent"}
    by_worker = rows_by_sender(deps)
    assert sum(by_worker.values()) == len(keys)
    assert set(by_worker) == {"alpha", "beta"}, by_worker
