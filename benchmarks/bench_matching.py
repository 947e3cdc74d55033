"""Benchmark the exact matching engine on every cohort family (`benchmarks/cohorts.py`).

    python benchmarks/bench_matching.py [--sizes 10000,50000] [--big] [--families a,b]
                                        [--seed N] [--repeat N] [--greedy]
                                        [--method auto|hub|pruned]

One row per family and size. Each run happens in a fresh subprocess so its peak memory
(max RSS, which the worker reads from its own rusage) is its own; a run longer than
--timeout seconds (default 600) is stopped and its row says so. Seconds cover the round
only, not the generation of the cohort: wall-clock seconds and CPU seconds (user +
system), which stay meaningful when other jobs share the machine. With --repeat N every
case runs N times and the table shows the best and the median. `--big` adds 100,000
people. Columns: the exact method used (`hub` network or `pruned` candidate set, chosen
per cohort unless --method forces one; `hub*` when the pruned set gave up and the hub
network finished), the two measures the rule chooses by (share of mentees exposed to an
exclusion in a small hub, mentor places per mentee), flow solves (`1+4`: one from nothing,
four re-solves started from the previous matching), edges priced (pairs
listed one by one: candidates, mentees wired on their own, the proof), people served,
total score, whether optimality was proved, and the growth: median CPU seconds against
the first size's (10,000 → 50,000 people: the goal is at most 6×). `--greedy` adds the
greedy baseline's served and score for comparison.

A last table times a linear reference at each size, each part in a fresh process too:
work exactly proportional to the cohort, of the kinds a round does (`LINEAR_PASSES`). Its
growth is what cost linear in the cohort shows on this machine, where data that no longer
fits in the processor's caches makes each step dearer: read the families' growth against
it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from benchmarks.cohorts import Case


def _solves(row: dict) -> str:
    """Solves from nothing, plus re-solves started from the previous one (as `1+4`)."""
    warm = row.get("warm", 0)
    return f"{row['solves']:.0f}" + (f"+{warm:.0f}" if warm else "")


def _index_people(case: Case, places: np.ndarray) -> object:
    return {p.id: i for i, p in enumerate(case.people)}


def _read_entries(case: Case, places: np.ndarray) -> object:
    return sum(len(p.offers) + len(p.requests) for p in case.people)


def _look_up_history(case: Case, places: np.ndarray) -> object:
    index = {p.id: i for i, p in enumerate(case.people)}
    return sum(index.get(h.a, -1) >= 0 and index.get(h.b, -1) >= 0 for h in case.history)


def _gather(case: Case, places: np.ndarray) -> object:
    return int(places[places].sum())


# Work exactly proportional to the cohort, of the kinds a round does (see the top).
LINEAR_PASSES: dict[str, Callable[[Case, np.ndarray], object]] = {
    "people indexed by id": _index_people,
    "offers and requests read": _read_entries,
    "past pairs looked up by id": _look_up_history,  # people indexed first
    "20 numbers/person gathered": _gather,  # in random order, as the flow and pricing read
}


def _reference_worker(part: str, size: int, seed: int) -> None:
    from benchmarks.cohorts import make

    case = make("synthetic", size, seed)
    places = np.random.default_rng(seed).permutation(20 * size)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    LINEAR_PASSES[part](case, places)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    print(json.dumps({"seconds": seconds, "cpu": cpu}))


def _worker(family: str, size: int, seed: int, solver: str) -> None:
    from benchmarks.cohorts import make
    from bot.matching import SolverLimits, greedy_round, match_round

    if solver == "reference":
        _reference_worker(family, size, seed)
        return
    case = make(family, size, seed)
    kwargs = {}
    if solver != "greedy":
        run = match_round
        kwargs["limits"] = SolverLimits(method=None if solver == "auto" else solver)
    else:
        run = greedy_round
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    result = run(
        case.people, history=case.history, blocks=case.blocks, settings=case.settings, **kwargs
    )
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    print(json.dumps({
        "seconds": seconds,
        "cpu": cpu,
        "served": len(result.pairs),
        "score": sum(p.score for p in result.pairs),
        "optimal": result.optimal,
        "solves": result.stats.get("flow_solves", 0),
        "warm": result.stats.get("warm_solves", 0),
        "priced": result.stats.get("edges_priced", 0),
        "method": ("pruned" if result.stats.get("method_pruned") else "hub")
        + ("*" if result.stats.get("fell_back") else ""),
        "exposed": result.stats.get("exposed_share", 0.0),
        "supply": result.stats.get("supply", 0.0),
        # The process's own high-water mark: it ran nothing else (Linux reports kB).
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))  # fmt: skip


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measure(
    family: str, size: int, seed: int, solver: str, timeout: float
) -> dict[str, float] | None:
    """Run one worker in a fresh process; None if it ran out of time (it is stopped)."""
    cmd = [sys.executable, __file__, "--worker", f"{family},{size},{seed},{solver}"]
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    try:
        out, _ = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return None
    if child.returncode != 0:
        raise SystemExit(f"worker for {family} {size} {solver} failed")
    return json.loads(out)


def main() -> None:
    from benchmarks.cohorts import FAMILIES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--big", action="store_true", help="also 100,000 people")
    parser.add_argument("--families", default=",".join(FAMILIES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="runs per case (best, median)")
    parser.add_argument("--greedy", action="store_true", help="add the greedy baseline")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    parser.add_argument("--method", choices=["auto", "hub", "pruned"], default="auto",
                        help="force one exact method (default: chosen per cohort)")  # fmt: skip
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        family, size, seed, solver = args.worker.split(",")
        _worker(family, int(size), int(seed), solver)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.big and 100_000 not in sizes:
        sizes.append(100_000)
    print(f"seed {args.seed}, {args.repeat} run(s) per case: best / median")
    print(f"{'family':<14} {'people':>7} {'wall s':>13} {'CPU s':>13} {'peak MB':>8} "
          f"{'method':>7} {'exposed':>7} {'supply':>6} {'solves':>6} {'priced':>9} "
          f"{'served':>7} {'score':>8} {'proved':>6} {'growth':>6}"
          + (f" {'greedy served/score':>20}" if args.greedy else ""))  # fmt: skip
    for family in args.families.split(","):
        first_cpu: float | None = None  # median CPU s at the family's first size
        for size in sizes:
            runs = [_measure(family, size, args.seed, args.method, args.timeout)
                    for _ in range(max(args.repeat, 1))]  # fmt: skip
            if any(r is None for r in runs):
                print(f"{family:<14} {size:>7} more than {args.timeout:.0f} s: stopped", flush=True)
                continue
            f = runs[0]
            if any((r["served"], r["score"]) != (f["served"], f["score"]) for r in runs):
                raise SystemExit(f"{family} {size}: runs disagree")
            wall = _best_median([r["seconds"] for r in runs])
            cpu = _best_median([r["cpu"] for r in runs])
            peak = max(r["peak_mb"] for r in runs)
            proved = "yes" if f["optimal"] else "NO"
            median_cpu = statistics.median(r["cpu"] for r in runs)
            # Median CPU time against the first size's: how the cost grows with the cohort.
            growth = "" if first_cpu is None else f"{median_cpu / first_cpu:.1f}x"
            first_cpu = median_cpu if first_cpu is None else first_cpu
            line = (f"{family:<14} {size:>7} {wall:>13} {cpu:>13} {peak:>8.0f} "
                    f"{f['method']:>7} {f['exposed']:>7.3f} {f['supply']:>6.2f} "
                    f"{_solves(f):>6} {f['priced']:>9.0f} {f['served']:>7} {f['score']:>8} "
                    f"{proved:>6} {growth:>6}")  # fmt: skip
            if args.greedy:
                g = _measure(family, size, args.seed, "greedy", args.timeout)
                line += f" {g['served']:>9}/{g['score']:<10}" if g else " (stopped)"
            print(line, flush=True)
    _print_reference(sizes, args)


def _print_reference(sizes: list[int], args: argparse.Namespace) -> None:
    print("\nlinear reference, synthetic cohort (see the top of this file): CPU ms, best / median")
    for part in LINEAR_PASSES:
        first_cpu: float | None = None
        for size in sizes:
            runs = [_measure(part, size, args.seed, "reference", args.timeout)
                    for _ in range(max(args.repeat, 1))]  # fmt: skip
            cpus = [1000 * r["cpu"] for r in runs if r is not None]
            if len(cpus) < len(runs):
                print(f"{part:<28} {size:>7} more than {args.timeout:.0f} s: stopped")
                continue
            median_cpu = statistics.median(cpus)
            growth = "" if first_cpu is None else f"{median_cpu / first_cpu:.1f}x"
            first_cpu = median_cpu if first_cpu is None else first_cpu
            print(f"{part:<28} {size:>7} {_best_median(cpus, 1):>15} {growth:>6}", flush=True)


def _best_median(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f}"


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
