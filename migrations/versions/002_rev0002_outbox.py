"""Outbox of messages to send, and the DM channels already opened

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 19:12:26.869146
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "dm_channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("users", sa.String(length=255), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_dm_channels_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dm_channels")),
        sa.UniqueConstraint("team_id", "users", name=op.f("uq_dm_channels_team_id_users")),
    )
    with op.batch_alter_table("dm_channels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dm_channels_team_id"), ["team_id"], unique=False)

    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=True),
        sa.Column("users", sa.String(length=255), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("not_before", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("claimed_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("ts", sa.String(length=32), nullable=True),
        sa.Column("sent_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_outbox_messages_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
        sa.UniqueConstraint(
            "team_id", "idempotency_key", name=op.f("uq_outbox_messages_team_id_idempotency_key")
        ),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_messages_not_before"), ["not_before"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbox_messages_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_messages_team_id"), ["team_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_messages_team_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_status"))
        batch_op.drop_index(batch_op.f("ix_outbox_messages_not_before"))

    op.drop_table("outbox_messages")
    with op.batch_alter_table("dm_channels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dm_channels_team_id"))

    op.drop_table("dm_channels")
