"""Benchmark the exact matching engine against the greedy baseline on synthetic cohorts.

    python benchmarks/bench_matching.py [--sizes 1000,10000,50000] [--seed N]

Each (size, solver) runs in a fresh subprocess so peak memory (max RSS) is its own. The
cohort: 200 skills with Zipf popularity (s = 1), 1–5 offers and 1–3 requests per person,
levels 1–5, capacity 1–3, realistic time zones, random career stages, ~3% paused, and four
past weekly rounds of random pairs as history. Seconds cover the round only, not the
generation of the cohort.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time

SOLVERS = ("exact", "greedy")


def _worker(size: int, seed: int, solver: str) -> None:
    from bot.matching import greedy_round, match_round, synthetic

    rng = random.Random(seed)
    people = synthetic.cohort(rng, size)
    history = synthetic.past_rounds(rng, people)
    run = match_round if solver == "exact" else greedy_round
    started = time.perf_counter()
    result = run(people, history=history)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "seconds": seconds,
        "served": len(result.pairs),
        "score": sum(p.score for p in result.pairs),
        "optimal": result.optimal,
        "rounds": result.stats.get("rounds", 0),
    }))  # fmt: skip


def _measure(size: int, seed: int, solver: str) -> dict[str, float]:
    """Run one worker; its own rusage gives a peak RSS not mixed with other sizes."""
    cmd = [sys.executable, __file__, "--worker", f"{size},{seed},{solver}"]
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"worker for {size} {solver} failed with exit code {child.returncode}")
    figures = json.loads(out)
    figures["peak_mb"] = usage.ru_maxrss / 1024  # Linux reports kilobytes
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        size, seed, solver = args.worker.split(",")
        _worker(int(size), int(seed), solver)
        return
    print(f"seed {args.seed}")
    print(f"{'people':>7} {'solver':<7} {'seconds':>8} {'peak MB':>8} {'served':>7} "
          f"{'score':>8} {'proved optimal':>15} {'rounds':>7}")  # fmt: skip
    for size in (int(s) for s in args.sizes.split(",")):
        for solver in SOLVERS:
            f = _measure(size, args.seed, solver)
            proved = "yes" if f["optimal"] else "no"
            print(f"{size:>7} {solver:<7} {f['seconds']:>8.2f} {f['peak_mb']:>8.0f} "
                  f"{f['served']:>7} {f['score']:>8} {proved:>15} {f['rounds']:>7}",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
