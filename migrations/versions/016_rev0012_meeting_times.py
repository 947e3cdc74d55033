"""Meeting times: each person's working hours, and the one nudge to find a first time

Working hours are minutes after local midnight (NULL: the default, 09:00 to 17:30).

Revision ID: 0012
Revises: 0015
Create Date: 2026-12-03 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0012"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("work_starts_minute", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("work_ends_minute", sa.Integer(), nullable=True))
    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("schedule_nudged_at", bot.db.base.UtcDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+), not batch mode: batch mode would
    # recreate `members` and `pairs`, and dropping the old tables with foreign keys on
    # deletes every row that references them (requests, pairs, check-ins …).
    op.drop_column("pairs", "schedule_nudged_at")
    op.drop_column("members", "work_ends_minute")
    op.drop_column("members", "work_starts_minute")
