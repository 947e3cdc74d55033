"""Programs open to a Slack user group: programs.learner_group and teacher_group

The user group's id, when who may learn (or teach) is "the people in a user group"; its
members are invited when the program is made, and newcomers at each program round.

Revision ID: 0022
Revises: 0018
Create Date: 2026-12-03 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("programs", sa.Column("learner_group", sa.String(length=32), nullable=True))
    op.add_column("programs", sa.Column("teacher_group", sa.String(length=32), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35 or newer), as the other migrations do.
    op.drop_column("programs", "teacher_group")
    op.drop_column("programs", "learner_group")
