"""Requests stored under the old spellings of frequency and duration read under the keys of
bot/vocabulary.py once migrated, and going down gives the old spellings back."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import sessionmaker

from bot.db import migrate
from bot.db.models import MentoringRequest, RequestStatus, Skill, Workspace
from bot.db.session import make_engine, transaction
from bot.vocabulary import DURATIONS, FREQUENCIES

BEFORE = "0010"
# What the request form stored before the vocabulary was one.
OLD_ROWS = [
    ("weekly", "once"),
    ("biweekly", "month"),
    ("monthly", "quarter"),
    ("biweekly", "ongoing"),
    (None, None),
]
NEW_ROWS = [
    ("weekly", "one_conversation"),
    ("every_two_weeks", "about_a_month"),
    ("monthly", "about_three_months"),
    ("every_two_weeks", "ongoing"),
    (None, None),
]


def _stored(sessions: sessionmaker) -> list[tuple[str | None, str | None]]:
    with sessions() as session:
        rows = session.execute(
            select(MentoringRequest.frequency, MentoringRequest.duration).order_by(
                MentoringRequest.id
            )
        )
        return [(frequency, duration) for frequency, duration in rows]


def test_old_request_rows_are_rewritten_to_the_vocabulary_keys_and_back(new_database_url):
    engine = make_engine(new_database_url())
    sessions = sessionmaker(engine, expire_on_commit=False)
    try:
        migrate.upgrade(engine, BEFORE)
        with transaction(sessions) as session:
            session.add(Workspace(team_id="T1"))
            session.flush()
            for number, (frequency, duration) in enumerate(OLD_ROWS):
                # Written as SQL: the members table at BEFORE lacks columns added since.
                session.execute(
                    text(
                        "INSERT INTO members (team_id, slack_user_id, display_name, "
                        "tz_offset_seconds) VALUES ('T1', :user, '', 0)"
                    ),
                    {"user": f"U{number}"},
                )
                member_id = session.scalar(
                    text("SELECT id FROM members WHERE slack_user_id = :user"),
                    {"user": f"U{number}"},
                )
                skill = Skill(team_id="T1", slug=f"skill-{number}", label=f"Skill {number}")
                session.add(skill)
                session.flush()
                session.add(
                    MentoringRequest(
                        team_id="T1",
                        member_id=member_id,
                        skill_id=skill.id,
                        frequency=frequency,
                        duration=duration,
                        status=RequestStatus.OPEN,
                    )
                )

        migrate.upgrade(engine)
        assert _stored(sessions) == NEW_ROWS
        for frequency, duration in NEW_ROWS:
            assert frequency in (None, *FREQUENCIES) and duration in (None, *DURATIONS)

        migrate.downgrade(engine, BEFORE)
        assert _stored(sessions) == OLD_ROWS
    finally:
        engine.dispose()
