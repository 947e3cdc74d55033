"""All models, imported here so `Base.metadata` knows every table (Alembic reads it)."""

from bot.db.base import Base
from bot.db.models.admin import ProgramAdmin
from bot.db.models.member import Member
from bot.db.models.offer import Offer
from bot.db.models.outbox import DmChannel, OutboxMessage, OutboxStatus
from bot.db.models.request import MentoringRequest, RequestStatus
from bot.db.models.skill import Skill
from bot.db.models.workspace import Workspace

__all__ = [
    "Base",
    "DmChannel",
    "Member",
    "MentoringRequest",
    "Offer",
    "OutboxMessage",
    "OutboxStatus",
    "ProgramAdmin",
    "RequestStatus",
    "Skill",
    "Workspace",
]
