"""When a pair's first meeting is, as one of them put it on the calendar

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 09:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("first_meeting_at", bot.db.base.UtcDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.drop_column("first_meeting_at")
