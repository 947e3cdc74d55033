"""`mentorbot round --team T [--dry-run]` against the database the bot uses."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from sqlalchemy import func, select

from bot.cycle.schedule import Cadence, ScheduleRule
from bot.db.models import OutboxMessage, Pair, Round, Schedule
from bot.entrypoints.cli import main
from bot.entrypoints.round_cli import round_name
from tests.e2e.cycle_helpers import add_person


@pytest.fixture
def cli_env(monkeypatch, deps, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", deps.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")


def count(deps, model):
    with deps.sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_dry_run_prints_pairs_and_reasons_and_stores_nothing(cli_env, deps, fake_slack, capsys):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    add_person(deps, fake_slack, "U3", "Alan", requests={"Rust": "Write a CLI"})
    assert main(["round", "--team", "T1", "--dry-run"]) == 0
    out = capsys.readouterr().out
    # The round is named by its day (the command runs on the real clock), never "2026-W49".
    assert re.search(r"Dry run of the round of Monday \d+ \w+ \d{4} for T1", out), out
    assert "nothing is stored" in out and "-W" not in out
    assert "Ada (U1) teaches Grace (U2) Python" in out
    assert "Ada offers Python at level 4 and Grace asked to learn it" in out
    assert "not served: Alan (U3) Rust: Nobody offers Rust yet." in out
    assert "1 pair, 1 request not served" in out
    for model in (Round, Pair, OutboxMessage, Schedule):
        assert count(deps, model) == 0


def test_round_runs_once_and_queues_the_messages(cli_env, deps, fake_slack, capsys):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    assert main(["round", "--team", "T1"]) == 0
    out = capsys.readouterr().out
    assert "1 pair; every request in the round was served." in out
    assert "1 pairs" not in out and "0 people" not in out
    assert (count(deps, Round), count(deps, Pair), count(deps, OutboxMessage)) == (1, 1, 1)
    assert main(["round", "--team", "T1"]) == 1
    again = capsys.readouterr().out
    assert re.search(r"The round of Monday \d+ \w+ \d{4} for T1 has already run", again)
    assert count(deps, Pair) == 1


def test_a_run_counts_the_people_told_why_they_were_not_matched(cli_env, deps, fake_slack, capsys):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    add_person(deps, fake_slack, "U3", "Alan", requests={"Rust": "Write a CLI"})
    assert main(["round", "--team", "T1"]) == 0
    assert "1 pair; 1 person told why they were not matched." in capsys.readouterr().out


def test_a_run_with_nobody_asking_says_so(cli_env, deps, fake_slack, capsys):
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    assert main(["round", "--team", "T1"]) == 0
    assert ": no pairs; there were no open requests." in capsys.readouterr().out


def test_unknown_team_is_refused(cli_env, deps, capsys):
    assert main(["round", "--team", "TNOPE", "--dry-run"]) == 2
    assert "no workspace TNOPE" in capsys.readouterr().err


def test_dry_run_counts_a_two_way_exchange_as_one_pair_like_the_preview_and_the_run(
    cli_env, deps, fake_slack, capsys
):
    # Ada and Grace teach each other: one pair everywhere, with one score for both sides.
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4},
               requests={"public speaking": "Present the roadmap"})  # fmt: skip
    add_person(deps, fake_slack, "U2", "Grace", offers={"public speaking": 5},
               requests={"python": "Automate reports"})  # fmt: skip
    from bot.services.admin_rounds import preview_round

    preview = preview_round(deps, "T1")
    assert len(preview.pairs) == 1
    assert main(["round", "--team", "T1", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n- ") == 1, out  # one pair line
    assert "1 pair, 0 requests not served" in out
    assert "teach each other" in out and "[two-way]" in out
    assert out.count(", fit ") == 1  # one score for the exchange, not one per direction
    assert "higher is better" in out and "score" not in out
    assert main(["round", "--team", "T1"]) == 0
    assert "1 pair;" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("period", "cadence", "weekday", "expected"),
    [
        ("2026-W49", "weekly", 0, "the round of Monday 30 November 2026"),
        ("2026-W53", "weekly", 3, "the round of Thursday 31 December 2026"),
        ("2026-12", "monthly", 0, "the round of Monday 7 December 2026"),
        ("2027-02", "monthly", 0, "the round of Monday 1 February 2027"),
        ("garbled", "weekly", 0, "the garbled round"),
    ],
)
def test_rounds_are_named_by_their_day(period, cadence, weekday, expected):
    rule = ScheduleRule(weekday, time(9), "UTC", Cadence(cadence), date(2026, 11, 2))
    assert round_name(period, rule) == expected
