"""Approve before send holds programs' rounds too: an approval may belong to a program

Revision ID: 0023
Revises: 0020
Create Date: 2026-12-03 15:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("round_approvals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("program_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_round_approvals_program_id"), ["program_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_round_approvals_program_id_programs"),
            "programs",
            ["program_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("round_approvals", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_round_approvals_program_id_programs"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_round_approvals_program_id"))
        batch_op.drop_column("program_id")
