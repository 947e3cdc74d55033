"""Programs as services and ui share them: the admin's draft, and what people see (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.goals import GoalsOverview
from bot.domain.program_health import PeriodHealth

NAME_MAX = 80
MAX_FOCUS_SKILLS = 10
MAX_LISTED_PEOPLE = 500
# How long a program may last, from its start date.
MAX_PROGRAM_DAYS = 366
# Who may learn or teach in a program: anyone, the people listed, or a Slack user group's
# members (invited when the program is made, and newcomers to the group at each round).
ANYONE, PEOPLE, GROUP = "anyone", "people", "group"
# Why the form can't offer user groups (see bot.slack.usergroups).
GROUPS_MISSING_SCOPE, GROUPS_NONE, GROUPS_FAILED = "missing_scope", "none", "failed"


@dataclass(frozen=True)
class UserGroup:
    """A Slack user group as the program form lists it."""

    group_id: str
    name: str
    handle: str


@dataclass(frozen=True)
class UserGroupChoice:
    """The user groups the new-program form can offer, or why it can offer none."""

    groups: tuple[UserGroup, ...] = ()
    problem: str | None = None  # GROUPS_MISSING_SCOPE, GROUPS_NONE, GROUPS_FAILED


@dataclass(frozen=True)
class ProgramDraft:
    """A program as the admin submitted it, checked."""

    name: str
    starts_on: date
    ends_on: date
    cadence: str
    learners: str  # ANYONE, PEOPLE or GROUP
    learner_ids: tuple[str, ...]
    teachers: str
    teacher_ids: tuple[str, ...]
    focus_skills: tuple[tuple[str, str], ...]  # (slug, label)
    counts_in_pool: bool
    learner_group: str | None = None  # the user group's id, when learners is GROUP
    teacher_group: str | None = None

    @property
    def groups(self) -> tuple[str, ...]:
        """The user groups whose members are invited, each once."""
        return tuple(dict.fromkeys(g for g in (self.learner_group, self.teacher_group) if g))


@dataclass(frozen=True)
class ProgramCard:
    """One program as a person sees it (invitation, Home)."""

    program_id: int
    name: str
    starts_on: date
    ends_on: date
    cadence: str
    focus: tuple[str, ...]
    status: str  # invited, learner, teacher, declined
    may_learn: bool = True
    may_teach: bool = True


@dataclass(frozen=True)
class ProgramReport:
    """Counts only, at a program's end."""

    name: str
    starts_on: date
    ends_on: date
    invited: int
    learners: int
    teachers: int
    declined: int
    pairs: int
    pairs_met: int
    rounds: int
    program_id: int = 0
    per_round: tuple[PeriodHealth, ...] = field(default_factory=tuple)
    # The program's learners' goals and level change, as aggregates (None: no goals set).
    goals: GoalsOverview | None = None
