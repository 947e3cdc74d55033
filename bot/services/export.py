"""CSV exports for program admins: participants with offers and requests, and pairs.

Only what admins may see goes in: skills, levels, statuses, dates and counts. Request
goals, check-in notes, feedback and the words anyone gave for ending a pairing are never
read here.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bot.cycle.checkins import Answer
from bot.db.models import (
    CheckIn,
    CheckInAnswer,
    Member,
    MentoringRequest,
    Offer,
    Pair,
    RequestStatus,
    Skill,
)
from bot.services.pausing import member_is_paused

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

PARTICIPANT_COLUMNS = (
    "slack_user_id",
    "name",
    "status",
    "career_stage",
    "open_to_reverse",
    "mentor_capacity",
    "offers",
    "open_requests",
    "matched_requests",
    "joined_on",
)
PAIR_COLUMNS = (
    "pair_id",
    "mentor_id",
    "mentor_name",
    "mentee_id",
    "mentee_name",
    "skill",
    "return_skill",
    "two_way",
    "reverse",
    "status",
    "started_on",
    "ends_on",
    "ended_on",
    "end_reason",
    "first_meeting_scheduled",
    "checkins_sent",
    "met_answers",
)


@dataclass(frozen=True, slots=True)
class ExportFile:
    filename: str
    title: str
    content: str

    @property
    def data(self) -> bytes:
        return self.content.encode("utf-8")


def safe_cell(value: object) -> str:
    """The cell as text, defused so a spreadsheet never runs it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv(columns: tuple[str, ...], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _status(member: Member, now: datetime) -> str:
    if not member.active:
        return "deactivated"
    return "paused" if member_is_paused(member, now) else "active"


def participants_csv(session: Session, team_id: str, *, now: datetime) -> str:
    offers: dict[int, list[str]] = defaultdict(list)
    for member_id, label, level in session.execute(
        select(Offer.member_id, Skill.label, Offer.level)
        .join(Skill, Skill.id == Offer.skill_id)
        .where(Offer.team_id == team_id)
        .order_by(Offer.member_id, Skill.label)
    ):
        offers[member_id].append(f"{label} ({level})")
    requests: dict[tuple[int, str], list[str]] = defaultdict(list)
    for member_id, label, status in session.execute(
        select(MentoringRequest.member_id, Skill.label, MentoringRequest.status)
        .join(Skill, Skill.id == MentoringRequest.skill_id)
        .where(
            MentoringRequest.team_id == team_id,
            MentoringRequest.status.in_([RequestStatus.OPEN, RequestStatus.MATCHED]),
        )
        .order_by(MentoringRequest.member_id, Skill.label)
    ):
        requests[(member_id, status)].append(label)
    rows: list[list[object]] = []
    for member in session.scalars(
        select(Member).where(Member.team_id == team_id).order_by(Member.slack_user_id)
    ):
        rows.append(
            [
                member.slack_user_id,
                member.display_name,
                _status(member, now),
                member.career_stage,
                member.open_to_reverse,
                member.mentor_capacity,
                "; ".join(offers[member.id]),
                "; ".join(requests[(member.id, RequestStatus.OPEN)]),
                "; ".join(requests[(member.id, RequestStatus.MATCHED)]),
                member.created_at,
            ]
        )
    return _csv(PARTICIPANT_COLUMNS, rows)


def pairs_csv(session: Session, team_id: str) -> str:
    checkins = dict(
        session.execute(
            select(CheckIn.pair_id, func.count())
            .where(CheckIn.team_id == team_id)
            .group_by(CheckIn.pair_id)
        ).all()
    )
    met = dict(
        session.execute(
            select(CheckIn.pair_id, func.count())
            .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
            .where(CheckIn.team_id == team_id, CheckInAnswer.answer == Answer.MET)
            .group_by(CheckIn.pair_id)
        ).all()
    )
    mentor, mentee = aliased(Member), aliased(Member)
    skill, back = aliased(Skill), aliased(Skill)
    query = (
        select(
            Pair.id,
            mentor.slack_user_id,
            mentor.display_name,
            mentee.slack_user_id,
            mentee.display_name,
            skill.label,
            back.label,
            Pair.two_way,
            Pair.reverse,
            Pair.status,
            Pair.started_at,
            Pair.ends_at,
            Pair.ended_at,
            Pair.end_reason,
            Pair.first_meeting_scheduled_at.is_not(None),
        )
        .join(mentor, mentor.id == Pair.mentor_id)
        .join(mentee, mentee.id == Pair.mentee_id)
        .join(skill, skill.id == Pair.skill_id)
        .outerjoin(back, back.id == Pair.return_skill_id)
        .where(Pair.team_id == team_id)
        .order_by(Pair.id)
    )
    rows = [[*row, checkins.get(row[0], 0), met.get(row[0], 0)] for row in session.execute(query)]
    return _csv(PAIR_COLUMNS, rows)


def export_files(session: Session, team_id: str, *, now: datetime) -> list[ExportFile]:
    stamp = now.date().isoformat()
    return [
        ExportFile(
            filename=f"mentoring-participants-{stamp}.csv",
            title=f"Mentoring participants, {stamp}",
            content=participants_csv(session, team_id, now=now),
        ),
        ExportFile(
            filename=f"mentoring-pairs-{stamp}.csv",
            title=f"Mentoring pairs, {stamp}",
            content=pairs_csv(session, team_id),
        ),
    ]


def write_export(files: list[ExportFile], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for file in files:
        path = out_dir / file.filename
        path.write_text(file.content, encoding="utf-8")
        written.append(path)
    return written
