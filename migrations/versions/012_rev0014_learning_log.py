"""A pair's learning log: session entries with what each person learned and an action item,
posted as replies in the thread of the pair's intro

Revision ID: 0014
Revises: 0016
Create Date: 2026-12-03 13:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0014"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "log_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("covered", sa.Text(), nullable=False),
        sa.Column("mentor_learned", sa.Text(), nullable=True),
        sa.Column("mentee_learned", sa.Text(), nullable=True),
        sa.Column("action_item", sa.Text(), nullable=True),
        sa.Column("action_owner_id", sa.Integer(), nullable=True),
        sa.Column("action_done_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("action_done_by_id", sa.Integer(), nullable=True),
        sa.Column("logged_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["action_done_by_id"],
            ["members.id"],
            name=op.f("fk_log_entries_action_done_by_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["action_owner_id"],
            ["members.id"],
            name=op.f("fk_log_entries_action_owner_id_members"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["members.id"],
            name=op.f("fk_log_entries_author_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_log_entries_pair_id_pairs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_log_entries_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_entries")),
    )
    with op.batch_alter_table("log_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_log_entries_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_log_entries_team_id"), ["team_id"], unique=False)
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("thread_ts", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("thread_ts")
    with op.batch_alter_table("log_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_log_entries_team_id"))
        batch_op.drop_index(batch_op.f("ix_log_entries_pair_id"))
    op.drop_table("log_entries")
