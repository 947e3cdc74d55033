"""People who are away: members.away_until and away_until_known, checkins.excused_away

Read from the Slack status (bot.cycle.away): an away member is left out of rounds and
check-ins, and a check-in left unanswered while someone was away doesn't count toward
closing the pair.

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-03 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0019"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): on SQLite a batch copy of `members` would drop the
    # old table, and its ON DELETE CASCADE foreign keys would take other tables' rows along.
    op.add_column("members", sa.Column("away_until", bot.db.base.UtcDateTime(timezone=True)))
    op.add_column(
        "members",
        sa.Column("away_until_known", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "checkins",
        sa.Column("excused_away", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    # Plain DROP COLUMN for the same reason (SQLite 3.35 or newer).
    op.drop_column("checkins", "excused_away")
    op.drop_column("members", "away_until_known")
    op.drop_column("members", "away_until")
