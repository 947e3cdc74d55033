"""The golden record of Slack payloads: check each test's calls against it, or record them.

With ``MENTORBOT_RECORD_PAYLOADS=<dir>`` set, every test that uses the fake Slack writes its
normalised calls to ``<dir>/<test id>.json``. Otherwise each such test that has an entry in
tests/golden/payloads.json.gz must send the same normalised calls again, or it fails with a
diff. Tests without an entry (new ones, and those left out because they aren't
deterministic) are not compared.

``python -m tests.support.golden build RUN_DIR...`` makes the golden record from several
recorded runs, keeping only the tests whose records agree in every run, and prints what
changed against the committed record (``make golden`` does all of it). A test is kept
when at least two runs recorded it and every run that did agrees. ``... compare RUN_DIR``
checks a recorded run against the committed record without failing any test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.support.fake_slack import Call
from tests.support.payloads import diff, normalise, per_method, record_of, sent

GOLDEN_PATH = Path(__file__).resolve().parent.parent / "golden" / "payloads.json.gz"
RECORD_ENV = "MENTORBOT_RECORD_PAYLOADS"
#: Tests seen to send different payloads from the same code under load, though the recorded
#: runs agreed: left out of the record.
VARYING_PATH = GOLDEN_PATH.parent / "varying.txt"


@cache
def golden_record() -> dict[str, dict[str, Any]]:
    """The committed record, ``{test id: {"order": "arrival" | "per method", "calls": [...]}}``."""
    if not GOLDEN_PATH.exists():
        return {}
    with gzip.open(GOLDEN_PATH, "rt", encoding="utf-8") as file:
        record: dict[str, dict[str, Any]] = json.load(file)["tests"]
    # A test listed as varying is left out even before the record is next rebuilt.
    varying = known_varying()
    return {test_id: entry for test_id, entry in record.items() if test_id not in varying}


def known_varying() -> set[str]:
    """The test ids of tests/golden/varying.txt."""
    if not VARYING_PATH.exists():
        return set()
    lines = VARYING_PATH.read_text(encoding="utf-8").split("\n")
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _file_name(test_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "~", test_id) + ".json"


def is_random(item: pytest.Item) -> bool:
    """Hypothesis and fuzz tests send what chance gives them: never part of the record."""
    function = getattr(item, "obj", None)
    return bool(getattr(function, "is_hypothesis_test", False)) or (
        item.get_closest_marker("typed_text_echoed") is not None
    )


#: Whether the test's own body passed: a failed test's calls stop short, so they are
#: neither recorded nor compared (its failure says enough).
BODY_PASSED = pytest.StashKey[bool]()


def note_outcome(item: pytest.Item, report: pytest.TestReport) -> None:
    """Called from tests/conftest.py's pytest_runtest_makereport for each phase."""
    if report.when == "call":
        item.stash[BODY_PASSED] = report.passed


def check_or_record(item: pytest.Item, calls: list[Call]) -> None:
    """Record ``calls`` for ``item`` when recording, else compare them with the golden record."""
    if is_random(item) or not item.stash.get(BODY_PASSED, False):
        return
    test_id = item.nodeid
    out = os.environ.get(RECORD_ENV)
    if out:
        path = Path(out) / _file_name(test_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Raw, so that the normalisation can be refined without recording again.
        raw = {"test": test_id, "calls": sent(calls)}
        path.write_text(json.dumps(raw, default=_raw_value), encoding="utf-8")
        return
    expected = golden_record().get(test_id)
    if expected is None:
        return
    pairs = sent(calls)
    actual = normalise(pairs) if expected["order"] == "arrival" else per_method(pairs)
    if actual != expected["calls"]:
        pytest.fail(
            "The Slack calls differ from the golden record (tests/golden/payloads.json.gz).\n"
            "If the change is intended, re-record with `make golden` and review its diff.\n"
            + diff(expected["calls"], actual),
            pytrace=False,
        )


def _raw_value(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return repr(value)


def _load_run(directory: Path) -> dict[str, dict[str, Any]]:
    runs = {}
    for path in directory.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        runs[data["test"]] = record_of([(method, params) for method, params in data["calls"]])
    return runs


def build(run_dirs: list[Path], out: Path = GOLDEN_PATH) -> dict[str, Any]:
    """Merge recorded runs into the golden record; returns counts of what was kept."""
    runs = [_load_run(d) for d in run_dirs]
    # The PostgreSQL run leaves out the tests that never touch a database.
    seen = set().union(*runs)
    twice = {test_id for test_id in seen if sum(test_id in run for run in runs) >= 2}
    tests: dict[str, dict[str, Any]] = {}
    varying = []
    for test_id in sorted(twice - known_varying()):
        records = [run[test_id] for run in runs if test_id in run]
        # Listeners and sender threads run concurrently, and the order of their calls
        # varies with the machine's load even where three runs happened to agree: calls are
        # compared per method, sorted, which keeps every payload and how many were sent.
        if all(r["unordered"] == records[0]["unordered"] for r in records):
            tests[test_id] = {"order": "per method", "calls": records[0]["unordered"]}
        else:
            varying.append(test_id)
    old = golden_record() if out == GOLDEN_PATH else {}
    for test_id, entry in tests.items():
        before = old.get(test_id)
        if before is not None and before["calls"] != entry["calls"]:
            print(f"== changed: {test_id}\n{diff(before['calls'], entry['calls'])}")
    for test_id in sorted(set(old) - set(tests)):
        print(f"== no longer recorded: {test_id}")
    out.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"tests": tests}, sort_keys=True, indent=0, ensure_ascii=False)
    with gzip.GzipFile(out, "wb", mtime=0) as file:
        file.write(body.encode("utf-8"))
    counts = {
        "recorded": len(tests),
        "per_method": sum(1 for e in tests.values() if e["order"] == "per method"),
        "calls": sum(len(e["calls"]) for e in tests.values()),
        "left_out_varying": len(varying),
        "left_out_recorded_once": len(seen - twice),
    }
    for test_id in varying:
        print(f"-- left out, differs between runs: {test_id}")
    return counts


def compare(run_dir: Path) -> dict[str, int]:
    """Compare one recorded run with the committed record, as the tests would; print diffs."""
    run = _load_run(run_dir)
    counts = {"compared": 0, "same": 0, "changed": 0, "not_in_run": 0}
    for test_id, entry in sorted(golden_record().items()):
        if test_id not in run:
            counts["not_in_run"] += 1
            continue
        counts["compared"] += 1
        form = "ordered" if entry["order"] == "arrival" else "unordered"
        if run[test_id][form] == entry["calls"]:
            counts["same"] += 1
        else:
            counts["changed"] += 1
            print(f"== changed: {test_id}\n{diff(entry['calls'], run[test_id][form])}")
    return counts


def update(run_dirs: list[Path], out: Path = GOLDEN_PATH) -> dict[str, int]:
    """Re-record only the tests the runs hold (e.g. the files a copy change touched), when
    every run agrees on them; print each changed test's diff. Other entries stay as they are."""
    runs = [_load_run(d) for d in run_dirs]
    tests = dict(golden_record())
    counts = {"updated": 0, "added": 0, "varying": 0}
    for test_id in sorted(set.intersection(*(set(run) for run in runs)) - known_varying()):
        records = [run[test_id]["unordered"] for run in runs]
        if any(r != records[0] for r in records):
            counts["varying"] += 1
            print(f"-- differs between runs, left as it was: {test_id}")
            continue
        before = tests.get(test_id)
        if before is None:
            counts["added"] += 1
        elif before["calls"] != records[0]:
            counts["updated"] += 1
            print(f"== changed: {test_id}\n{diff(before['calls'], records[0])}")
        else:
            continue
        tests[test_id] = {"order": "per method", "calls": records[0]}
    body = json.dumps({"tests": tests}, sort_keys=True, indent=0, ensure_ascii=False)
    with gzip.GzipFile(out, "wb", mtime=0) as file:
        file.write(body.encode("utf-8"))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="merge recorded runs into the golden record")
    build_cmd.add_argument("runs", nargs="+", type=Path)
    build_cmd.add_argument("--out", type=Path, default=GOLDEN_PATH)
    update_cmd = sub.add_parser("update", help="re-record only the tests these runs hold")
    update_cmd.add_argument("runs", nargs="+", type=Path)
    compare_cmd = sub.add_parser("compare", help="compare a recorded run with the record")
    compare_cmd.add_argument("run", type=Path)
    args = parser.parse_args(argv)
    if args.command == "build":
        print(json.dumps(build(args.runs, args.out)))
        return 0
    if args.command == "update":
        print(json.dumps(update(args.runs)))
        return 0
    counts = compare(args.run)
    print(json.dumps(counts))
    return 1 if counts["changed"] else 0


if __name__ == "__main__":
    sys.exit(main())
