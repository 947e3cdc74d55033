"""Admins shape a round: stored draft locks and drops, and the record of admin changes

Revision ID: 0016
Revises: 0011
Create Date: 2026-12-03 12:57:50.280532
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0016"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "admin_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("mentor", sa.String(length=32), nullable=False),
        sa.Column("mentee", sa.String(length=32), nullable=False),
        sa.Column("skill", sa.String(length=64), nullable=False),
        sa.Column("at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_admin_changes_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_changes")),
    )
    with op.batch_alter_table("admin_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admin_changes_team_id"), ["team_id"], unique=False)

    op.create_table(
        "round_draft_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("mentor", sa.String(length=32), nullable=False),
        sa.Column("mentee", sa.String(length=32), nullable=False),
        sa.Column("skill", sa.String(length=64), nullable=True),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_round_draft_changes_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_draft_changes")),
        sa.UniqueConstraint(
            "team_id",
            "period",
            "mentor",
            "mentee",
            name=op.f("uq_round_draft_changes_team_id_period_mentor_mentee"),
        ),
    )
    with op.batch_alter_table("round_draft_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_round_draft_changes_team_id"), ["team_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("round_draft_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_draft_changes_team_id"))

    op.drop_table("round_draft_changes")
    with op.batch_alter_table("admin_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_changes_team_id"))

    op.drop_table("admin_changes")
