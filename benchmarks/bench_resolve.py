"""Benchmark an admin's re-solve: a round at 10,000 people, ~20 changes, solved again.

    python benchmarks/bench_resolve.py [--size 10000] [--family synthetic] [--seed 1]
                                       [--changes 20]

Solves the round, then applies admin changes the way the preview would — drops of pairs
it made (half of them for the pair's skill only) and locks (pairs it made, and other
mentors for some of its mentees, each checked by `lock_problems` first) — and re-solves
with the locks kept and the drops forbidden: once from scratch, and once keeping the first
solve's pairs where the optimum allows (`keep=`, the third objective level). Prints wall
and CPU seconds of each solve, the proofs, each diff against the first solve (pairs added,
removed, changed, served and total score) and the peak memory (max RSS) of the process.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cohorts import make
from bot.matching import (
    Forbidden,
    Lock,
    RoundResult,
    diff_rounds,
    lock_problems,
    match_round,
)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _changes(
    case_people: list, history: list, blocks: list, result: RoundResult, count: int, seed: int
) -> tuple[list[Lock], list[Forbidden]]:
    rng = random.Random(seed)
    pairs = list(result.pairs)
    rng.shuffle(pairs)
    drops = [
        Forbidden(p.mentor, p.mentee, p.skill if i % 2 else None)
        for i, p in enumerate(pairs[: count // 2])
    ]
    locks: list[Lock] = []
    kept = pairs[count // 2 : count // 2 + count // 4]
    locks += [Lock(p.mentor, p.mentee, p.skill) for p in kept]
    # Other mentors for some mentees: the first offerer of the skill the checks accept.
    offerers: dict[str, list[str]] = {}
    for person in case_people:
        for skill in person.offers:
            offerers.setdefault(skill, []).append(person.id)
    for p in pairs[count // 2 + count // 4 :]:
        if len(drops) + len(locks) >= count:
            break
        for mentor in offerers.get(p.skill, [])[:50]:
            lock = Lock(mentor, p.mentee, p.skill)
            if mentor != p.mentor and not lock_problems(
                lock, case_people, history=history, blocks=blocks, dropped=drops,
                other_locks=[*locks, lock],
            ):  # fmt: skip
                locks.append(lock)
                break
    return locks, drops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--family", default="synthetic")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    case = make(args.family, args.size, args.seed)
    kw = {"history": case.history, "blocks": case.blocks, "settings": case.settings}

    wall, cpu = time.perf_counter(), _cpu()
    first = match_round(case.people, **kw)
    first_wall, first_cpu = time.perf_counter() - wall, _cpu() - cpu

    locks, drops = _changes(case.people, case.history, case.blocks, first, args.changes, args.seed)

    print(f"{args.family} at {args.size:,} people, seed {args.seed}")
    print(f"first solve: {first_wall:.2f} s wall, {first_cpu:.2f} s CPU, proved {first.optimal}")
    previous = [(p.mentor, p.mentee) for p in first.pairs]
    for label, keep in (("from scratch", []), ("keeping the draft", previous)):
        wall, cpu = time.perf_counter(), _cpu()
        again = match_round(case.people, locks=locks, forbidden=drops, keep=keep, **kw)
        again_wall, again_cpu = time.perf_counter() - wall, _cpu() - cpu
        diff = diff_rounds(first, again)
        print(
            f"re-solve {label} with {len(locks)} locks and {len(drops)} drops:"
            f" {again_wall:.2f} s wall, {again_cpu:.2f} s CPU, proved {again.optimal}"
        )
        print(
            f"  diff: {len(diff.added)} added, {len(diff.removed)} removed,"
            f" {len(diff.changed)} changed; served {diff.served_before} -> {diff.served_after};"
            f" total score {diff.score_before} -> {diff.score_after}"
        )
        kept = {(p.mentor, p.mentee, p.skill) for p in again.pairs}
        assert all((lock.mentor, lock.mentee, lock.skill) in kept for lock in locks)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
