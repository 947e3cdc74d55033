"""Benchmark the program admin's App Home at 50,000 members, through the real app.

    python benchmarks/bench_admin_home.py [--members 50000] [--runs 10] [--database URL] [--sqlite]

Seeds a workspace on PostgreSQL (TEST_DATABASE_URL, or the local server the tests use)
when one answers, else on a SQLite file, and says which. The workspace has offers,
requests, twelve rounds of pairs, check-ins with answers, private notes and feedback.
Then it starts the app as `mentorbot run` serves it (waitress, signed requests) against
the fake Slack API, sends `app_home_opened` for a workspace admin and times each run from
the signed event leaving to the `views.publish` call arriving at Slack — the admin check
(users.info), the person's own records and the program dashboard included. Target: < 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TEAM = "T1"
ADMIN = "UADMIN"
SKILLS = 200
ROUNDS = 12
TARGET_SECONDS = 1.0
CHUNK = 5000


def _chunks(rows: list[dict], size: int = CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def seed(engine, members: int, now: datetime, rng: random.Random) -> dict[str, int]:
    """Bulk-insert a workspace of `members` people; returns how many rows of each kind."""
    from sqlalchemy import insert

    from bot.db.models import (
        CheckIn,
        CheckInAnswer,
        Feedback,
        Member,
        MentoringRequest,
        Offer,
        Pair,
        Round,
        Schedule,
        Skill,
        Workspace,
    )

    weights = [1 / (rank + 1) for rank in range(SKILLS)]  # Zipf-like skill popularity
    tables: dict[type, list[dict]] = {model: [] for model in (
        Member, Skill, Offer, MentoringRequest, Round, Pair, CheckIn, CheckInAnswer, Feedback
    )}  # fmt: skip
    for skill_id in range(1, SKILLS + 1):
        tables[Skill].append({"id": skill_id, "team_id": TEAM, "slug": f"skill-{skill_id}",
                              "label": f"Skill {skill_id}", "aliases": []})  # fmt: skip
    for member_id in range(1, members + 1):
        paused = rng.random() < 0.05
        tables[Member].append({
            "id": member_id, "team_id": TEAM, "slack_user_id": f"U{member_id:07d}",
            "display_name": f"Person {member_id}", "tz": "Europe/London",
            "tz_offset_seconds": 0, "active": rng.random() > 0.02, "paused": paused,
            "mentor_capacity": rng.randint(1, 3), "open_to_reverse": True,
            "listed_in_directory": False,
        })  # fmt: skip
        for skill_id in set(rng.choices(range(1, SKILLS + 1), weights, k=rng.randint(0, 3))):
            tables[Offer].append({"team_id": TEAM, "member_id": member_id, "skill_id": skill_id,
                                  "level": rng.randint(1, 5)})  # fmt: skip
        for skill_id in set(rng.choices(range(1, SKILLS + 1), weights, k=rng.randint(0, 2))):
            tables[MentoringRequest].append({
                "team_id": TEAM, "member_id": member_id, "skill_id": skill_id,
                "goal": "private goal", "status": rng.choice(["open", "open", "matched"]),
                "created_at": now - timedelta(days=rng.randint(0, 120)),
            })  # fmt: skip
    for round_id in range(1, ROUNDS + 1):
        tables[Round].append({
            "id": round_id, "team_id": TEAM, "period": f"2026-W{34 + round_id:02d}",
            "trigger": "schedule", "ran_at": now - timedelta(weeks=ROUNDS - round_id),
            "input_digest": "", "summary": {"open_requests": 9000, "served": 800},
        })  # fmt: skip
    pair_id = checkin_id = 0
    for round_id in range(1, ROUNDS + 1):
        started = now - timedelta(weeks=ROUNDS - round_id)
        for _ in range(members // 60):
            pair_id += 1
            mentor, mentee = rng.sample(range(1, members + 1), 2)
            active = round_id > ROUNDS - 4 or rng.random() < 0.2
            tables[Pair].append({
                "id": pair_id, "team_id": TEAM, "round_id": round_id, "mentor_id": mentor,
                "mentee_id": mentee, "skill_id": rng.randint(1, SKILLS), "score": 10,
                "two_way": rng.random() < 0.2, "reverse": rng.random() < 0.1, "reasons": [],
                "return_reasons": [], "status": "active" if active else "ended",
                "started_at": started, "ended_at": None if active else started + timedelta(weeks=3),
                "cycle": 1, "ending_asked_cycle": 0,
            })  # fmt: skip
            for week in range(1, min(4, ROUNDS - round_id + 1)):
                checkin_id += 1
                tables[CheckIn].append({"id": checkin_id, "team_id": TEAM, "pair_id": pair_id,
                                        "period": f"w{week}", "number": week,
                                        "sent_at": started + timedelta(weeks=week)})  # fmt: skip
                for member_id in (mentor, mentee):
                    if rng.random() < 0.6:
                        tables[CheckInAnswer].append({
                            "team_id": TEAM, "checkin_id": checkin_id, "member_id": member_id,
                            "answer": rng.choice(["met", "met", "not_yet", "need_help"]),
                            "note": "a private note" if rng.random() < 0.1 else None,
                        })  # fmt: skip
            if not active and rng.random() < 0.3:
                tables[Feedback].append({"team_id": TEAM, "pair_id": pair_id, "member_id": mentee,
                                         "kind": "ending", "cycle": 1, "learned": "private",
                                         "taught": "private", "created_at": now})  # fmt: skip
    with engine.begin() as connection:
        connection.execute(insert(Workspace), [{"team_id": TEAM}])
        connection.execute(insert(Schedule), [{
            "team_id": TEAM, "timezone": "Europe/London", "cadence": "weekly",
            "anchor_on": now.date(), "created_at": now - timedelta(weeks=20),
            "updated_at": now,
        }])  # fmt: skip
        for model, rows in tables.items():
            for chunk in _chunks(rows):
                connection.execute(insert(model), chunk)
    if engine.dialect.name == "postgresql":
        from sqlalchemy import text

        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
    return {model.__tablename__: len(rows) for model, rows in tables.items()}


def _database_url(explicit: str | None, sqlite: bool, stack: ExitStack) -> tuple[str, str]:
    from tests.support.postgres import is_reachable, scratch_database

    server = explicit or os.environ.get("TEST_DATABASE_URL") or DEFAULT_POSTGRES
    if not sqlite and is_reachable(server):
        return stack.enter_context(scratch_database(server, prefix="mentorbot_bench")), "PostgreSQL"
    if not sqlite:
        print(f"PostgreSQL not reachable at {server}: using SQLite instead", flush=True)
    folder = stack.enter_context(tempfile.TemporaryDirectory())
    return f"sqlite:///{folder}/bench.db", "SQLite"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database", help="a PostgreSQL server URL (default: the tests' one)")
    parser.add_argument(
        "--sqlite", action="store_true", help="use SQLite even if PostgreSQL answers"
    )
    args = parser.parse_args()

    from bot.app import create_app
    from bot.core.config import Settings
    from bot.core.deps import Deps
    from bot.db.migrate import upgrade
    from bot.db.session import make_engine, make_session_factory
    from bot.entrypoints.web import make_http_server
    from bot.services.admin_home import admin_dashboard
    from tests.support.bot_server import ServerThread
    from tests.support.fake_slack import FakeSlack
    from tests.support.slack_requests import SlackClient

    now = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    with ExitStack() as stack:
        url, kind = _database_url(args.database, args.sqlite, stack)
        engine = make_engine(url)
        stack.callback(engine.dispose)
        upgrade(engine)
        started = time.perf_counter()
        rows = seed(engine, args.members, now, random.Random(7))
        print(f"database: {kind}; seeded in {time.perf_counter() - started:.1f} s: "
              + ", ".join(f"{n} {table}" for table, n in rows.items()), flush=True)  # fmt: skip

        fake = stack.enter_context(FakeSlack())
        fake.add_user(ADMIN, is_admin=True)
        settings = Settings(
            _env_file=None,
            slack_bot_token="xoxb-test",
            slack_signing_secret="bench-secret",
            slack_api_url=fake.base_url,
            database_url=url,
        )
        deps = Deps(settings=settings, engine=engine, sessions=make_session_factory(engine),
                    clock=lambda: now)  # fmt: skip
        with deps.sessions() as session:
            started = time.perf_counter()
            admin_dashboard(session, TEAM, now)
            query_seconds = time.perf_counter() - started
        server = make_http_server(create_app(deps), engine, host="127.0.0.1", port=0, threads=4)
        running = stack.enter_context(ServerThread(server))
        slack = SlackClient(running.url, signing_secret="bench-secret", fake=fake)

        timings = []
        for run in range(args.runs + 1):  # the first run warms caches and connections
            before = len(fake.calls_to("views.publish"))
            started = time.perf_counter()
            slack.event({"type": "app_home_opened", "user": ADMIN, "tab": "home"})
            [published] = fake.wait_for("views.publish", count=before + 1, timeout=60)[before:]
            elapsed = time.perf_counter() - started
            assert "Program health" in str(published.params["view"]), "no admin section"
            if run:
                timings.append(elapsed)

    median = statistics.median(timings)
    print(f"admin dashboard queries alone: {query_seconds * 1000:.0f} ms (first, cold)")
    print(
        f"admin App Home publish, {args.members} members on {kind}, {len(timings)} runs: "
        f"median {median * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms "
        f"(target < {TARGET_SECONDS:.0f} s: {'met' if max(timings) < TARGET_SECONDS else 'MISSED'})"
    )


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
