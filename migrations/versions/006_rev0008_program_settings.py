"""Program settings admins change from Slack: two-way weight, round announcements, and
when the schedule's timing last changed

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-01 19:33:41.415280
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("two_way_weight", sa.Integer(), server_default="3", nullable=False)
        )
        batch_op.add_column(sa.Column("announce_channel", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("announce_pairs", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("timing_changed_at", bot.db.base.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.create_check_constraint(
            op.f("ck_schedules_two_way_weight_range"), "two_way_weight BETWEEN 0 AND 10"
        )


def downgrade() -> None:
    with op.batch_alter_table("schedules", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_schedules_two_way_weight_range"), type_="check")
        batch_op.drop_column("timing_changed_at")
        batch_op.drop_column("announce_pairs")
        batch_op.drop_column("announce_channel")
        batch_op.drop_column("two_way_weight")
