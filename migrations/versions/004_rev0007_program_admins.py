"""Program admins named in the app

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-01 19:17:32.703977
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0007"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "program_admins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("slack_user_id", sa.String(length=32), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=False),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_program_admins_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_admins")),
        sa.UniqueConstraint(
            "team_id", "slack_user_id", name=op.f("uq_program_admins_team_id_slack_user_id")
        ),
    )
    with op.batch_alter_table("program_admins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_program_admins_team_id"), ["team_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("program_admins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_program_admins_team_id"))

    op.drop_table("program_admins")
