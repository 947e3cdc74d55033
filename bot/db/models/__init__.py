"""All models, imported here so `Base.metadata` knows every table (Alembic reads it)."""

from bot.db.base import Base
from bot.db.models.member import Member
from bot.db.models.offer import Offer
from bot.db.models.request import MentoringRequest, RequestStatus
from bot.db.models.skill import Skill
from bot.db.models.workspace import Workspace

__all__ = [
    "Base",
    "Member",
    "MentoringRequest",
    "Offer",
    "RequestStatus",
    "Skill",
    "Workspace",
]
