"""The one vocabulary: every key has its labels, and the other places that hold the same
values (schedules' cadence, the offers table's level range) agree with it."""

from __future__ import annotations

from sqlalchemy import CheckConstraint

from bot import vocabulary as v
from bot.cycle.schedule import Cadence
from bot.db.models import Offer, Schedule


def _check(model: type[Offer | Schedule], name: str) -> str:
    constraints = model.__table__.constraints
    found = [c for c in constraints if isinstance(c, CheckConstraint) and c.name.endswith(name)]
    assert len(found) == 1
    return str(found[0].sqltext)


def test_every_key_has_its_labels_and_weeks():
    assert set(v.FREQUENCY_LABELS) == set(v.FREQUENCY_CHOICE_LABELS) == set(v.FREQUENCIES)
    assert set(v.FREQUENCY_WEEKS) == set(v.FREQUENCIES)
    assert set(v.DURATION_LABELS) == set(v.DURATION_WEEKS) == set(v.DURATIONS)
    assert set(v.CAREER_STAGE_LABELS) == {*v.CAREER_STAGES, v.NO_CAREER_STAGE}
    assert set(v.LEVEL_LABELS) == set(range(v.MIN_LEVEL, v.MAX_LEVEL + 1))
    assert v.DEFAULT_FREQUENCY in v.FREQUENCIES
    assert {v.DEFAULT_DURATION, v.UNSAID_DURATION} <= set(v.DURATIONS)
    assert v.MIN_LEVEL <= v.DEFAULT_LEVEL <= v.MAX_LEVEL


def test_keys_fit_the_columns_that_store_them():
    # requests.frequency and schedules.cadence are 16 characters; durations go in 24.
    assert max(len(key) for key in v.FREQUENCIES) <= 16
    assert max(len(key) for key in v.DURATIONS) <= 24


def test_round_cadences_use_the_frequency_keys():
    assert [c.value for c in Cadence] == list(v.FREQUENCIES)
    assert _check(Schedule, "cadence_known") == (
        "cadence IN ('weekly', 'every_two_weeks', 'monthly')"
    )


def test_the_offers_table_checks_the_level_range():
    assert _check(Offer, "level_range") == "level BETWEEN 1 AND 5"


def test_only_known_keys_are_recognised():
    assert v.known_frequency("every_two_weeks") == "every_two_weeks"
    assert v.known_frequency("biweekly") is None
    assert v.known_frequency(None) is None
    assert v.known_duration("about_a_month") == "about_a_month"
    assert v.known_duration("month") is None
    assert v.known_duration("") is None
