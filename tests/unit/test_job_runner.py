"""The job runner: exactly one log line per run, through job_log, and no escaping errors."""

from __future__ import annotations

import logging

from bot.core.logging_setup import ContextFormatter
from bot.jobs.run_job import run_job

FORMAT = ContextFormatter("%(levelname)s %(name)s %(message)s")


def job_lines(caplog) -> list[str]:
    return [FORMAT.format(r) for r in caplog.records if r.name == "mentorbot.jobs"]


def fields(line: str) -> dict[str, str]:
    first = line.split("\n", 1)[0]
    return dict(part.split("=", 1) for part in first.split() if "=" in part)


def test_a_job_that_returns_a_number_logs_it(caplog):
    caplog.set_level(logging.DEBUG)
    assert run_job("send", lambda: 7) == 7
    [line] = job_lines(caplog)
    assert line.startswith("INFO mentorbot.jobs job done ")
    found = fields(line)
    assert found.pop("duration_ms").isdigit()
    assert found == {"job": "send", "count": "7"}
    assert len(caplog.records) == 1  # nothing else, not even at DEBUG


def test_a_workspace_job_names_the_workspace(caplog):
    caplog.set_level(logging.INFO)
    outcome = object()
    assert run_job("round", lambda: outcome, team_id="T9") is outcome
    [line] = job_lines(caplog)
    assert set(fields(line)) == {"job", "team_id", "duration_ms"}
    assert fields(line)["team_id"] == "T9" and fields(line)["job"] == "round"


def test_a_failing_job_logs_one_line_with_its_traceback_and_returns_none(caplog):
    caplog.set_level(logging.DEBUG)

    def broken() -> int:
        raise RuntimeError("database went away")

    assert run_job("checkins", broken, team_id="T1") is None
    [record] = caplog.records
    assert record.levelname == "ERROR" and record.getMessage() == "job failed"
    formatted = FORMAT.format(record)
    assert set(fields(formatted)) == {"job", "team_id", "duration_ms"}
    assert fields(formatted)["job"] == "checkins"
    assert "RuntimeError: database went away" in formatted  # the traceback follows


def test_true_and_false_are_not_counts(caplog):
    caplog.set_level(logging.INFO)
    run_job("flag", lambda: True)
    [line] = job_lines(caplog)
    assert "count=" not in line
