"""Outbox claims that can be taken over, and posts awaiting confirmation

Revision ID: 0006
Revises: 0008
Create Date: 2026-12-01 19:22:35.253212
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0006"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claim_token", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("unconfirmed_since", bot.db.base.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_outbox_messages_status_not_before", ["status", "not_before"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_messages_status_not_before")
        batch_op.drop_column("unconfirmed_since")
        batch_op.drop_column("claim_token")
