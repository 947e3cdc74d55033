"""Circles: members' private notes on check-ins, requests for help, and end feedback

Revision ID: 0020
Revises: 0021
Create Date: 2026-12-03 15:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0020"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "circle_checkin_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("noted_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["circle_checkins.id"],
            name=op.f("fk_circle_checkin_notes_checkin_id_circle_checkins"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_circle_checkin_notes_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_circle_checkin_notes_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle_checkin_notes")),
        sa.UniqueConstraint(
            "checkin_id", "member_id", name=op.f("uq_circle_checkin_notes_checkin_id_member_id")
        ),
    )
    with op.batch_alter_table("circle_checkin_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circle_checkin_notes_checkin_id"), ["checkin_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_circle_checkin_notes_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_circle_checkin_notes_team_id"), ["team_id"], unique=False
        )
    op.create_table(
        "circle_help_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("asked_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("taken_by", sa.String(length=32), nullable=True),
        sa.Column("taken_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["circle_checkins.id"],
            name=op.f("fk_circle_help_requests_checkin_id_circle_checkins"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_circle_help_requests_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_circle_help_requests_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle_help_requests")),
        sa.UniqueConstraint(
            "checkin_id", "member_id", name=op.f("uq_circle_help_requests_checkin_id_member_id")
        ),
    )
    with op.batch_alter_table("circle_help_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circle_help_requests_checkin_id"), ["checkin_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_circle_help_requests_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_circle_help_requests_team_id"), ["team_id"], unique=False
        )
    op.create_table(
        "circle_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("circle_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(length=16), nullable=False),
        sa.Column("learned", sa.Text(), nullable=False),
        sa.Column("created_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["circle_id"],
            ["circles.id"],
            name=op.f("fk_circle_feedback_circle_id_circles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_circle_feedback_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_circle_feedback_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_circle_feedback")),
        sa.UniqueConstraint(
            "circle_id", "member_id", name=op.f("uq_circle_feedback_circle_id_member_id")
        ),
    )
    with op.batch_alter_table("circle_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_circle_feedback_circle_id"), ["circle_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_circle_feedback_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_circle_feedback_team_id"), ["team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("circle_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circle_feedback_team_id"))
        batch_op.drop_index(batch_op.f("ix_circle_feedback_member_id"))
        batch_op.drop_index(batch_op.f("ix_circle_feedback_circle_id"))
    op.drop_table("circle_feedback")
    with op.batch_alter_table("circle_help_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circle_help_requests_team_id"))
        batch_op.drop_index(batch_op.f("ix_circle_help_requests_member_id"))
        batch_op.drop_index(batch_op.f("ix_circle_help_requests_checkin_id"))
    op.drop_table("circle_help_requests")
    with op.batch_alter_table("circle_checkin_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_circle_checkin_notes_team_id"))
        batch_op.drop_index(batch_op.f("ix_circle_checkin_notes_member_id"))
        batch_op.drop_index(batch_op.f("ix_circle_checkin_notes_checkin_id"))
    op.drop_table("circle_checkin_notes")
