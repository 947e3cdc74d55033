"""The words the program shares: how often and how long pairs meet, career stages, skill
levels, and the labels people see for each (pure, defined once).

The keys are what the database stores (requests, pairs, expectations, schedules), so
changing one needs a data migration.
"""

from __future__ import annotations

# How often a pair meets; schedules use the same keys for how often rounds run.
WEEKLY, EVERY_TWO_WEEKS, MONTHLY = "weekly", "every_two_weeks", "monthly"
FREQUENCIES: tuple[str, ...] = (WEEKLY, EVERY_TWO_WEEKS, MONTHLY)
# Preselected in the request form.
DEFAULT_FREQUENCY = EVERY_TWO_WEEKS
# Check-ins follow the rhythm the pair agreed (or the learner asked for), in weeks.
FREQUENCY_WEEKS: dict[str, int] = {WEEKLY: 1, EVERY_TWO_WEEKS: 2, MONTHLY: 4}
# The choices of the request form.
FREQUENCY_CHOICE_LABELS: dict[str, str] = {
    WEEKLY: "Every week",
    EVERY_TWO_WEEKS: "Every two weeks",
    MONTHLY: "Once a month",
}
# In sentences (introductions, the expectations summary) and, capitalised, the
# expectations form.
FREQUENCY_LABELS: dict[str, str] = {
    WEEKLY: "weekly",
    EVERY_TWO_WEEKS: "every two weeks",
    MONTHLY: "monthly",
}

# How long a pairing lasts.
ONE_CONVERSATION, ABOUT_A_MONTH, ABOUT_THREE_MONTHS, ONGOING = (
    "one_conversation",
    "about_a_month",
    "about_three_months",
    "ongoing",
)
DURATIONS: tuple[str, ...] = (ONE_CONVERSATION, ABOUT_A_MONTH, ABOUT_THREE_MONTHS, ONGOING)
# Preselected in the request form, so what most people choose.
DEFAULT_DURATION = ABOUT_A_MONTH
# How long a pairing runs before the end-of-pairing questions when nobody chose a length
# (a request typed as `/mentor request <skill>` and never filled in): a longer stretch,
# since the pair never agreed to stop early.
UNSAID_DURATION = ABOUT_THREE_MONTHS
# How long each duration lasts, in weeks; None means "no set end".
DURATION_WEEKS: dict[str, int | None] = {
    ONE_CONVERSATION: 2,
    ABOUT_A_MONTH: 4,
    ABOUT_THREE_MONTHS: 12,
    ONGOING: None,
}
# In sentences; capitalised, the choices of the request and expectations forms.
DURATION_LABELS: dict[str, str] = {
    ONE_CONVERSATION: "one conversation",
    ABOUT_A_MONTH: "about a month",
    ABOUT_THREE_MONTHS: "about three months",
    ONGOING: "ongoing",
}

# Career stages, earliest first: the order tells reverse mentoring apart.
CAREER_STAGES: tuple[str, ...] = ("early", "mid", "senior", "executive")
# The profile form's choice for "I'd rather not say"; stored as no stage.
NO_CAREER_STAGE = "unsaid"
CAREER_STAGE_LABELS: dict[str, str] = {
    "early": "Early career",
    "mid": "Mid career",
    "senior": "Senior",
    "executive": "Executive",
    NO_CAREER_STAGE: "I'd rather not say",
}

# A self-assessed level of a skill someone offers.
MIN_LEVEL, MAX_LEVEL, DEFAULT_LEVEL = 1, 5, 3
LEVEL_LABELS: dict[int, str] = {
    1: "1 · I know the basics",
    2: "2 · I use it now and then",
    3: "3 · I use it regularly",
    4: "4 · I could teach it well",
    5: "5 · I'm an expert",
}


def known_frequency(value: str | None) -> str | None:
    """`value` when it is one of the frequencies, else None (empty, or never one of ours)."""
    return value if value in FREQUENCIES else None


def known_duration(value: str | None) -> str | None:
    """`value` when it is one of the durations, else None (empty, or never one of ours)."""
    return value if value in DURATIONS else None
