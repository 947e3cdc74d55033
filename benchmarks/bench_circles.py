"""Benchmark the circle model: rounds where some skills are oversubscribed and circles form.

    python benchmarks/bench_circles.py [--sizes 10000 50000] [--seed 1] [--circle-mentors 2]

The cohort is the `scarce` family (the top 20 skills asked for 2–5× more than offered),
with a third of the learners open to a circle and the first `--circle-mentors` mentors of
each skill asked for over twice its capacity happy to run a circle of up to 5. Prints per
size: wall and CPU seconds, the proof, pairs, circles and seats, the branch-and-bound
nodes, flow solves and pricing rounds, the candidate pairs listed, and the peak memory
(max RSS) of the process so far.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cohorts import Case, make
from bot.matching import match_round

OPEN_SHARE = 1 / 3
CIRCLE_SIZE = 5


def with_circles(case: Case, seed: int, per_skill: int) -> Case:
    """The same cohort, with circles offered on the oversubscribed skills."""
    rng = random.Random(seed)
    demand: dict[str, int] = {}
    supply: dict[str, int] = {}
    for p in case.people:
        for s in p.requests:
            demand[s] = demand.get(s, 0) + 1
        for s in p.offers:
            supply[s] = supply.get(s, 0) + p.capacity
    busy = {s for s in demand if demand[s] > 2 * supply.get(s, 0) and supply.get(s, 0)}
    offered: dict[str, int] = {}
    people = []
    for p in case.people:
        sizes = {}
        for s in sorted(set(p.offers) & busy):
            offered[s] = offered.get(s, 0) + 1
            if offered[s] <= per_skill:
                sizes[s] = CIRCLE_SIZE
        people.append(replace(p, circle_sizes=sizes, open_to_circle=rng.random() < OPEN_SHARE))
    return Case(people, case.history, case.blocks, case.settings)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--circle-mentors", type=int, default=2)
    args = parser.parse_args()
    for size in args.sizes:
        case = with_circles(make("scarce", size, args.seed), args.seed, args.circle_mentors)
        wall, cpu = time.perf_counter(), _cpu()
        result = match_round(
            case.people, history=case.history, blocks=case.blocks, settings=case.settings
        )
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        seats = sum(len(c.learners) for c in result.circles)
        st = result.stats
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"scarce + circles at {size:,} people, seed {args.seed},"
            f" {args.circle_mentors} circle mentors per busy skill"
        )
        print(f"  {wall:.2f} s wall, {cpu:.2f} s CPU, proved {result.optimal}")
        print(
            f"  {len(result.pairs):,} pairs, {len(result.circles):,} circles, {seats:,} seats;"
            f" {st.get('circle_nodes', 0):.0f} nodes, {st.get('flow_solves', 0):.0f} flow"
            f" solves, {st.get('pricing_rounds', 0):.0f} pricing rounds,"
            f" {st.get('candidates', 0):,.0f} candidate pairs"
        )
        print(f"  peak memory so far: {peak:.0f} MB")


if __name__ == "__main__":
    main()
