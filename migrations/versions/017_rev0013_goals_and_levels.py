"""Learners' goals with their progress, their levels at the start and the end, the pair's
goal board, and outbox edits (chat.update)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 12:57:28.740180
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "goal_boards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_goal_boards_pair_id_pairs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_goal_boards_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_boards")),
        sa.UniqueConstraint("pair_id", name=op.f("uq_goal_boards_pair_id")),
    )
    with op.batch_alter_table("goal_boards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_boards_team_id"), ["team_id"], unique=False)

    op.create_table(
        "learner_levels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("start_level", sa.Integer(), nullable=True),
        sa.Column("end_level", sa.Integer(), nullable=True),
        sa.Column("updated_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["members.id"],
            name=op.f("fk_learner_levels_learner_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["pairs.id"],
            name=op.f("fk_learner_levels_pair_id_pairs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_learner_levels_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_learner_levels_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learner_levels")),
        sa.UniqueConstraint(
            "pair_id", "learner_id", name=op.f("uq_learner_levels_pair_id_learner_id")
        ),
    )
    with op.batch_alter_table("learner_levels", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_learner_levels_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_learner_levels_team_id"), ["team_id"], unique=False)

    op.create_table(
        "pair_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("updated_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["members.id"],
            name=op.f("fk_pair_goals_learner_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_pair_goals_pair_id_pairs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_pair_goals_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pair_goals")),
        sa.UniqueConstraint(
            "pair_id",
            "learner_id",
            "position",
            name=op.f("uq_pair_goals_pair_id_learner_id_position"),
        ),
    )
    with op.batch_alter_table("pair_goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pair_goals_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pair_goals_team_id"), ["team_id"], unique=False)

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edits_key", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("edits_key")

    with op.batch_alter_table("pair_goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pair_goals_team_id"))
        batch_op.drop_index(batch_op.f("ix_pair_goals_pair_id"))

    op.drop_table("pair_goals")
    with op.batch_alter_table("learner_levels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learner_levels_team_id"))
        batch_op.drop_index(batch_op.f("ix_learner_levels_pair_id"))

    op.drop_table("learner_levels")
    with op.batch_alter_table("goal_boards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_boards_team_id"))

    op.drop_table("goal_boards")
