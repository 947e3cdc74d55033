""".env.example documents every setting, and copied as it is, sets none of them."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.config import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"
ASSIGNMENT = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def test_every_setting_is_documented_and_nothing_else():
    documented = ASSIGNMENT.findall(EXAMPLE.read_text())
    assert len(documented) == len(set(documented)), "a setting is listed twice"
    assert set(documented) == {name.upper() for name in Settings.model_fields}


def test_the_example_copied_as_is_leaves_every_setting_at_its_default(monkeypatch):
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    from_example = Settings(_env_file=EXAMPLE)
    assert from_example == Settings(_env_file=None)
    assert from_example.slack_app_token is None and from_example.slack_bot_token is None
