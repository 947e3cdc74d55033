"""Benchmark the exact matching engine on every cohort family (`benchmarks/cohorts.py`).

    python benchmarks/bench_matching.py [--sizes 10000,50000] [--big] [--families a,b]
                                        [--seed N] [--repeat N] [--greedy]
                                        [--method auto|hub|pruned] [--instructions]

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
the share of pairs that are two-way, the pruned set's candidate pairs per mentee served
when it proved the round (both grow with the cohort in every family: a larger cohort
offers each person more two-way partners, so the problem per person grows too), total
score, whether optimality was proved, and the growth: median CPU seconds against
the first size's (10,000 → 50,000 people: the goal is at most 6×). `--greedy` adds the
greedy baseline's served and score for comparison.

A last table times a linear reference at each size, each part in a fresh process too:
work exactly proportional to the cohort, of the kinds a round does (`LINEAR_PASSES`). Its
growth is what cost linear in the cohort shows on this machine, where data that no longer
fits in the processor's caches makes each step dearer: read the families' growth against
it.

`--instructions` counts instead of timing: each round (and each part of the reference)
runs once under valgrind's callgrind, which counts the instructions executed between the
worker switching counting on just before the round and off just after it. The count is
the same from one run to the next (to a few parts in 100,000) whatever else the machine
is doing, and it does not see the caches, so its growth is the work's own, apart from
what memory makes it cost. It is slow (a 50,000-person round takes minutes) and needs
valgrind; the columns are the same, with the count of instructions in place of seconds
and memory.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def _share(row: dict) -> str:
    """Two-way pairs as a share of the pairs made."""
    return f"{row['two_way'] / row['served']:.0%}" if row["served"] else "-"


def _per_served(row: dict) -> str:
    """The pruned set's last candidate pairs per mentee served (`-` on the hub network)."""
    if not (row["candidates"] and row["served"]):
        return "-"
    return f"{row['candidates'] / row['served']:.1f}"


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


def _counting(on: bool) -> None:
    """Switch callgrind's count of instructions on or off for this process (a worker run
    with --instructions); returns once callgrind has done it."""
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", pid],
                   check=True, capture_output=True)  # fmt: skip


def _reference_worker(part: str, size: int, seed: int, count: bool) -> None:
    from benchmarks.cohorts import make

    case = make("synthetic", size, seed)
    places = np.random.default_rng(seed).permutation(20 * size)
    if count:
        _counting(True)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    LINEAR_PASSES[part](case, places)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    if count:
        _counting(False)
    print(json.dumps({"seconds": seconds, "cpu": cpu}))


def _worker(family: str, size: int, seed: int, solver: str, count: bool) -> None:
    from benchmarks.cohorts import make
    from bot.matching import SolverLimits, greedy_round, match_round

    if solver == "reference":
        _reference_worker(family, size, seed, count)
        return
    case = make(family, size, seed)
    kwargs = {}
    if solver != "greedy":
        run = match_round
        kwargs["limits"] = SolverLimits(method=None if solver == "auto" else solver)
    else:
        run = greedy_round
    if count:
        _counting(True)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    result = run(
        case.people, history=case.history, blocks=case.blocks, settings=case.settings, **kwargs
    )
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    if count:
        _counting(False)
    print(json.dumps({
        "seconds": seconds,
        "cpu": cpu,
        "served": len(result.pairs),
        "two_way": sum(p.two_way for p in result.pairs),
        "candidates": result.stats.get("candidates", 0),
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
    family: str, size: int, seed: int, solver: str, timeout: float, count: bool = False
) -> dict[str, float] | None:
    """Run one worker in a fresh process; None if it ran out of time (it is stopped).
    `count`: under callgrind, with the round's instructions in the result."""
    cmd = [sys.executable, __file__, "--worker", f"{family},{size},{seed},{solver},{int(count)}"]
    with tempfile.TemporaryDirectory() as scratch:
        if count:
            cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                   f"--callgrind-out-file={scratch}/callgrind.out", *cmd]  # fmt: skip
        child = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE if count else None, text=True
        )
        try:
            out, err = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            return None
    if child.returncode != 0:
        said = f":\n{err}" if err else ""
        raise SystemExit(f"worker for {family} {size} {solver} failed{said}")
    result: dict[str, float] = json.loads(out)
    if count:
        # valgrind's summary on stderr: "==pid== Collected : N"
        counted = re.search(r"Collected : (\d+)", err)
        if counted is None or int(counted.group(1)) == 0:
            raise SystemExit(f"callgrind counted nothing for {family} {size}:\n{err}")
        result["instructions"] = int(counted.group(1))
    return result


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
    parser.add_argument("--instructions", action="store_true",
                        help="count each round's instructions under valgrind instead of "
                             "timing it (one run per case; slow)")  # fmt: skip
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        family, size, seed, solver, count = args.worker.split(",")
        _worker(family, int(size), int(seed), solver, count == "1")
        return
    if args.instructions:
        if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
            raise SystemExit("--instructions needs valgrind (with callgrind_control) installed")
        args.repeat = 1  # a count is the same every time
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.big and 100_000 not in sizes:
        sizes.append(100_000)
    counting = args.instructions
    if counting:
        print(f"seed {args.seed}: instructions of each round, counted by callgrind")
        measures = f"{'instructions':>13}"
    else:
        print(f"seed {args.seed}, {args.repeat} run(s) per case: best / median")
        measures = f"{'wall s':>13} {'CPU s':>13} {'peak MB':>8}"
    print(f"{'family':<14} {'people':>7} {measures} "
          f"{'method':>7} {'exposed':>7} {'supply':>6} {'solves':>6} {'priced':>9} "
          f"{'served':>7} {'2-way':>5} {'cand/srv':>8} {'score':>8} {'proved':>6} {'growth':>6}"
          + (f" {'greedy served/score':>20}" if args.greedy else ""))  # fmt: skip
    for family in args.families.split(","):
        first: float | None = None  # median CPU s (or instructions) at the first size
        for size in sizes:
            runs = [_measure(family, size, args.seed, args.method, args.timeout, counting)
                    for _ in range(max(args.repeat, 1))]  # fmt: skip
            if any(r is None for r in runs):
                print(f"{family:<14} {size:>7} more than {args.timeout:.0f} s: stopped", flush=True)
                continue
            f = runs[0]
            if any((r["served"], r["score"]) != (f["served"], f["score"]) for r in runs):
                raise SystemExit(f"{family} {size}: runs disagree")
            if counting:
                median = f["instructions"]
                measured = f"{_count(median):>13}"
            else:
                median = statistics.median(r["cpu"] for r in runs)
                wall = _best_median([r["seconds"] for r in runs])
                cpu = _best_median([r["cpu"] for r in runs])
                peak = max(r["peak_mb"] for r in runs)
                measured = f"{wall:>13} {cpu:>13} {peak:>8.0f}"
            proved = "yes" if f["optimal"] else "NO"
            # Against the first size's: how the cost grows with the cohort.
            growth = "" if first is None else f"{median / first:.1f}x"
            first = median if first is None else first
            line = (f"{family:<14} {size:>7} {measured} "
                    f"{f['method']:>7} {f['exposed']:>7.3f} {f['supply']:>6.2f} "
                    f"{_solves(f):>6} {f['priced']:>9.0f} {f['served']:>7} {_share(f):>5} "
                    f"{_per_served(f):>8} {f['score']:>8} "
                    f"{proved:>6} {growth:>6}")  # fmt: skip
            if args.greedy:
                g = _measure(family, size, args.seed, "greedy", args.timeout)
                line += f" {g['served']:>9}/{g['score']:<10}" if g else " (stopped)"
            print(line, flush=True)
    _print_reference(sizes, args)


def _count(instructions: float) -> str:
    """An instruction count in millions (M) or thousands of millions (G)."""
    if instructions >= 1e9:
        return f"{instructions / 1e9:.3f} G"
    return f"{instructions / 1e6:.1f} M"


def _print_reference(sizes: list[int], args: argparse.Namespace) -> None:
    counting = args.instructions
    unit = "instructions" if counting else "CPU ms, best / median"
    print(f"\nlinear reference, synthetic cohort (see the top of this file): {unit}")
    for part in LINEAR_PASSES:
        first: float | None = None
        for size in sizes:
            runs = [_measure(part, size, args.seed, "reference", args.timeout, counting)
                    for _ in range(max(args.repeat, 1))]  # fmt: skip
            done = [r for r in runs if r is not None]
            if len(done) < len(runs):
                print(f"{part:<28} {size:>7} more than {args.timeout:.0f} s: stopped")
                continue
            if counting:
                median = done[0]["instructions"]
                measured = _count(median)
            else:
                cpus = [1000 * r["cpu"] for r in done]
                median = statistics.median(cpus)
                measured = _best_median(cpus, 1)
            growth = "" if first is None else f"{median / first:.1f}x"
            first = median if first is None else first
            print(f"{part:<28} {size:>7} {measured:>15} {growth:>6}", flush=True)


def _best_median(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f} / {statistics.median(values):.{digits}f}"


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
