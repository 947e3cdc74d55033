"""The weekly cycle: schedules, rounds, pairs, expectations, check-ins, feedback, blocks

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 19:19:00.622046
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db.base

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "checkin_sweeps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("ran_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_checkin_sweeps_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_sweeps")),
        sa.UniqueConstraint("team_id", "period", name=op.f("uq_checkin_sweeps_team_id_period")),
    )
    with op.batch_alter_table("checkin_sweeps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkin_sweeps_team_id"), ["team_id"], unique=False)

    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("ran_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("input_digest", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_rounds_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("team_id", "period", name=op.f("uq_rounds_team_id_period")),
    )
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rounds_team_id"), ["team_id"], unique=False)

    op.create_table(
        "schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("hour", sa.Integer(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("cadence", sa.String(length=16), nullable=False),
        sa.Column("anchor_on", sa.Date(), nullable=False),
        sa.Column("cooldown_weeks", sa.Integer(), nullable=False),
        sa.Column("max_tz_gap_hours", sa.Float(), nullable=True),
        sa.Column("nudge_after", sa.Integer(), nullable=False),
        sa.Column("close_after", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint(
            "cadence IN ('weekly', 'every_two_weeks', 'monthly')",
            name=op.f("ck_schedules_cadence_known"),
        ),
        sa.CheckConstraint("cooldown_weeks >= 0", name=op.f("ck_schedules_cooldown_positive")),
        sa.CheckConstraint(
            "hour BETWEEN 0 AND 23 AND minute BETWEEN 0 AND 59",
            name=op.f("ck_schedules_time_range"),
        ),
        sa.CheckConstraint(
            "nudge_after >= 1 AND close_after >= 1", name=op.f("ck_schedules_thresholds_positive")
        ),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_schedules_weekday_range")),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_schedules_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedules")),
        sa.UniqueConstraint("team_id", name=op.f("uq_schedules_team_id")),
    )
    op.create_table(
        "pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("two_way", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("reverse", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("return_skill_id", sa.Integer(), nullable=True),
        sa.Column("return_request_id", sa.Integer(), nullable=True),
        sa.Column("return_reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=16), nullable=True),
        sa.Column("duration", sa.String(length=24), nullable=True),
        sa.Column("ends_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("cycle", sa.Integer(), server_default="1", nullable=False),
        sa.Column("ending_asked_cycle", sa.Integer(), server_default="0", nullable=False),
        sa.Column("group_channel", sa.String(length=32), nullable=True),
        sa.Column(
            "first_meeting_scheduled_at", bot.db.base.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint("mentor_id <> mentee_id", name=op.f("ck_pairs_two_people")),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["members.id"],
            name=op.f("fk_pairs_mentee_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["members.id"],
            name=op.f("fk_pairs_mentor_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_pairs_request_id_requests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["return_request_id"],
            ["requests.id"],
            name=op.f("fk_pairs_return_request_id_requests"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["return_skill_id"],
            ["skills.id"],
            name=op.f("fk_pairs_return_skill_id_skills"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_pairs_round_id_rounds"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_pairs_skill_id_skills"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_pairs_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pairs")),
    )
    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pairs_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pairs_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pairs_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_pairs_team_id"), ["team_id"], unique=False)

    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("prompt_index", sa.Integer(), nullable=True),
        sa.Column("sent_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_checkins_pair_id_pairs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_checkins_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("pair_id", "period", name=op.f("uq_checkins_pair_id_period")),
    )
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_checkins_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_checkins_team_id"), ["team_id"], unique=False)

    op.create_table(
        "expectations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("objective", sa.Text(), nullable=False),
        sa.Column("cadence", sa.String(length=24), nullable=True),
        sa.Column("first_meeting_on", sa.Date(), nullable=True),
        sa.Column("duration", sa.String(length=24), nullable=True),
        sa.Column("success_measure", sa.Text(), nullable=True),
        sa.Column("confidentiality_agreed", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["pairs.id"],
            name=op.f("fk_expectations_pair_id_pairs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_expectations_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["members.id"],
            name=op.f("fk_expectations_updated_by_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expectations")),
        sa.UniqueConstraint("pair_id", name=op.f("uq_expectations_pair_id")),
    )
    with op.batch_alter_table("expectations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expectations_team_id"), ["team_id"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("learned", sa.Text(), nullable=True),
        sa.Column("taught", sa.Text(), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", bot.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_feedback_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"], ["pairs.id"], name=op.f("fk_feedback_pair_id_pairs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_feedback_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint(
            "pair_id",
            "member_id",
            "kind",
            "cycle",
            name=op.f("uq_feedback_pair_id_member_id_kind_cycle"),
        ),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_pair_id"), ["pair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feedback_team_id"), ["team_id"], unique=False)

    op.create_table(
        "pair_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("member_a_id", sa.Integer(), nullable=False),
        sa.Column("member_b_id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            bot.db.base.UtcDateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint("member_a_id < member_b_id", name=op.f("ck_pair_blocks_ordered")),
        sa.ForeignKeyConstraint(
            ["member_a_id"],
            ["members.id"],
            name=op.f("fk_pair_blocks_member_a_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_b_id"],
            ["members.id"],
            name=op.f("fk_pair_blocks_member_b_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["pairs.id"],
            name=op.f("fk_pair_blocks_pair_id_pairs"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_pair_blocks_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pair_blocks")),
        sa.UniqueConstraint(
            "team_id",
            "member_a_id",
            "member_b_id",
            name=op.f("uq_pair_blocks_team_id_member_a_id_member_b_id"),
        ),
    )
    with op.batch_alter_table("pair_blocks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pair_blocks_team_id"), ["team_id"], unique=False)

    op.create_table(
        "checkin_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("answered_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("noted_at", bot.db.base.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["checkin_id"],
            ["checkins.id"],
            name=op.f("fk_checkin_answers_checkin_id_checkins"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_checkin_answers_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["workspaces.team_id"],
            name=op.f("fk_checkin_answers_team_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_answers")),
        sa.UniqueConstraint(
            "checkin_id", "member_id", name=op.f("uq_checkin_answers_checkin_id_member_id")
        ),
    )
    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_checkin_answers_checkin_id"), ["checkin_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_checkin_answers_team_id"), ["team_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("checkin_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_answers_team_id"))
        batch_op.drop_index(batch_op.f("ix_checkin_answers_checkin_id"))

    op.drop_table("checkin_answers")
    with op.batch_alter_table("pair_blocks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pair_blocks_team_id"))

    op.drop_table("pair_blocks")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_team_id"))
        batch_op.drop_index(batch_op.f("ix_feedback_pair_id"))

    op.drop_table("feedback")
    with op.batch_alter_table("expectations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expectations_team_id"))

    op.drop_table("expectations")
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkins_team_id"))
        batch_op.drop_index(batch_op.f("ix_checkins_pair_id"))

    op.drop_table("checkins")
    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pairs_team_id"))
        batch_op.drop_index(batch_op.f("ix_pairs_status"))
        batch_op.drop_index(batch_op.f("ix_pairs_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_pairs_mentee_id"))

    op.drop_table("pairs")
    op.drop_table("schedules")
    with op.batch_alter_table("rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rounds_team_id"))

    op.drop_table("rounds")
    with op.batch_alter_table("checkin_sweeps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_checkin_sweeps_team_id"))

    op.drop_table("checkin_sweeps")
