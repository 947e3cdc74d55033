"""`mentorbot match` end to end: in-process through `main`, and as a subprocess."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from bot.entrypoints.match_cli import main
from bot.matching.csv_io import CsvError, read_people

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
HEADER = "id,name,offers,requests,capacity,tz_offset_hours,career_stage,paused\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def people(tmp_path: Path) -> Path:
    return write(
        tmp_path / "people.csv",
        HEADER
        + "a,Ana,Kubernetes:5;Public speaking,python:2,2,1,early,false\n"
        + "b,Bo,python:4,k8s:3,,,executive,\n"
        + "c,Cy,Negotiation:2,Budgeting:1;public speaking,1,-5,,true\n",
    )


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_read_people_defaults_and_aliases(people: Path) -> None:
    loaded = read_people(people)
    a, b, c = loaded.participants
    assert a.offers == {"kubernetes": 5, "public-speaking": 3}
    assert b.requests == {"kubernetes": 3} and b.capacity == 1 and b.tz_offset_hours == 0
    assert c.paused and c.career_stage is None
    assert loaded.labels["kubernetes"] == "Kubernetes"
    assert loaded.names["a"] == "Ana"


def test_pairs_to_stdout_and_summary_to_stderr(people: Path, capsys) -> None:
    assert main(["--people", str(people)]) == 0
    out, err = capsys.readouterr()
    pairs = rows(out)
    assert {(r["mentor"], r["mentee"], r["skill"]) for r in pairs} == {
        ("a", "b", "Kubernetes"),
        ("b", "a", "Python"),
    }
    assert all(r["two_way"] == "true" for r in pairs)
    assert "3 participants, 4 open requests, 2 served, 2 two-way pairs, 1 reverse pairs" in err


def test_files_written(people: Path, tmp_path: Path, capsys) -> None:
    out, unmatched = tmp_path / "pairs.csv", tmp_path / "unmatched.csv"
    code = main(["--people", str(people), "--out", str(out), "--unmatched", str(unmatched)])
    assert code == 0
    assert capsys.readouterr().out == ""
    assert len(rows(out.read_text())) == 2
    assert rows(unmatched.read_text()) == [
        {"id": "c", "skill": "Budgeting", "reason": "paused",
         "text": "You are paused, so Budgeting waits until you are back."},
        {"id": "c", "skill": "Public speaking", "reason": "paused",
         "text": "You are paused, so Public speaking waits until you are back."},
    ]  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "pairs.csv",
        "people.csv",
        "unmatched.csv",
    ]


def test_history_and_blocks(people: Path, tmp_path: Path, capsys) -> None:
    history = write(tmp_path / "history.csv", "a,b,weeks_ago\nb,a,3\n")
    assert main(["--people", str(people), "--history", str(history)]) == 0
    assert rows(capsys.readouterr().out) == []
    assert main(["--people", str(people), "--history", str(history), "--cooldown-weeks", "2"]) == 0
    assert len(rows(capsys.readouterr().out)) == 2
    blocks = write(tmp_path / "blocks.csv", "a,b\na,b\n")
    assert main(["--people", str(people), "--blocks", str(blocks)]) == 0
    assert rows(capsys.readouterr().out) == []


WHOLE = "expected a whole number from"
BAD_ROWS = [
    ("d,Di,python:3,,lots,0,,false", "capacity", f'{WHOLE} 0 to 50, got "lots"'),
    ("d,Di,python:9,,1,0,,false", "offers", f'{WHOLE} 1 to 5, got "9"'),
    ("d,Di,python,go:-1,1,0,,false", "requests", f'{WHOLE} 0 to 520, got "-1"'),
    ("d,Di,p/q,,1,0,,false", "offers", '"p/q" is not a skill: a skill can use letters'),
    ("d,Di,python,,1,25,,false", "tz_offset_hours", "expected a UTC offset in hours from"),
    ("d,Di,python,,1,0,boss,false", "career_stage", "expected one of early, mid, senior"),
    ("d,Di,python,,1,0,,maybe", "paused", 'expected true or false, got "maybe"'),
    ("a,Again,python,,1,0,,false", "id", 'duplicate id "a" (first on row 2)'),
    (",Nobody,python,,1,0,,false", "id", "expected an id, got an empty cell"),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD_ROWS)
def test_bad_people_rows(
    people: Path, tmp_path: Path, capsys, row: str, column: str, message: str
) -> None:
    people.write_text(people.read_text() + row + "\n")
    out = tmp_path / "pairs.csv"
    assert main(["--people", str(people), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{people}: row 5, column {column}: {message}")
    assert not out.exists()


def test_bad_history_and_blocks_are_all_reported(people: Path, tmp_path: Path, capsys) -> None:
    history = write(tmp_path / "history.csv", "a,b,weeks_ago\na,zed,3\nb,a,soon\n")
    blocks = write(tmp_path / "blocks.csv", "a,b\nq,a\n")
    out = write(tmp_path / "pairs.csv", "old content\n")
    args = ["--people", str(people), "--history", str(history), "--blocks", str(blocks)]
    assert main([*args, "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f'{history}: row 2, column b: unknown id "zed" (not in the people file)',
        f'{history}: row 3, column weeks_ago: expected a whole number from 0 to 5200, got "soon"',
        f'{blocks}: row 2, column a: unknown id "q" (not in the people file)',
    ]
    assert out.read_text() == "old content\n"  # untouched on error


def test_missing_file_and_missing_columns(tmp_path: Path, capsys) -> None:
    assert main(["--people", str(tmp_path / "nope.csv")]) == 2
    assert capsys.readouterr().err.strip() == f"{tmp_path / 'nope.csv'}: file not found"
    bad = write(tmp_path / "people.csv", "id,name,skills\na,Ana,python\n")
    assert main(["--people", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == f"{bad}: row 1: missing column(s) offers, requests"
    with pytest.raises(CsvError):
        read_people(bad)


def test_bad_settings(people: Path, capsys) -> None:
    assert main(["--people", str(people), "--cooldown-weeks", "-3"]) == 2
    assert "cooldown_weeks" in capsys.readouterr().err


def test_subprocess_on_the_examples(tmp_path: Path) -> None:
    unmatched = tmp_path / "unmatched.csv"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "match",
         "--people", str(EXAMPLES / "people.csv"),
         "--history", str(EXAMPLES / "history.csv"),
         "--blocks", str(EXAMPLES / "blocks.csv"),
         "--unmatched", str(unmatched)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pairs = rows(done.stdout)
    assert len(pairs) >= 20
    assert any(r["two_way"] == "true" for r in pairs) and any(r["reverse"] == "true" for r in pairs)
    assert "optimal (proved)" in done.stderr
    reasons = {r["reason"] for r in rows(unmatched.read_text())}
    assert {"paused", "no_offer"} <= reasons


def test_subprocess_bad_file_exits_2(tmp_path: Path) -> None:
    people = write(tmp_path / "people.csv", HEADER + "a,Ana,python:3,go,lots,0,,false\n")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "match", "--people", str(people)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (
        f'{people}: row 2, column capacity: expected a whole number from 0 to 50, got "lots"'
    )


def test_long_rounds_show_progress_and_the_summary_counts_solves(
    people: Path, capsys, monkeypatch
) -> None:
    from bot.entrypoints import match_cli as cli

    assert main(["--people", str(people)]) == 0
    quick = capsys.readouterr().err
    assert "mentorbot match:" not in quick  # a fast round prints only its summary
    assert " flow solves" in quick and "edges priced" in quick
    assert "hub network, " in quick or "pruned candidate set, " in quick
    monkeypatch.setattr(cli, "PROGRESS_AFTER_SECONDS", 0.0)  # as if the round were slow
    assert main(["--people", str(people)]) == 0
    err = capsys.readouterr().err
    assert "mentorbot match:" in err and "solve 1:" in err and "proved optimal" in err
