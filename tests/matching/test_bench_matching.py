"""`make bench`'s matching benchmark runs as people run it: its own script, a fresh process
per case, one row per family and size, then the linear reference that its growth is read
against."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.db_independent

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_matching.py"


def test_the_matrix_and_the_linear_reference_print_a_row_per_case(tmp_path) -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "300,600", "--families", "abundant,scarce"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,  # the script finds the project itself, wherever it is started
    )
    assert run.returncode == 0, run.stderr
    rows = run.stdout.splitlines()
    for family in ("abundant", "scarce"):
        small, large = (r for r in rows if r.startswith(family))
        assert small.split()[1] == "300" and "yes" in small.split()
        # the share of two-way pairs, and candidates per mentee served (or - on the hub)
        assert re.search(r" \d+% +(\d+\.\d|-) ", small) and re.search(r" \d+% ", large)
        assert large.split()[1] == "600" and re.search(r" \d+\.\dx$", large)
    reference = rows[rows.index(next(r for r in rows if r.startswith("linear reference"))) + 1 :]
    assert len(reference) == 8  # four kinds of work at two sizes
    grown = [r for r in reference if re.search(r" 600 .* \d+\.\dx$", r)]
    assert len(grown) == 4, reference


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="counting needs valgrind")
def test_instructions_are_counted_per_round_and_grow_with_the_cohort(tmp_path) -> None:
    command = ["--instructions", "--sizes", "300,1200", "--families", "abundant"]
    run = subprocess.run(
        [sys.executable, str(SCRIPT), *command],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    rows = run.stdout.splitlines()
    assert rows[0].startswith("seed 1: instructions")
    small, large = (r for r in rows if r.startswith("abundant"))
    counts = [_millions(row.split()[2:4]) for row in (small, large)]
    # The round's own work: far more than the switching around it, and more for a cohort
    # four times the size (a count that missed the round would not grow).
    assert 20 < counts[0] < counts[1], rows
    assert "yes" in large.split() and re.search(r" \d+\.\dx$", large)
    reference = rows[rows.index(next(r for r in rows if r.startswith("linear reference"))) + 1 :]
    assert len(reference) == 8 and all(re.search(r" \d+\.\d [MG] ", r) for r in reference)


def _millions(count: list[str]) -> float:
    value, unit = count
    return float(value) * (1000 if unit == "G" else 1)
