"""`make bench`'s matching benchmark runs as people run it: its own script, a fresh process
per case, one row per family and size, then the linear reference that its growth is read
against."""

from __future__ import annotations

import re
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
        assert large.split()[1] == "600" and re.search(r" \d+\.\dx$", large)
    reference = rows[rows.index(next(r for r in rows if r.startswith("linear reference"))) + 1 :]
    assert len(reference) == 8  # four kinds of work at two sizes
    grown = [r for r in reference if re.search(r" 600 .* \d+\.\dx$", r)]
    assert len(grown) == 4, reference
