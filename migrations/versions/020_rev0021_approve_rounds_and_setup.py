"""Rounds wait for setup on new workspaces; admins may approve each round before it is sent

Revision ID: 0021
Revises: 0022
Create Date: 2026-12-03 15:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0021"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("setup_done_at", bot.db.base.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("approve_rounds", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("approve_rounds_by", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("approval_admins", sa.String(length=2000), server_default="", nullable=False)
        )
    # Workspaces installed before this change already have rounds running: they count as
    # set up from when their schedule was made, so nothing changes for them.
    op.execute("UPDATE schedules SET setup_done_at = created_at")
    op.create_table(
        "round_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("prepared_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("admins", sa.String(length=2000), nullable=False),
        sa.Column("pairs", sa.Integer(), nullable=False),
        sa.Column("served", sa.Integer(), nullable=False),
        sa.Column("unserved", sa.Integer(), nullable=False),
        sa.Column("reminded_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("decided_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_round_approvals_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_approvals")),
        sa.UniqueConstraint("team_id", "period", name=op.f("uq_round_approvals_team_id_period")),
    )
    with op.batch_alter_table("round_approvals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_approvals_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_round_approvals_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("round_approvals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_approvals_team_id"))
        batch_op.drop_index(batch_op.f("ix_round_approvals_status"))
    op.drop_table("round_approvals")
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.drop_column("approval_admins")
        batch_op.drop_column("approve_rounds_by")
        batch_op.drop_column("approve_rounds")
        batch_op.drop_column("setup_done_at")
