"""An approval DM counts the circles a round would form, beside its pairs

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("round_approvals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("circles", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("round_approvals", schema=None) as batch_op:
        batch_op.drop_column("circles")
