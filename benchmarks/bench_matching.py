"""Benchmark the exact matching engine against the greedy baseline on synthetic cohorts.

    python benchmarks/bench_matching.py [--sizes 1000,10000,50000] [--seed N] [--repeat N]

Each (size, solver) runs in a fresh subprocess so peak memory (max RSS) is its own. The
cohort: 200 skills with Zipf popularity (s = 1), 1–5 offers and 1–3 requests per person,
levels 1–5, capacity 1–3, realistic time zones, random career stages, ~3% paused, and four
past weekly rounds of random pairs as history. Seconds cover the round only, not the
generation of the cohort: wall-clock seconds and the process's CPU seconds (user + system,
from getrusage), which stay meaningful when other jobs share the machine. With --repeat N
every case runs N times and the table shows the best and the median of each.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
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
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    result = run(people, history=history)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    print(json.dumps({
        "seconds": seconds,
        "cpu": cpu,
        "served": len(result.pairs),
        "score": sum(p.score for p in result.pairs),
        "optimal": result.optimal,
        "rounds": result.stats.get("rounds", 0),
    }))  # fmt: skip


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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
    parser.add_argument("--repeat", type=int, default=1, help="runs per case (best, median)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        size, seed, solver = args.worker.split(",")
        _worker(int(size), int(seed), solver)
        return
    print(f"seed {args.seed}, {args.repeat} run(s) per case: best / median")
    print(f"{'people':>7} {'solver':<7} {'wall s':>13} {'CPU s':>13} {'peak MB':>8} "
          f"{'served':>7} {'score':>8} {'proved optimal':>15} {'rounds':>7}")  # fmt: skip
    for size in (int(s) for s in args.sizes.split(",")):
        for solver in SOLVERS:
            runs = [_measure(size, args.seed, solver) for _ in range(max(args.repeat, 1))]
            f = runs[0]
            if any((r["served"], r["score"]) != (f["served"], f["score"]) for r in runs):
                raise SystemExit(f"{size} {solver}: runs disagree")
            wall = _best_median([r["seconds"] for r in runs])
            cpu = _best_median([r["cpu"] for r in runs])
            peak = max(r["peak_mb"] for r in runs)
            proved = "yes" if f["optimal"] else "no"
            print(f"{size:>7} {solver:<7} {wall:>13} {cpu:>13} {peak:>8.0f} "
                  f"{f['served']:>7} {f['score']:>8} {proved:>15} {f['rounds']:>7}",
                  flush=True)  # fmt: skip


def _best_median(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f}"


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
