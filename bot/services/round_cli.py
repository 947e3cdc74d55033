"""`mentorbot round --team T [--dry-run]`: run (or preview) a workspace's round now."""

from __future__ import annotations

import sys
from typing import TextIO

from sqlalchemy import select

from bot.db.models import Workspace
from bot.deps import Deps
from bot.services.rounds import RoundPlan, plan_round, run_round
from bot.services.schedules import ensure_schedule, round_to_run_now

EXIT_OK = 0
EXIT_NOTHING_DONE = 1
EXIT_UNKNOWN_TEAM = 2


def print_plan(plan: RoundPlan, out: TextIO) -> None:
    labels = plan.input.labels
    names = {uid: m.display_name or uid for uid, m in plan.input.members.items()}
    result = plan.result
    print(f"{len(result.pairs)} pairs, {len(result.unserved)} requests unserved", file=out)
    for pair in result.pairs:
        tags = [t for t, on in (("two-way", pair.two_way), ("reverse", pair.reverse)) if on]
        extra = f" [{', '.join(tags)}]" if tags else ""
        print(
            f"- {names[pair.mentor]} ({pair.mentor}) teaches {names[pair.mentee]} "
            f"({pair.mentee}) {labels.get(pair.skill, pair.skill)}, score {pair.score}{extra}",
            file=out,
        )
        for reason in pair.reasons:
            print(f"    {reason}", file=out)
    for item in result.unserved:
        print(
            f"- unserved: {names.get(item.participant, item.participant)} ({item.participant}) "
            f"{labels.get(item.skill, item.skill)}: {item.text}",
            file=out,
        )


def run_round_now(deps: Deps, team_id: str, *, dry_run: bool, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    now = deps.clock()
    # Never committed: a first look may create the default schedule, and a dry run must
    # leave no trace (the real run creates it again in its own transaction).
    with deps.sessions() as session:
        if session.scalar(select(Workspace.id).where(Workspace.team_id == team_id)) is None:
            print(f"mentorbot round: no workspace {team_id} in the database", file=sys.stderr)
            return EXIT_UNKNOWN_TEAM
        schedule = ensure_schedule(session, team_id, now)
        period = round_to_run_now(session, schedule, now).key
        if dry_run:
            print(f"Dry run of the {period} round for {team_id} (nothing is stored):", file=out)
            print_plan(plan_round(session, schedule, now), out)
            return EXIT_OK
        session.rollback()
    outcome = run_round(deps, team_id, period=period, now=now, trigger="manual")
    if outcome is None:
        print(f"The {period} round for {team_id} has already run.", file=out)
        return EXIT_NOTHING_DONE
    print(
        f"Ran the {period} round for {team_id}: {outcome.pairs} pairs, "
        f"{outcome.unmatched_people} people told why they were not matched. "
        "Messages go out from the running bot or `mentorbot worker`.",
        file=out,
    )
    return EXIT_OK
