"""`mentorbot match`: run one round offline, from CSV files to CSV files (no Slack, no DB).

Exit codes: 0 done, 1 an output file could not be written, 2 bad input (one line per
problem on stderr). On any error nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from bot.matching.csv_io import (
    CsvError,
    read_blocks,
    read_history,
    read_people,
    write_pairs,
    write_unmatched,
)
from bot.matching.engine import match_round
from bot.matching.model import MatchSettings, RoundResult

EXIT_OK = 0
EXIT_CANNOT_WRITE = 1
EXIT_BAD_INPUT = 2
# A round still running after this many seconds reports each stage on stderr.
PROGRESS_AFTER_SECONDS = 2.0

T = TypeVar("T")


def configure_parser(parser: argparse.ArgumentParser) -> None:
    parser.description = "Pair people by skill from a spreadsheet export (one offline round)."
    parser.add_argument(
        "--people",
        type=Path,
        required=True,
        help="people.csv: id,name,offers,requests,capacity,tz_offset_hours,career_stage,paused",
    )
    parser.add_argument("--history", type=Path, help="history.csv: a,b,weeks_ago")
    parser.add_argument("--blocks", type=Path, help="blocks.csv: a,b")
    parser.add_argument(
        "--cooldown-weeks",
        type=int,
        default=MatchSettings().cooldown_weeks,
        help="do not pair people again within this many weeks (default 26)",
    )
    parser.add_argument(
        "--max-tz-gap",
        type=float,
        default=None,
        metavar="HOURS",
        help="never pair people more than this many hours apart",
    )
    parser.add_argument("--out", type=Path, help="write pairs here instead of stdout")
    parser.add_argument("--unmatched", type=Path,
                        help="write unserved requests and why to this CSV")  # fmt: skip


def _write_atomically(writes: list[tuple[Path, Callable[[TextIO], None]]]) -> None:
    """Write every file to a temporary sibling first; rename only when all succeeded."""
    done: list[tuple[str, Path]] = []
    try:
        for path, write in writes:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
            done.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                write(out)
        for tmp, path in done:
            os.replace(tmp, path)
    finally:
        for tmp, _ in done:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _summary(result: RoundResult, seconds: float) -> str:
    s = result.stats
    proof = "optimal (proved)" if result.optimal else "not proved optimal"
    method = "pruned candidate set" if s.get("method_pruned") else "hub network"
    return (
        f"{s['participants']:.0f} participants, {s['open_requests']:.0f} open requests, "
        f"{s['served']:.0f} served, {s['two_way_pairs']:.0f} two-way pairs, "
        f"{s['reverse_pairs']:.0f} reverse pairs, {seconds:.2f} seconds, {proof}, "
        f"{method}, {s.get('flow_solves', 0):.0f} flow solves, "
        f"{s.get('warm_solves', 0):.0f} re-solves from the last one, "
        f"{s.get('edges_priced', 0):.0f} edges priced"
    )


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        settings = MatchSettings(cooldown_weeks=args.cooldown_weeks,
                                 max_tz_gap_hours=args.max_tz_gap)  # fmt: skip
    except ValueError as exc:
        print(f"mentorbot match: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    problems: list[str] = []
    try:
        people = read_people(args.people)
    except CsvError as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        return EXIT_BAD_INPUT
    ids = {p.id for p in people.participants}

    def load(path: Path | None, reader: Callable[[Path, set[str]], list[T]]) -> list[T]:
        # Both files are read even when one has problems, so that all of them are listed.
        if path is None:
            return []
        try:
            return reader(path, ids)
        except CsvError as exc:
            problems.extend(exc.lines)
            return []

    history = load(args.history, read_history)
    blocks = load(args.blocks, read_blocks)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return EXIT_BAD_INPUT

    def progress(line: str) -> None:
        if time.perf_counter() - started >= PROGRESS_AFTER_SECONDS:
            print(f"mentorbot match: {line}", file=sys.stderr, flush=True)

    result = match_round(people.participants, history=history, blocks=blocks,
                         settings=settings, skill_labels=people.labels,
                         progress=progress)  # fmt: skip
    writes: list[tuple[Path, Callable[[TextIO], None]]] = []
    if args.out is not None:
        writes.append((args.out, lambda out: write_pairs(result, people.labels, out)))
    if args.unmatched is not None:
        writes.append((args.unmatched, lambda out: write_unmatched(result, people.labels, out)))
    try:
        _write_atomically(writes)
    except OSError as exc:
        print(f"mentorbot match: cannot write output: {exc}", file=sys.stderr)
        return EXIT_CANNOT_WRITE
    if args.out is None:
        write_pairs(result, people.labels, sys.stdout)
    print(_summary(result, time.perf_counter() - started), file=sys.stderr)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mentorbot match")
    configure_parser(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
