"""Programs with dates, cadence and audience, the invitations people answer, and the
program a pair belongs to

Revision ID: 0017
Revises: 0014
Create Date: 2026-12-03 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.db.base import UtcDateTime

revision: str = "0017"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("cadence", sa.String(length=16), nullable=False),
        sa.Column("learners", sa.String(length=16), nullable=False),
        sa.Column("teachers", sa.String(length=16), nullable=False),
        sa.Column("focus_skills", sa.JSON(), nullable=False),
        sa.Column("counts_in_pool", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("reported_at", UtcDateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", UtcDateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "cadence IN ('weekly', 'every_two_weeks', 'monthly')",
            name=op.f("ck_programs_cadence_known"),
        ),
        sa.CheckConstraint("starts_on <= ends_on", name=op.f("ck_programs_dates_in_order")),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_programs_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
    )
    with op.batch_alter_table("programs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programs_team_id"), ["team_id"], unique=False)

    op.create_table(
        "program_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("slack_user_id", sa.String(length=32), nullable=False),
        sa.Column("may_learn", sa.Boolean(), nullable=False),
        sa.Column("may_teach", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("invited_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("reminded_at", UtcDateTime(timezone=True), nullable=True),
        sa.Column("answered_at", UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_program_invitations_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_program_invitations_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_invitations")),
        sa.UniqueConstraint(
            "program_id",
            "slack_user_id",
            name=op.f("uq_program_invitations_program_id_slack_user_id"),
        ),
    )
    with op.batch_alter_table("program_invitations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_program_invitations_program_id"), ["program_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_program_invitations_slack_user_id"), ["slack_user_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_program_invitations_team_id"), ["team_id"], unique=False
        )

    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("program_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_pairs_program_id"), ["program_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_pairs_program_id_programs"),
            "programs",
            ["program_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_pairs_program_id_programs"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_pairs_program_id"))
        batch_op.drop_column("program_id")
    op.drop_table("program_invitations")
    op.drop_table("programs")
