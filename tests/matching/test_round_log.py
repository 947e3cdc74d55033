"""The weekly round's log line and stored summary say which exact method solved it."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from bot.db.models import Round
from bot.jobs.tick import tick
from tests.e2e.cycle_helpers import add_person, finish_setup


@pytest.mark.parametrize(("capacity", "method"), [(1, "hub"), (2, "pruned")])
def test_round_log_names_the_method_and_counts_the_solves(
    deps, fake_slack, clock, caplog, capacity, method
):
    # Four mentors, four mentees, no exclusions: one place per mentee is tight supply (the
    # hub network), two are ample (the pruned set).
    for n in range(4):
        add_person(deps, fake_slack, f"UM{n}", f"Mentor {n}", offers={"python": 3},
                   capacity=capacity)  # fmt: skip
        add_person(deps, fake_slack, f"UE{n}", f"Learner {n}", requests={"python": "Learn it"})
    finish_setup(deps)
    tick(deps)
    clock.advance(hours=1)
    with caplog.at_level(logging.INFO, logger="bot.services.rounds"):
        tick(deps)
    lines = [r.getMessage() for r in caplog.records if "open requests" in r.getMessage()]
    assert len(lines) == 1
    assert f"optimal True, method {method}, " in lines[0]
    assert " flow solves, " in lines[0] and lines[0].endswith(" edges priced")
    with deps.sessions() as session:
        summary = session.scalars(select(Round)).one().summary
    assert summary["method_pruned"] == (method == "pruned")
    assert summary["flow_solves"] >= 1 and summary["supply"] == capacity
