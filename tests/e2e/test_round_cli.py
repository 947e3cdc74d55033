"""`mentorbot round --team T [--dry-run]` against the database the bot uses."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.cli import main
from bot.db.models import OutboxMessage, Pair, Round, Schedule
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
    assert "Dry run" in out and "nothing is stored" in out
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
    assert "1 pair, 0 people told why" in out and "1 pairs" not in out
    assert (count(deps, Round), count(deps, Pair), count(deps, OutboxMessage)) == (1, 1, 1)
    assert main(["round", "--team", "T1"]) == 1
    assert "already run" in capsys.readouterr().out
    assert count(deps, Pair) == 1


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
    assert out.count("score ") == 1  # one score for the exchange, not one per direction
    assert main(["round", "--team", "T1"]) == 0
    assert "1 pair," in capsys.readouterr().out
