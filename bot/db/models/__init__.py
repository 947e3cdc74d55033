"""All models, imported here so `Base.metadata` knows every table (Alembic reads it)."""

from bot.db.base import Base
from bot.db.models.admin import ProgramAdmin
from bot.db.models.checkin import CheckIn, CheckInAnswer
from bot.db.models.circle import (
    Circle,
    CircleCheckIn,
    CircleCheckInAnswer,
    CircleCheckInNote,
    CircleFeedback,
    CircleHelpRequest,
    CircleKind,
    CircleMember,
    CircleRole,
    CircleStatus,
)
from bot.db.models.goal import Goal, GoalBoard, LearnerLevel
from bot.db.models.learning_log import LogEntry
from bot.db.models.member import Member
from bot.db.models.offer import Offer
from bot.db.models.outbox import DmChannel, OutboxMessage, OutboxStatus
from bot.db.models.pair import EndReason, Expectations, Feedback, Pair, PairBlock, PairStatus
from bot.db.models.processed_event import ProcessedEvent
from bot.db.models.program import Audience, InvitationStatus, Program, ProgramInvitation
from bot.db.models.request import MentoringRequest, RequestStatus
from bot.db.models.round import CheckInSweep, Round
from bot.db.models.round_approval import RoundApproval
from bot.db.models.round_shaping import AdminChange, RoundDraftChange
from bot.db.models.schedule import Schedule
from bot.db.models.send_budget import SendBudget
from bot.db.models.skill import Skill
from bot.db.models.slack_stores import slack_bots, slack_installations, slack_oauth_states
from bot.db.models.thanks import FitRating, Thanks
from bot.db.models.workspace import Workspace

__all__ = [
    "AdminChange",
    "Audience",
    "Base",
    "CheckIn",
    "CheckInAnswer",
    "CheckInSweep",
    "Circle",
    "CircleCheckIn",
    "CircleCheckInAnswer",
    "CircleCheckInNote",
    "CircleFeedback",
    "CircleHelpRequest",
    "CircleKind",
    "CircleMember",
    "CircleRole",
    "CircleStatus",
    "DmChannel",
    "EndReason",
    "Expectations",
    "Feedback",
    "FitRating",
    "Goal",
    "GoalBoard",
    "InvitationStatus",
    "LearnerLevel",
    "LogEntry",
    "Member",
    "MentoringRequest",
    "Offer",
    "OutboxMessage",
    "OutboxStatus",
    "Pair",
    "PairBlock",
    "PairStatus",
    "ProcessedEvent",
    "Program",
    "ProgramAdmin",
    "ProgramInvitation",
    "RequestStatus",
    "Round",
    "RoundApproval",
    "RoundDraftChange",
    "Schedule",
    "SendBudget",
    "Skill",
    "Thanks",
    "Workspace",
    "slack_bots",
    "slack_installations",
    "slack_oauth_states",
]
