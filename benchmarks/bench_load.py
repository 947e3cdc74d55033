"""Load benchmark of the HTTP app on PostgreSQL: how fast is the ack under many clients?

    make bench-load
    python benchmarks/bench_load.py [--users 50] [--seconds 60] [--members 50000]
                                    [--rate 0] [--server-url postgresql+psycopg://...]

What runs, all on loopback:
* a scratch PostgreSQL database on --server-url (dropped afterwards), migrated, seeded with
  one workspace of --members members (about half offer a skill, a third request one);
* the fake Slack Web API (tests/support/fake_slack.py) in its own process;
* the bot as an operator runs it, `mentorbot run --no-scheduler`, in its own process,
  configured by environment to use that database and the fake Slack;
* --users concurrent clients sending signed `/mentor offer <skill>`, `/mentor list` and
  `app_home_opened` events, in equal shares, as seeded members, for --seconds.

The load tool is Locust, used as a library: a widely used, maintained load tester whose
gevent clients keep 50 connections busy from one process with little CPU, and whose stats
give exact request counts and response-time percentiles per endpoint. Its response time
is the ack latency Slack sees (the bot answers once a listener has called ack()).
--rate is the requests per second each client sends (0: each sends its next request as
soon as the previous one is answered, the hardest case). After the load stops, the
benchmark waits for the bot's background work (replies, Home tabs) to reach the fake
Slack and reports how long that took.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
SIGNING_SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-test"
TEAM_ID = "T1"
SKILLS = 200
TARGET_P99_MS = 150
DEFAULT_SERVER_URL = os.environ.get(
    "TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def member_id(number: int) -> str:
    return f"U{number:07d}"


def skill_name(number: int) -> str:
    return f"bench skill {number:03d}"


# ---------------------------------------------------------------- the fake Slack process


def serve_fake_slack() -> None:
    """Run the fake Slack until stdin closes; print its URL, answer /counts on a side port."""
    sys.path.insert(0, str(ROOT))
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from tests.support.fake_slack import FakeSlack

    # The standard library's listen backlog of 5 resets connections when 50 clients'
    # replies arrive at once; Slack's own servers never do that to us.
    ThreadingHTTPServer.request_queue_size = 256
    fake = FakeSlack().start()

    class Counts(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            counts: dict[str, int] = {}
            for call in fake.calls:
                counts[call.method] = counts.get(call.method, 0) + 1
            body = json.dumps(counts).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    counts_server = ThreadingHTTPServer(("127.0.0.1", 0), Counts)
    threading.Thread(target=counts_server.serve_forever, daemon=True).start()
    print(json.dumps({"root": fake.root_url, "counts_port": counts_server.server_address[1]}))
    sys.stdout.flush()
    sys.stdin.read()  # until the benchmark closes our stdin
    counts_server.shutdown()
    fake.stop()


# ---------------------------------------------------------------- database


def seed(database_url: str, members: int, rng: random.Random) -> None:
    from sqlalchemy import insert

    from bot.db.migrate import upgrade
    from bot.db.models import Member, MentoringRequest, Offer, Skill, Workspace
    from bot.db.session import make_engine, make_session_factory
    from bot.skills.normalise import normalize_skill

    engine = make_engine(database_url)
    upgrade(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        session.add(Workspace(team_id=TEAM_ID, name="Bench"))
        session.flush()
        skills = [normalize_skill(skill_name(n)) for n in range(SKILLS)]
        skill_ids = session.scalars(
            insert(Skill).returning(Skill.id),
            [{"team_id": TEAM_ID, "slug": s.slug, "label": s.label, "aliases": []} for s in skills],
        ).all()
        member_ids: list[int] = []
        batch = 5_000
        for start in range(0, members, batch):
            rows = [
                {"team_id": TEAM_ID, "slack_user_id": member_id(n), "display_name": f"Member {n}"}
                for n in range(start, min(start + batch, members))
            ]
            member_ids += session.scalars(insert(Member).returning(Member.id), rows).all()
        offers = [
            {"team_id": TEAM_ID, "member_id": m, "skill_id": rng.choice(skill_ids), "level": 3}
            for m in member_ids
            if rng.random() < 0.5
        ]
        requests = [
            {"team_id": TEAM_ID, "member_id": m, "skill_id": rng.choice(skill_ids)}
            for m in member_ids
            if rng.random() < 1 / 3
        ]
        for start in range(0, len(offers), batch):
            session.execute(insert(Offer), offers[start : start + batch])
        for start in range(0, len(requests), batch):
            session.execute(insert(MentoringRequest), requests[start : start + batch])
    engine.dispose()
    print(f"seeded {members} members, {len(offers)} offers, {len(requests)} requests")


# ---------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the bot exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise SystemExit("the bot did not become healthy")


def fake_counts(port: int) -> dict[str, int]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/counts", timeout=10) as answer:
        return json.loads(answer.read())


# ---------------------------------------------------------------- Slack-shaped requests


def signed(body: bytes, content_type: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    base = b"v0:" + timestamp.encode() + b":" + body
    signature = "v0=" + hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }


def command_body(text: str, user: str, response_url: str) -> bytes:
    return urlencode(
        {
            "token": "legacy",
            "team_id": TEAM_ID,
            "team_domain": "bench",
            "channel_id": "D0BENCH",
            "channel_name": "directmessage",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/mentor",
            "text": text,
            "api_app_id": "A0MENTORBOT",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": f"{time.time_ns()}.1.bench",
        }
    ).encode()


def home_opened_body(user: str, event_id: str) -> bytes:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": TEAM_ID,
            "api_app_id": "A0MENTORBOT",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": {
                "type": "app_home_opened",
                "user": user,
                "channel": "D0BENCH",
                "tab": "home",
                "event_ts": f"{time.time():.6f}",
            },
            "authorizations": [
                {"team_id": TEAM_ID, "user_id": "UBOT", "is_bot": True, "enterprise_id": None}
            ],
        }
    ).encode()


# ---------------------------------------------------------------- the load


RAMP_SECONDS = 5
WARM_UP_SECONDS = 10


def run_load(
    bot_url: str, fake_root: str, *, users: int, seconds: int, members: int, rate: float
) -> Any:
    import gevent
    from locust import FastHttpUser, between, constant, task
    from locust.env import Environment

    counter = iter(range(10**9))

    class SlackWorkspace(FastHttpUser):
        host = bot_url
        # People don't click in lockstep: each client pauses a random 0.5-1.5 × 1/rate
        # between requests, so arrivals spread out as real traffic does. Rate 0 sends
        # back to back (a saturation test: latency is then queueing, 50 / throughput).
        wait_time = between(0.5 / rate, 1.5 / rate) if rate > 0 else constant(0)

        def _member(self) -> str:
            return member_id(random.randrange(members))

        def _post(self, name: str, body: bytes, content_type: str) -> None:
            with self.client.post(
                "/slack/events",
                data=body,
                headers=signed(body, content_type),
                name=name,
                catch_response=True,
            ) as answer:
                if answer.status_code != 200:
                    answer.failure(f"HTTP {answer.status_code}")

        @task
        def offer(self) -> None:
            text = f"offer {skill_name(random.randrange(SKILLS))}"
            reply_to = f"{fake_root}response/offer-{next(counter)}"
            body = command_body(text, self._member(), reply_to)
            self._post("/mentor offer", body, "application/x-www-form-urlencoded")

        @task
        def list_mine(self) -> None:
            reply_to = f"{fake_root}response/list-{next(counter)}"
            body = command_body("list", self._member(), reply_to)
            self._post("/mentor list", body, "application/x-www-form-urlencoded")

        @task
        def open_home(self) -> None:
            body = home_opened_body(self._member(), f"EvBench{next(counter):09d}")
            self._post("app_home_opened", body, "application/json")

    environment = Environment(user_classes=[SlackWorkspace])
    runner = environment.create_local_runner()
    # Clients join over RAMP_SECONDS and the figures start WARM_UP_SECONDS later, once
    # every client runs and the pools (database connections, HTTP threads) are filled:
    # what is reported is the steady state, for `seconds`.
    runner.start(user_count=users, spawn_rate=users / RAMP_SECONDS)
    gevent.spawn_later(WARM_UP_SECONDS, environment.stats.reset_all)
    gevent.spawn_later(WARM_UP_SECONDS + seconds, runner.quit)
    runner.greenlet.join()
    return environment.stats


def report(stats: Any, seconds: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    def row(entry: Any) -> dict[str, Any]:
        return {
            "name": entry.name,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": round(entry.num_requests / seconds, 1),
            "p50_ms": entry.get_response_time_percentile(0.50),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "max_ms": round(entry.max_response_time or 0),
        }

    rows = [row(entry) for entry in sorted(stats.entries.values(), key=lambda e: e.name)]
    total = row(stats.total)
    total["name"] = "all"
    return rows, total


def print_table(rows: list[dict[str, Any]]) -> None:
    columns = ["name", "requests", "failures", "rps", "p50_ms", "p95_ms", "p99_ms", "max_ms"]
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in columns))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument(
        "--rate", type=float, default=1.0, help="about this many requests/s per client; 0: max"
    )
    parser.add_argument("--server-url", default=DEFAULT_SERVER_URL)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve-fake-slack", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fake_slack:
        serve_fake_slack()
        return 0

    sys.path.insert(0, str(ROOT))
    # Locust patches the standard library for gevent when imported: do it before anything
    # opens sockets or starts threads in this process.
    import locust  # noqa: F401

    from tests.support.postgres import is_reachable, scratch_database

    if not is_reachable(args.server_url):
        print(f"PostgreSQL is not reachable at {args.server_url}: nothing to measure")
        return 2
    with scratch_database(args.server_url, prefix="mentorbot_bench") as database_url:
        seed(database_url, args.members, random.Random(args.seed))
        fake = subprocess.Popen(
            [sys.executable, __file__, "--serve-fake-slack"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert fake.stdout is not None and fake.stdin is not None
        fake_info = json.loads(fake.stdout.readline())
        port = free_port()
        bot_url = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
        env.update(
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=fake_info["root"] + "api/",
            DATABASE_URL=database_url,
            HOST="127.0.0.1",
            PORT=str(port),
            LOG_LEVEL="INFO",
        )
        with tempfile.TemporaryFile() as bot_log:
            bot = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "--no-scheduler"],
                cwd=ROOT,
                env=env,
                stdout=bot_log,
                stderr=bot_log,
            )
            try:
                wait_healthy(bot_url, bot)
                print(
                    f"load: {args.users} clients, {args.seconds} s, "
                    f"rate {'max' if args.rate <= 0 else args.rate}/client"
                )
                stats = run_load(
                    bot_url,
                    fake_info["root"],
                    users=args.users,
                    seconds=args.seconds,
                    members=args.members,
                    rate=args.rate,
                )
                rows, total = report(stats, args.seconds)
                sent_replies = total["requests"] - next(
                    (r["requests"] for r in rows if r["name"] == "app_home_opened"), 0
                )
                drain_started = time.monotonic()
                while time.monotonic() - drain_started < 120:
                    counts = fake_counts(fake_info["counts_port"])
                    if counts.get("response_url", 0) >= sent_replies:
                        break
                    time.sleep(0.5)
                drained = time.monotonic() - drain_started
            finally:
                bot.terminate()
                bot.wait(timeout=30)
                fake.stdin.close()
                fake.wait(timeout=30)
            bot_log.seek(0)
            log_lines = bot_log.read().decode().splitlines()
            errors = [line for line in log_lines if " ERROR " in line]
            if os.environ.get("BENCH_KEEP_LOG"):
                Path(os.environ["BENCH_KEEP_LOG"]).write_text("\n".join(log_lines))

    print_table([*rows, total])
    print(
        f"background work: {counts.get('response_url', 0)} replies, "
        f"{counts.get('views.publish', 0)} Home tabs published; "
        f"all done {drained:.1f} s after the load stopped"
    )
    print(f"bot errors logged: {len(errors)}")
    for line in errors[:5]:
        print("  " + line[:300])
    met = total["p99_ms"] <= TARGET_P99_MS and total["failures"] == 0 and not errors
    print(f"target p99 <= {TARGET_P99_MS} ms with no errors: {'met' if met else 'NOT met'}")
    print(json.dumps({"total": total, "endpoints": rows, "drain_seconds": round(drained, 1)}))
    return 0 if total["failures"] == 0 and not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
