"""What programs keep about one person, and deleting it for `/mentor forget-me`."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from bot.db.models import Program, ProgramInvitation


def forget_program_answers(session: Session, *, team_id: str, user_id: str) -> None:
    """Their invitations and answers go; programs they made stay, no longer naming them."""
    session.execute(
        delete(ProgramInvitation).where(
            ProgramInvitation.team_id == team_id, ProgramInvitation.slack_user_id == user_id
        )
    )
    session.execute(
        update(Program)
        .where(Program.team_id == team_id, Program.created_by == user_id)
        .values(created_by="")
    )
