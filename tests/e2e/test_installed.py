"""mentorbot installed the way a user installs it: a wheel in a fresh venv, started from an
empty directory, far from the checkout (its migrations and texts must travel inside)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.support.bot_process import running_bot
from tests.support.slack_requests import SlackClient

# The bot runs from its own venv and SQLite file: the test database is not involved.
pytestmark = pytest.mark.db_independent

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# What a build needs, and all it gets: the same list the Dockerfile copies.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "bot", "migrations")


@dataclass(frozen=True)
class Installed:
    bin: Path

    @property
    def mentorbot(self) -> str:
        return str(self.bin / "mentorbot")


def _env(**extra: str) -> dict[str, str]:
    """The test's environment without anything that could point back at the checkout."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "DATABASE_URL", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", **extra)
    return env


def _run(*command: str | Path, timeout: float, cwd: Path | None = None) -> None:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel from a copy of the sources, then `pip install` it into a new venv.

    The install is a normal one, dependencies and all, so the wheel's dependency list is
    tested too. Measured on a loaded two-core machine with pip's cache filled by
    `make install`: the wheel builds in about 2 s; a venv with its own pip then installing
    it took 3 s + 18 s, while the test venv's pip installing into a venv without pip
    (`pip --python`), skipping byte-compilation, takes 6 to 14 s. Installing with
    --no-deps on top of the test venv's site-packages (a .pth file) would save a few more
    seconds but miss a dependency the wheel forgets to declare.
    """
    work = tmp_path_factory.mktemp("installed")
    source = work / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(
                path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.so")
            )
        else:
            shutil.copy2(path, source / name)
    # The build runs in the copy, so the checkout gets no build/ or *.egg-info.
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", source,
         timeout=300)  # fmt: skip
    (wheel,) = (work / "dist").glob("mentorbot-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, timeout=120)
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q",
         "--no-compile", wheel, timeout=600)  # fmt: skip
    return Installed(bin=venv / "bin")


def mentorbot(
    installed: Installed, cwd: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [installed.mentorbot, *args],
        cwd=cwd,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_dockerfile_builds_from_the_same_inputs():
    """The image builds its wheel the way this test does; a new build input goes in both."""
    copied: set[str] = set()
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        words = line.split()
        if words[:1] == ["COPY"] and not any(w.startswith("--from") for w in words):
            copied.update(words[1:-1])
    assert copied == set(BUILD_INPUTS)


def _installed_file(installed: Installed, cwd: Path, module: str) -> Path:
    """Where the installed venv's Python imports `module` from, run outside the checkout."""
    done = subprocess.run(
        [str(installed.bin / "python"), "-c", f"import {module} as m; print(m.__file__)"],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


def test_the_venv_runs_the_installed_package_not_the_checkout(installed, tmp_path):
    location = _installed_file(installed, tmp_path, "bot.migrations")
    assert location.is_relative_to(installed.bin.parent), location
    assert (location.parent / "script.py.mako").is_file()
    assert sorted(p.name for p in (location.parent / "versions").glob("*.py")) == sorted(
        p.name for p in (ROOT / "migrations" / "versions").glob("*.py")
    )


def test_db_upgrade_from_an_empty_directory(installed, tmp_path):
    database = tmp_path / "mentorbot.db"
    upgraded = mentorbot(installed, tmp_path, "db", "upgrade", DATABASE_URL=f"sqlite:///{database}")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Traceback" not in upgraded.stderr

    current = mentorbot(installed, tmp_path, "db", "current", DATABASE_URL=f"sqlite:///{database}")
    assert current.returncode == 0, current.stderr
    with sqlite3.connect(database) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert current.stdout.strip() == revision
    assert {"workspaces", "members", "outbox_messages", "pairs"} <= tables


def test_run_in_http_mode_from_an_empty_directory(installed, tmp_path, fake_slack):
    fake_slack.add_user("U1", display_name="Ada")
    database = tmp_path / "bot.db"
    env = _env(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.base_url,
        DATABASE_URL=f"sqlite:///{database}",
    )
    with running_bot([installed.mentorbot, "run"], cwd=tmp_path, env=env) as bot:
        # A reply that needs the packaged skill aliases (bot/data) to understand the text.
        slack = SlackClient(bot.url, signing_secret=SIGNING_SECRET, fake=fake_slack)
        response = slack.command(
            "offer social-media", user_id="U1", response_url=fake_slack.response_url("installed")
        )
        assert response.status == 200
        reply = fake_slack.wait_for("response_url")[0].params
        assert "Social media" in str(reply["blocks"])
    assert "Traceback" not in bot.stderr, bot.stderr
    assert database.exists()


def test_match_on_the_examples(installed, tmp_path):
    done = mentorbot(
        installed,
        tmp_path,
        "match",
        "--people", str(EXAMPLES / "people.csv"),
        "--history", str(EXAMPLES / "history.csv"),
        "--blocks", str(EXAMPLES / "blocks.csv"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pairs = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(pairs) >= 20
    assert "optimal (proved)" in done.stderr


@pytest.mark.parametrize("module", ["bot.matching._ssp", "bot.matching._mcf"])
def test_the_installed_wheel_carries_the_compiled_solvers(installed, tmp_path, module):
    location = _installed_file(installed, tmp_path, module)
    assert location.is_relative_to(installed.bin.parent), location
