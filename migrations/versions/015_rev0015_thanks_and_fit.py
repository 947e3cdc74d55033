"""Thanks between people (endorsing a skill when they name one), private fit ratings of
pairings, and whether a person allows thanks to them to be posted in a channel

Revision ID: 0015
Revises: 0019
Create Date: 2026-12-03 13:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0015"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _member_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["members.id"],
        name=op.f(f"fk_{table}_{column}_members"),
        ondelete="CASCADE",
    )


def _team_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["team_id"],
        ["workspaces.team_id"],
        name=op.f(f"fk_{table}_team_id_workspaces"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    # A constant default (not sa.false()) and no batch: SQLite then adds the column in place.
    # Recreating `members` would, with foreign keys on, cascade-delete every row that
    # references it.
    op.add_column(
        "members",
        sa.Column("allows_public_thanks", sa.Boolean(), server_default="0", nullable=False),
    )
    op.create_table(
        "thanks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=True),
        sa.Column("endorsed_skill_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("public_channel", sa.String(length=32), nullable=True),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        _team_fk("thanks"),
        _member_fk("thanks", "sender_id"),
        _member_fk("thanks", "recipient_id"),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_thanks_pair_id_pairs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["endorsed_skill_id"],
            ["skills.id"],
            name=op.f("fk_thanks_endorsed_skill_id_skills"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thanks")),
    )
    with op.batch_alter_table("thanks", schema=None) as batch_op:
        for column in ("team_id", "sender_id", "recipient_id", "endorsed_skill_id"):
            batch_op.create_index(batch_op.f(f"ix_thanks_{column}"), [column], unique=False)
    op.create_table(
        "fit_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("rater_id", sa.Integer(), nullable=False),
        sa.Column("rated_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("answered_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "answer IN ('good_fit', 'not_sure', 'not_a_fit', 'again_yes', 'again_no')",
            name=op.f("ck_fit_ratings_answer_known"),
        ),
        sa.CheckConstraint(
            "stage IN ('two_weeks', 'end')", name=op.f("ck_fit_ratings_stage_known")
        ),
        _team_fk("fit_ratings"),
        _member_fk("fit_ratings", "rater_id"),
        _member_fk("fit_ratings", "rated_id"),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_fit_ratings_pair_id_pairs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fit_ratings")),
        sa.UniqueConstraint(
            "pair_id", "rater_id", "stage", name=op.f("uq_fit_ratings_pair_id_rater_id_stage")
        ),
    )
    with op.batch_alter_table("fit_ratings", schema=None) as batch_op:
        for column in ("team_id", "pair_id", "rater_id", "rated_id"):
            batch_op.create_index(batch_op.f(f"ix_fit_ratings_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("fit_ratings", schema=None) as batch_op:
        for column in ("team_id", "pair_id", "rater_id", "rated_id"):
            batch_op.drop_index(batch_op.f(f"ix_fit_ratings_{column}"))
    op.drop_table("fit_ratings")
    with op.batch_alter_table("thanks", schema=None) as batch_op:
        for column in ("team_id", "sender_id", "recipient_id", "endorsed_skill_id"):
            batch_op.drop_index(batch_op.f(f"ix_thanks_{column}"))
    op.drop_table("thanks")
    # In place too (SQLite 3.35+ drops a column without recreating the table).
    op.drop_column("members", "allows_public_thanks")
