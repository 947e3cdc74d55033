"""The skills catalogue and mentor directory as people read them: counts and listed mentors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SkillCount:
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class SkillsOverview:
    most_requested: Sequence[SkillCount]
    most_offered: Sequence[SkillCount]
    requested_not_offered: Sequence[SkillCount]


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    slack_user_id: str
    display_name: str
    level: int
    taking_mentees: bool  # not paused, and willing to mentor at least one person
    is_you: bool
    thanked_by: int = 0  # different people who thanked them for this skill (a count only)


@dataclass(frozen=True, slots=True)
class DirectoryResult:
    label: str  # the skill as the catalogue names it (or as typed, when unknown)
    entries: Sequence[DirectoryEntry]
    total: int  # listed people offering it, of whom `entries` are the first few
    you_offer_unlisted: bool  # you offer it but are not listed, so you don't appear
    unlisted_others: int = 0  # other active people who offer it but chose not to be listed
