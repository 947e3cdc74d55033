"""One vocabulary for how often and how long pairs meet: requests take the keys pairs use

Requests stored `biweekly` and `once`/`month`/`quarter` while pairs and their
expectations stored `every_two_weeks` and `one_conversation`/`about_a_month`/
`about_three_months`; the app now reads only the latter (bot/vocabulary.py), so old rows
are rewritten. `about_three_months` is longer than requests.duration allowed, so the
column widens to the size pairs already use.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Old spelling -> key. Frozen here: a migration must not follow later code changes.
FREQUENCY_KEYS = {"biweekly": "every_two_weeks", "fortnightly": "every_two_weeks"}
DURATION_KEYS = {
    "once": "one_conversation",
    "one_session": "one_conversation",
    "month": "about_a_month",
    "a_month": "about_a_month",
    "one_month": "about_a_month",
    "quarter": "about_three_months",
    "three_months": "about_three_months",
    "long_term": "ongoing",
}
# What the request form stored before, for going back down.
OLD_FREQUENCIES = {"every_two_weeks": "biweekly"}
OLD_DURATIONS = {
    "one_conversation": "once",
    "about_a_month": "month",
    "about_three_months": "quarter",
}

# Every column holding a frequency or a duration: (table, column, old -> new).
COLUMNS = (
    ("requests", "frequency", FREQUENCY_KEYS),
    ("requests", "duration", DURATION_KEYS),
    ("pairs", "duration", DURATION_KEYS),
    ("expectations", "cadence", FREQUENCY_KEYS),
    ("expectations", "duration", DURATION_KEYS),
)


def _rewrite(table: str, column: str, keys: dict[str, str]) -> None:
    statement = sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old")
    for old, new in keys.items():
        op.execute(statement.bindparams(old=old, new=new))


def upgrade() -> None:
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.alter_column(
            "duration",
            existing_type=sa.String(length=16),
            type_=sa.String(length=24),
            existing_nullable=True,
        )
    for table, column, keys in COLUMNS:
        _rewrite(table, column, keys)


def downgrade() -> None:
    _rewrite("requests", "frequency", OLD_FREQUENCIES)
    _rewrite("requests", "duration", OLD_DURATIONS)
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.alter_column(
            "duration",
            existing_type=sa.String(length=24),
            type_=sa.String(length=16),
            existing_nullable=True,
        )
