"""`/healthz`: 200 while the database answers, 503 when it doesn't."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from bot.app import create_app
from bot.db.session import make_engine
from bot.entrypoints.web import make_http_server
from tests.support.bot_server import ServerThread


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_healthy_when_the_database_answers(bot):
    assert get(f"{bot.url}/healthz") == (200, {"status": "ok", "database": True})


def test_unavailable_when_the_database_does_not_answer(deps, tmp_path):
    app = create_app(deps)
    broken = make_engine(f"sqlite:///{tmp_path}/missing-dir/nope.db")
    with ServerThread(make_http_server(app, broken, host="127.0.0.1", port=0, threads=2)) as srv:
        assert get(f"{srv.url}/healthz") == (503, {"status": "unavailable", "database": False})


def test_unknown_paths_are_404(bot):
    try:
        urllib.request.urlopen(f"{bot.url}/nope", timeout=5)
    except urllib.error.HTTPError as error:
        assert error.code == 404
    else:
        raise AssertionError("expected 404")
