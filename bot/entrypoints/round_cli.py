"""`mentorbot round --team T [--dry-run]`: run (or preview) a workspace's round now."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import TextIO

from sqlalchemy import select

from bot.core.deps import Deps
from bot.cycle.schedule import ScheduleRule
from bot.db.models import Workspace
from bot.matching.reasons import TWO_WAY
from bot.services.round_drafts import solved_shaping
from bot.services.rounds import RoundPlan, plan_round, run_round
from bot.services.schedules import ensure_schedule, round_to_run_now, rule_of
from bot.services.two_way import fold_two_way
from bot.ui.people import plural, reason_plain

EXIT_OK = 0
EXIT_NOTHING_DONE = 1
EXIT_UNKNOWN_TEAM = 2


def round_name(period: str, rule: ScheduleRule) -> str:
    """A round as admins say it, by its day ("the round of Monday 30 November 2026"), not
    by its key ("2026-W49"); the key itself when it can't be read."""
    try:
        if "-W" in period:
            year, week = (int(part) for part in period.split("-W"))
            day = date.fromisocalendar(year, week, rule.weekday + 1)
        else:
            year, month = (int(part) for part in period.split("-"))
            first = date(year, month, 1)
            day = first + timedelta(days=(rule.weekday - first.weekday()) % 7)
    except ValueError:
        return f"the {period} round"
    return f"the round of {day:%A} {day.day} {day:%B %Y}"


def print_plan(plan: RoundPlan, out: TextIO) -> None:
    """The pairs as the round would store them: a two-way exchange is one pair, as in the
    admin preview and the real run."""
    labels = plan.input.labels
    names = {uid: m.display_name or uid for uid, m in plan.input.members.items()}
    result = plan.result
    folded = fold_two_way(result.pairs)
    print(
        f"{plural(len(folded), 'pair')}, {plural(len(plan.unserved), 'request')} not served",
        file=out,
    )
    if folded:
        print(
            "(fit: how well a pair matches, from the reasons under it; higher is better)", file=out
        )
    for each in folded:
        pair, back = each.main, each.back
        tags = [t for t, on in (("two-way", each.two_way), ("reverse", each.reverse)) if on]
        extra = f" [{', '.join(tags)}]" if tags else ""
        skill = labels.get(pair.skill, pair.skill)
        mentor, mentee = (
            f"{names[pair.mentor]} ({pair.mentor})",
            f"{names[pair.mentee]} ({pair.mentee})",
        )
        if back is None:
            head = f"{mentor} teaches {mentee} {skill}"
        else:
            head = f"{mentor} and {mentee} teach each other {skill} and " + labels.get(
                back.skill, back.skill
            )
        print(f"- {head}, fit {each.score}{extra}", file=out)
        for direction in (pair, back):
            if direction is None:
                continue
            for reason in direction.reasons:
                if back is not None and reason.startswith(TWO_WAY):
                    continue  # the head line already says they teach each other
                line = reason_plain(
                    reason, mentor=names[direction.mentor], mentee=names[direction.mentee]
                )
                print(f"    {line}", file=out)
    for circle in result.circles:
        learners = ", ".join(f"{names[uid]} ({uid})" for uid in circle.learners)
        skill = labels.get(circle.skill, circle.skill)
        print(
            f"- circle: {names[circle.mentor]} ({circle.mentor}) leads {skill}: {learners}",
            file=out,
        )
    for peer in plan.peers:
        learners = ", ".join(f"{names[uid]} ({uid})" for uid in peer.learners)
        print(f"- peer circle on {labels.get(peer.skill, peer.skill)}: {learners}", file=out)
    for item in plan.unserved:
        print(
            f"- not served: {names.get(item.participant, item.participant)} ({item.participant}) "
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
        named = round_name(period, rule_of(schedule))
        if dry_run:
            print(f"Dry run of {named} for {team_id} (nothing is stored):", file=out)
            # The admins' solved locks and drops, as the real run applies them.
            shaping = solved_shaping(session, team_id=team_id, period=period)
            print_plan(plan_round(session, schedule, now, shaping=shaping), out)
            return EXIT_OK
        session.rollback()
    outcome = run_round(deps, team_id, period=period, now=now, trigger="manual")
    if outcome is None:
        print(f"{named[0].upper()}{named[1:]} for {team_id} has already run.", file=out)
        return EXIT_NOTHING_DONE
    made = plural(outcome.pairs, "pair")
    if outcome.circles:
        made += f" and {plural(outcome.circles, 'circle')}"
    if outcome.unmatched_people:
        people = plural(outcome.unmatched_people, "person", "people")
        told = f"{people} told why they were not matched"
    elif outcome.pairs or outcome.circles:
        told = "every request in the round was served"
    else:
        made, told = "no pairs", "there were no open requests"
    print(
        f"Ran {named} for {team_id}: {made}; {told}. "
        "Messages go out from the running bot or `mentorbot worker`.",
        file=out,
    )
    return EXIT_OK
