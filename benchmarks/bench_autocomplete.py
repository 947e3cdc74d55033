"""Benchmark skill autocomplete: options requests through the real app over HTTP.

    python benchmarks/bench_autocomplete.py [--skills 10000] [--requests 400] [--seed N]
                                            [--database-url URL]

Seeds one workspace with a catalogue of `--skills` skills (made-up two- and three-word
names, a few aliases each for one in ten), 3,000 members with offers and open requests of
Zipf-like popularity, then sends signed `block_suggestion` requests one after another to
the app served by waitress, as Slack would while someone types: prefixes of real skills
(1–8 letters), the same with a typo, whole names, and words nobody offers. Latency is
measured at the client, from sending the request to the last byte of the answer (Slack's
limit is 3 s). The database is a fresh SQLite file unless `--database-url` names another
(it must be empty; PostgreSQL works).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the fake Slack API and the signed-request client live in tests/

from sqlalchemy import insert  # noqa: E402

from bot import ids  # noqa: E402
from bot.app import create_app  # noqa: E402
from bot.core.config import Settings  # noqa: E402
from bot.core.deps import Deps  # noqa: E402
from bot.db.migrate import upgrade  # noqa: E402
from bot.db.models import Member, MentoringRequest, Offer, Skill, Workspace  # noqa: E402
from bot.db.session import make_engine, make_session_factory  # noqa: E402
from bot.entrypoints.web import make_http_server  # noqa: E402
from bot.skills.normalise import slugify  # noqa: E402
from tests.support.bot_server import ServerThread  # noqa: E402
from tests.support.fake_slack import FakeSlack  # noqa: E402
from tests.support.slack_requests import SlackClient  # noqa: E402

TEAM_ID = "T1"
SECRET = "bench-signing-secret"
SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "su", "ti", "vo", "ze", "ba", "de", "fi", "gu",
             "ho", "ja", "ke", "lu", "ma", "no", "pe", "qui", "ro", "sa", "te")  # fmt: skip
WORDS = ["design", "writing", "analysis", "planning", "testing", "research", "sales", "ops"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _skill_names(rng: random.Random, count: int) -> list[str]:
    names: dict[str, str] = {}
    while len(names) < count:
        extra = [rng.choice([*WORDS, _word(rng)]) for _ in range(rng.randint(1, 2))]
        parts = [_word(rng), *extra]
        label = " ".join(parts).capitalize()
        names.setdefault(slugify(label), label)
    return list(names.values())


def seed(deps: Deps, rng: random.Random, skill_count: int, people: int = 3000) -> list[str]:
    """Fill the catalogue; returns the skill labels."""
    labels = _skill_names(rng, skill_count)
    with deps.sessions.begin() as session:
        session.execute(insert(Workspace), [{"team_id": TEAM_ID}])
        session.execute(
            insert(Skill),
            [
                {
                    "team_id": TEAM_ID,
                    "slug": slugify(label),
                    "label": label,
                    "aliases": [slugify(_word(rng)) for _ in range(2)] if i % 10 == 0 else [],
                }
                for i, label in enumerate(labels)
            ],
        )
        session.execute(
            insert(Member),
            [{"team_id": TEAM_ID, "slack_user_id": f"U{i:06d}"} for i in range(people)],
        )
        skill_ids = [row.id for row in session.query(Skill.id).order_by(Skill.id)]
        member_ids = [row.id for row in session.query(Member.id).order_by(Member.id)]
        weights = [1 / (rank + 1) for rank in range(len(skill_ids))]  # Zipf, s = 1
        offers, requests = set(), set()
        for member_id in member_ids:
            for skill_id in rng.choices(skill_ids, weights, k=rng.randint(1, 4)):
                offers.add((member_id, skill_id))
            for skill_id in rng.choices(skill_ids, weights, k=rng.randint(0, 2)):
                if (member_id, skill_id) not in offers:
                    requests.add((member_id, skill_id))
        session.execute(
            insert(Offer),
            [{"team_id": TEAM_ID, "member_id": m, "skill_id": s, "level": 3} for m, s in offers],
        )
        session.execute(
            insert(MentoringRequest),
            [{"team_id": TEAM_ID, "member_id": m, "skill_id": s, "status": "open"}
             for m, s in requests],
        )  # fmt: skip
    return labels


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]  # swap two neighbours


def queries(rng: random.Random, labels: list[str], count: int) -> list[str]:
    made = []
    for n in range(count):
        label = rng.choice(labels)
        kind = n % 4
        if kind == 0:
            made.append(label[: rng.randint(1, 8)])
        elif kind == 1:
            made.append(_typo(rng, label[: rng.randint(5, 10)]))
        elif kind == 2:
            made.append(label)
        else:
            made.append(_word(rng) + " " + _word(rng))
    return made


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skills", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as scratch, FakeSlack() as fake:
        url = args.database_url or f"sqlite:///{Path(scratch) / 'bench.db'}"
        engine = make_engine(url)
        upgrade(engine)
        settings = Settings(
            _env_file=None,
            slack_bot_token=fake.DEFAULT_TOKEN,
            slack_signing_secret=SECRET,
            slack_api_url=fake.base_url,
            database_url=url,
        )
        deps = Deps(settings=settings, engine=engine, sessions=make_session_factory(engine))
        started = time.perf_counter()
        labels = seed(deps, rng, args.skills)
        took = time.perf_counter() - started
        print(f"seeded {len(labels)} skills in {took:.1f} s ({engine.dialect.name})")

        server = make_http_server(create_app(deps), engine, host="127.0.0.1", port=0, threads=4)
        with ServerThread(server) as running:
            client = SlackClient(running.url, signing_secret=SECRET, fake=fake, timeout=10)
            sent = queries(rng, labels, args.requests)
            for typed in sent[:20]:  # warm up connections and caches
                client.options(ids.OFFER_SKILLS_INPUT, typed)
            seconds, options = [], []
            for typed in sent:
                began = time.perf_counter()
                response = client.options(ids.OFFER_SKILLS_INPUT, typed)
                seconds.append(time.perf_counter() - began)
                if response.status != 200:
                    raise SystemExit(f"options request failed: {response.status} {response.text}")
                options.append(len(response.json()["options"]))
        engine.dispose()

    ms = [s * 1000 for s in seconds]
    print(
        f"autocomplete, {len(labels)} skills, {len(ms)} requests: "
        f"p50 {percentile(ms, 0.50):.0f} ms, p95 {percentile(ms, 0.95):.0f} ms, "
        f"max {max(ms):.0f} ms, mean options {statistics.mean(options):.0f}"
    )


if __name__ == "__main__":
    main()
