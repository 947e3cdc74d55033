"""A member's App Home: profile, pause, offers, requests and pairings, as plain data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.circles import CircleItem


@dataclass(frozen=True, slots=True)
class PauseState:
    paused: bool
    until: datetime | None  # None with paused=True: until the person resumes


@dataclass(frozen=True, slots=True)
class AwayState:
    """Away from the Slack status (bot.cycle.away): until when, and whether the status said
    so (`until_known`) or it is the one week we assume; `as_of` dates the words."""

    until: datetime
    until_known: bool
    as_of: datetime


@dataclass(frozen=True, slots=True)
class ProfileSummary:
    completed: bool
    career_stage: str | None
    open_to_reverse: bool
    listed_in_directory: bool
    mentor_capacity: int
    wants_in_return: str | None
    tz: str | None


@dataclass(frozen=True, slots=True)
class OfferItem:
    offer_id: int
    label: str
    level: int
    circle_size: int | None = None  # "happy to run a circle of up to N"


@dataclass(frozen=True, slots=True)
class RequestItem:
    request_id: int
    label: str
    status: str  # RequestStatus value
    since: datetime
    goal: str
    matched_with: str | None = None  # the Slack user id of the person teaching it, if paired


@dataclass(frozen=True, slots=True)
class PairingItem:
    """One active pairing as its member sees it on Home."""

    pair_id: int
    partner: str  # the other person's Slack user id
    skills: str  # both skills of a two-way exchange
    you_teach: bool  # this member mentors the main skill
    objective: str | None  # what the two agreed, if they did
    checkin_weeks: int  # weeks between check-ins
    next_checkin: datetime | None = None  # by the rule the weekly pass applies
    first_meeting_at: datetime | None = None  # when one of them put it on the calendar


@dataclass(frozen=True, slots=True)
class HomeDashboard:
    profile: ProfileSummary
    pause: PauseState
    offers: Sequence[OfferItem]
    requests: Sequence[RequestItem]
    pairings: Sequence[PairingItem] = ()
    circles: Sequence[CircleItem] = ()
    away: AwayState | None = None  # None unless their Slack status says away now
