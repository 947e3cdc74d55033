"""When a pair's first meeting is, and what someone asking for help said they need

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
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("help_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("help_taken_by", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("help_taken_at", bot.db.base.UtcDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.drop_column("help_taken_at")
        batch_op.drop_column("help_taken_by")
        batch_op.drop_column("help_text")
    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.drop_column("first_meeting_at")
