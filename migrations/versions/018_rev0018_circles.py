"""Circles: a mentor's offer to run one, learners open to one, and the circles rounds make

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-03 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0018"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Offers are referenced by nothing, so recreating them (SQLite, for the check) is safe.
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("circle_size", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_offers_circle_size_range"),
            "circle_size IS NULL OR circle_size BETWEEN 3 AND 6",
        )
    # Never recreate members on SQLite: dropping the old table would cascade to every row
    # that references it (requests, pairs, …). A plain ADD COLUMN is enough.
    with op.batch_alter_table("members", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("open_to_circle", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "circles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("duration", sa.String(length=24), nullable=True),
        sa.Column("ends_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("ended_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_circles_round_id_rounds"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_circles_skill_id_skills"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_circles_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circles")),
    )
    with op.batch_alter_table("circles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_circles_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_circles_team_id"), ["team_id"], unique=False)
    op.create_table(
        "circle_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["circles.id"],
            name=op.f("fk_circle_members_circle_id_circles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_circle_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_circle_members_request_id_requests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_circle_members_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle_members")),
        sa.UniqueConstraint(
            "circle_id", "member_id", name=op.f("uq_circle_members_circle_id_member_id")
        ),
    )
    with op.batch_alter_table("circle_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circle_members_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_circle_members_team_id"), ["team_id"], unique=False)
    op.create_table(
        "circle_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sent_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["circles.id"],
            name=op.f("fk_circle_checkins_circle_id_circles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_circle_checkins_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle_checkins")),
        sa.UniqueConstraint(
            "circle_id", "period", name=op.f("uq_circle_checkins_circle_id_period")
        ),
    )
    with op.batch_alter_table("circle_checkins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circle_checkins_circle_id"), ["circle_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_circle_checkins_team_id"), ["team_id"], unique=False)
    op.create_table(
        "circle_checkin_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("answered_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["circle_checkins.id"],
            name=op.f("fk_circle_checkin_answers_checkin_id_circle_checkins"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_circle_checkin_answers_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_circle_checkin_answers_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle_checkin_answers")),
        sa.UniqueConstraint(
            "checkin_id", "member_id", name=op.f("uq_circle_checkin_answers_checkin_id_member_id")
        ),
    )
    with op.batch_alter_table("circle_checkin_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circle_checkin_answers_checkin_id"), ["checkin_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_circle_checkin_answers_team_id"), ["team_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("circle_checkin_answers")
    op.drop_table("circle_checkins")
    with op.batch_alter_table("circle_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circle_members_team_id"))
        batch_op.drop_index(batch_op.f("ix_circle_members_member_id"))
    op.drop_table("circle_members")
    with op.batch_alter_table("circles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circles_team_id"))
        batch_op.drop_index(batch_op.f("ix_circles_status"))
    op.drop_table("circles")
    # DROP COLUMN in place (SQLite 3.35+): recreating members would cascade (see upgrade).
    op.execute("ALTER TABLE members DROP COLUMN open_to_circle")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_offers_circle_size_range"), type_="check")
        batch_op.drop_column("circle_size")
