"""Program health in `/mentor admin stats` and App Home, the CSV export (DM and CLI), the
chart, and the privacy rule: nothing private ever reaches anything an admin sees."""

from __future__ import annotations

import csv
import io
import json
import struct

import numpy as np
import pytest
from matplotlib.image import imread

from bot.core import ids
from bot.entrypoints.cli import main
from bot.ui.chart import DPI, HEIGHT_INCHES, WIDTH_INCHES
from tests.e2e.admin_helpers import (
    ADMIN,
    PRIVATE_TEXTS,
    add_admin_user,
    command,
    home_container,
    open_preview,
    published_home,
    reply_to,
    seed_program,
    settings_values,
    wait_for_view,
)
from tests.e2e.cycle_helpers import deliver, everything_sent, finish_setup
from tests.e2e.helpers import visible_text
from tests.support.slack_requests import modal_view

HAND_COUNTED = (
    "*People taking part*\n6 active, 2 paused",
    "*Open requests*\n4: 1 waiting under a week, 1 waiting 1 to 4 weeks, 2 waiting over 4 "
    "weeks; the longest for 40 days",
    "*Active pairs*\n2 (1 two-way, 1 reverse)",
    "*Pairs this quarter*\n2 (1 two-way)",
    "*Met at least once*\n67% (2 of 3 pairs with a check-in)",
    "• *Rust*: 2 want to learn it, nobody offers it",  # Carol's is paused: not demand now
    "Sep 14           1     0          4",
    "Oct 5            1     1          3",
    "Nov 2            1     1          4",
)


@pytest.fixture
def program(deps, fake_slack):
    seed_program(deps, fake_slack)
    add_admin_user(fake_slack)
    finish_setup(deps)


def uploads_by_name(fake_slack) -> dict[str, bytes]:
    return {upload.filename: upload.data for upload in fake_slack.uploads}


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_stats_command_gives_the_hand_counted_health(slack, fake_slack, deps, program):
    reply = reply_to(fake_slack, command(slack, fake_slack, "admin stats"))
    assert reply["response_type"] == "ephemeral"
    words = visible_text(reply)
    for expected in HAND_COUNTED:
        assert expected in words
    assert "All 3 rounds so far" in words and "Last 3 rounds" not in words


def test_admin_app_home_shows_the_same_health(slack, fake_slack, deps, program):
    words = visible_text(published_home(slack, fake_slack, ADMIN))
    for expected in HAND_COUNTED:
        assert expected in words


def test_export_dms_two_csv_files_with_participants_and_pairs(slack, fake_slack, deps, program):
    reply = reply_to(fake_slack, command(slack, fake_slack, "admin export"))
    assert "on its way to you in a direct message" in visible_text(reply)
    [completed] = fake_slack.wait_for("files.completeUploadExternal")
    [opened] = fake_slack.calls_to("conversations.open")
    assert opened.params["users"] == ADMIN
    assert completed.params["channel_id"] == opened.response["channel"]["id"]
    assert len(fake_slack.calls_to("files.getUploadURLExternal")) == 2
    files = uploads_by_name(fake_slack)
    assert sorted(files) == [
        "mentoring-pairs-2026-11-23.csv",
        "mentoring-participants-2026-11-23.csv",
    ]

    people = {
        row["slack_user_id"]: row for row in rows(files["mentoring-participants-2026-11-23.csv"])
    }
    assert sorted(people) == sorted(
        f"U{name}" for name in ("ADA", "GRACE", "LINUS", "MARGARET", "ALAN", "BARBARA", "CAROL",
                                "DAVE", "EVE", "FRANK")
    )  # fmt: skip
    assert people["UADA"] | {"joined_on": ""} == {
        "slack_user_id": "UADA", "name": "Ada", "status": "active", "career_stage": "",
        "open_to_reverse": "yes", "mentor_capacity": "1", "offers": "Python (4); SQL (2)",
        "open_requests": "", "matched_requests": "", "joined_on": "",
    }  # fmt: skip
    assert people["UBARBARA"]["open_requests"] == "Go; Rust"
    assert people["UGRACE"]["matched_requests"] == "Python"
    assert (people["ULINUS"]["status"], people["UDAVE"]["status"]) == ("paused", "active")
    assert people["UEVE"]["status"] == "deactivated"

    pairs = rows(files["mentoring-pairs-2026-11-23.csv"])
    assert [(p["mentor_name"], p["mentee_name"], p["status"]) for p in pairs] == [
        ("Ada", "Grace", "active"),
        ("Linus", "Margaret", "active"),
        ("Dave", "Barbara", "ended"),
    ]
    ada_grace, linus_margaret, dave_barbara = pairs
    assert (ada_grace["skill"], ada_grace["return_skill"], ada_grace["two_way"]) == (
        "Python", "Public speaking", "yes"
    )  # fmt: skip
    assert (ada_grace["started_on"], ada_grace["checkins_sent"], ada_grace["met_answers"]) == (
        "2026-11-02", "2", "1"
    )  # fmt: skip
    assert linus_margaret["reverse"] == "yes"
    assert (dave_barbara["ended_on"], dave_barbara["end_reason"]) == ("2026-11-09", "not_a_fit")
    exported = b"".join(files.values()).decode()
    assert "UOTHER" not in exported and "goal of" not in exported


def test_export_defuses_spreadsheet_formulas(slack, fake_slack, deps, program):
    from bot.db.models import Member

    with deps.sessions.begin() as session:
        session.add(Member(team_id="T1", slack_user_id="UEVIL",
                           display_name='=HYPERLINK("http://x","click")'))  # fmt: skip
    command(slack, fake_slack, "admin export")
    fake_slack.wait_for("files.completeUploadExternal")
    people = {r["slack_user_id"]: r for r in rows(uploads_by_name(fake_slack)[
        "mentoring-participants-2026-11-23.csv"])}  # fmt: skip
    assert people["UEVIL"]["name"] == '\'=HYPERLINK("http://x","click")'


def test_export_from_the_cli_writes_the_same_files(monkeypatch, deps, tmp_path, capsys):
    seed_program(deps)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", deps.engine.url.render_as_string(hide_password=False))
    out = tmp_path / "export"
    assert main(["export", "--team", "T1", "--out", str(out)]) == 0
    written = sorted(path.name for path in out.iterdir())
    assert written[0].startswith("mentoring-pairs-") and written[1].startswith(
        "mentoring-participants-"
    )
    assert "wrote" in capsys.readouterr().out
    pairs = rows((out / written[0]).read_bytes())
    assert len(pairs) == 3
    assert main(["export", "--team", "TNOPE", "--out", str(out)]) == 2


def test_chart_is_posted_as_a_png_in_the_admins_dm(slack, fake_slack, deps, program):
    reply_to(fake_slack, command(slack, fake_slack, "admin chart"))
    [completed] = fake_slack.wait_for("files.completeUploadExternal")
    [upload] = fake_slack.uploads
    assert upload.filename == "mentoring-health.png"
    # Three rounds ran: the title says so, as the table above the chart does.
    title = completed.params["files"][0]["title"]
    assert title == "Mentoring program health: all 3 rounds so far"
    width, height = struct.unpack(">II", upload.data[16:24])
    assert (width, height) == (int(WIDTH_INCHES * DPI), int(HEIGHT_INCHES * DPI))
    pixels = imread(io.BytesIO(upload.data))[..., :3]
    assert (pixels < 0.95).any(axis=-1).mean() > 0.03  # not blank
    assert (np.abs(pixels - np.array([0x2E, 0x5E, 0x4E]) / 255).max(axis=-1) < 0.02).sum() > 50

    # The App Home button does the same.
    slack.action(ids.ADMIN_SEND_CHART, user_id=ADMIN, value="chart", view=home_container(ADMIN))
    fake_slack.wait_for("files.completeUploadExternal", count=2)


def test_nothing_private_reaches_anything_an_admin_sees(slack, fake_slack, deps, program, clock):
    # Every admin surface: App Home, stats, settings, preview (and re-solve), Run now,
    # export, chart, and the round's announcement with names turned on.
    published_home(slack, fake_slack, ADMIN)
    reply_to(fake_slack, command(slack, fake_slack, "admin stats"))
    command(slack, fake_slack, "admin")
    wait_for_view(fake_slack, "views.open", ids.ADMIN_SETTINGS_MODAL)
    slack.submit_view(ids.ADMIN_SETTINGS_MODAL, user_id=ADMIN,
                      values=settings_values(channel="CANNOUNCE", name_pairs=True))  # fmt: skip
    view = open_preview(slack, fake_slack)
    # Shaping the round: a re-solve's before and after.
    inside = modal_view(ids.ADMIN_PREVIEW_MODAL, private_metadata=view["private_metadata"])
    slack.action(ids.ADMIN_SHAPE_RESOLVE, user_id=ADMIN, value="resolve", view=inside)
    fake_slack.wait_for("views.update", where=lambda c: "Served:" in json.dumps(c.params))
    slack.submit_view(ids.ADMIN_PREVIEW_MODAL, values={}, user_id=ADMIN,
                      private_metadata=view["private_metadata"])  # fmt: skip
    slack.submit_view(ids.ADMIN_RUN_CONFIRM_MODAL, values={}, user_id=ADMIN,
                      private_metadata=view["private_metadata"])  # fmt: skip
    fake_slack.wait_for("views.update", where=lambda c: "round ran" in json.dumps(c.params))
    deliver(deps)
    command(slack, fake_slack, "admin export")
    command(slack, fake_slack, "admin chart")
    fake_slack.wait_for("files.completeUploadExternal", count=2)
    published_home(slack, fake_slack, ADMIN)

    seen = everything_sent(fake_slack) + "".join(
        upload.data.decode("utf-8", errors="replace") for upload in fake_slack.uploads
    )
    assert "CANNOUNCE" in seen and "mentoring-pairs" in seen  # the surfaces really were seen
    for private in PRIVATE_TEXTS:
        assert private not in seen
