"""How the bot names people and counts things in copy: one place for both (pure)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.matching.reasons import render_reason
from bot.ui.escape import escape_mrkdwn


def mention(slack_user_id: str) -> str:
    """A mention: Slack shows it as the person's current name, in mrkdwn only."""
    return f"<@{slack_user_id}>"


def mention_or(slack_user_id: str | None, fallback: str) -> str:
    """A mention, or `fallback` for someone who left (their row keeps no Slack id)."""
    user = slack_user_id or ""
    if user[:1] in ("U", "W") and user.isalnum():
        return mention(user)
    return fallback


def plain_name(display_name: str | None, *, fallback: str = "your partner") -> str:
    """A name for plain text (notifications, plain_text fields): never a raw user id."""
    return (display_name or "").strip() or fallback


def clip(words: str, limit: int) -> str:
    """`words`, cut at a word boundary with "…" when longer than `limit` characters:
    what people typed is shown back in part, never a wall of text."""
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def sentence(words: str) -> str:
    """`words` ending in one full stop, even when a name in it already ends with one."""
    return words if words.endswith((".", "!", "?")) else words + "."


def and_list(words: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"; "" for none."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 request", "2 requests"; `many` for irregular words ("person", "people")."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def reason_line(reason: str, *, mentor: str, mentee: str) -> str:
    """A pair's reason as mrkdwn for this reader, first letter capitalised.

    `mentor` and `mentee` are already mrkdwn (mentions, or escaped names); the reason's own
    words (skill labels people typed) are escaped before the names go in.
    """
    line = render_reason(escape_mrkdwn(reason), mentor=mentor, mentee=mentee)
    return line[:1].upper() + line[1:]


def reason_plain(reason: str, *, mentor: str, mentee: str) -> str:
    """A pair's reason as plain text (the CLI), first letter capitalised."""
    line = render_reason(reason, mentor=mentor, mentee=mentee)
    return line[:1].upper() + line[1:]
