"""A workspace uninstalling the app (every row of it purged), and revoked user tokens."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bot.db.models import Base, ProcessedEvent, slack_bots, slack_installations
from bot.db.session import rowcount

# Not workspace data: the record that an uninstall was handled must survive the purge it
# triggered, or a retry of that event would look new (it is pruned after a few days).
_KEPT_ON_PURGE = frozenset({ProcessedEvent.__tablename__})


def purge_workspace(
    session: Session,
    team_id: str,
    *,
    enterprise_id: str | None = None,
    enterprise_install: bool = False,
) -> int:
    """Delete every row of ours that belongs to the workspace; returns rows deleted.

    Walks all tables with a `team_id` column, children first, so a table added later is
    covered without touching this function. That includes the OAuth installation and bot
    rows (their tokens), and the outbox: queued messages for the workspace are gone.
    An org-wide install is stored without a team, under its enterprise id.
    """
    deleted = 0
    for table in reversed(Base.metadata.sorted_tables):
        if "team_id" in table.c and table.name not in _KEPT_ON_PURGE:
            result = session.execute(delete(table).where(table.c.team_id == team_id))
            deleted += rowcount(result) or 0
    if enterprise_install and enterprise_id:
        for table in (slack_installations, slack_bots):
            result = session.execute(
                delete(table).where(
                    table.c.enterprise_id == enterprise_id, table.c.team_id.is_(None)
                )
            )
            deleted += rowcount(result) or 0
    return deleted


def forget_user_tokens(session: Session, team_id: str, user_ids: Iterable[str]) -> int:
    """Drop the user tokens Slack says were revoked (the bot's own token stays)."""
    users = list(user_ids)
    if not users:
        return 0
    result = session.execute(
        update(slack_installations)
        .where(slack_installations.c.team_id == team_id, slack_installations.c.user_id.in_(users))
        .values(user_token=None, user_refresh_token=None, user_token_expires_at=None)
    )
    return rowcount(result) or 0
