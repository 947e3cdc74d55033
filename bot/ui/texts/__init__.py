"""The bot's longer copy, kept as Markdown-ish files that are easy to edit."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def text(name: str) -> str:
    """The text in `bot/ui/texts/<name>.md`, without its trailing newline."""
    return resources.files(__name__).joinpath(f"{name}.md").read_text("utf-8").rstrip("\n")
