"""Creating a row that concurrent requests may create too, without either one failing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def insert_if_absent(
    session: Session, model: type[Any], values: dict[str, Any], *, unique: list[str]
) -> bool:
    """`INSERT … ON CONFLICT (unique) DO NOTHING`, in SQLite's or PostgreSQL's dialect;
    True when this call inserted the row, False when it was there already.

    A plain add-then-flush loses such a race with a duplicate-key error, which aborts the
    whole transaction (and the command with it). Here the loser waits for the winner's
    commit and simply finds its row: the caller reads the row afterwards.
    """
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement: Insert = insert(model).values(**values).on_conflict_do_nothing(index_elements=unique)
    # RETURNING says whether a row went in: psycopg reports a row count of −1 here.
    key = statement.returning(*model.__table__.primary_key.columns)
    return session.execute(key).first() is not None
