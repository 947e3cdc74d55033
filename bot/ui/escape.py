"""Escaping of user text before it goes into mrkdwn."""

from __future__ import annotations


def escape_mrkdwn(text: str) -> str:
    """Neutralise Slack's control characters, so user text can't mention or link anyone.

    Only `&`, `<` and `>` are special; `&` goes first so the other replacements survive.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
