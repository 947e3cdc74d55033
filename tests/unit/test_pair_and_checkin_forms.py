"""Reading the pair and check-in modals from Slack's view.state.values shape (pure)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.core import ids
from bot.cycle.endings import Decision
from bot.parsing import view_state
from bot.parsing.checkin_forms import MAX_HELP, MAX_NOTE, read_help, read_note
from bot.parsing.pair_forms import (
    CONFIDENTIAL_VALUE,
    MAX_OBJECTIVE,
    ExpectationsForm,
    FeedbackForm,
    read_expectations,
    read_feedback,
    read_first_meeting,
)

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 12, tzinfo=UTC)


def _text(block: str, value: object) -> dict[str, object]:
    return {block: {block: {"type": "plain_text_input", "value": value}}}


def _select(block: str, value: str) -> dict[str, object]:
    return {block: {block: {"type": "static_select", "selected_option": {"value": value}}}}


def _ticked(block: str, *values: str) -> dict[str, object]:
    options = [{"value": v} for v in values]
    return {block: {block: {"type": "checkboxes", "selected_options": options}}}


def _date(block: str, value: str) -> dict[str, object]:
    return {block: {block: {"type": "datepicker", "selected_date": value}}}


def _expectations(**extra: dict[str, object]) -> dict[str, object]:
    return {
        **_text(ids.EXPECTATIONS_OBJECTIVE, "  Ship the\u0007 first talk  "),
        **_ticked(ids.EXPECTATIONS_CONFIDENTIAL, CONFIDENTIAL_VALUE),
        **extra,
    }


def test_expectations_keep_only_vocabulary_keys_and_clean_the_text():
    values = _expectations(
        **_select(ids.EXPECTATIONS_CADENCE, "every_two_weeks"),
        **_select(ids.EXPECTATIONS_DURATION, "quarter"),  # an old spelling is not a choice
        **_date(ids.EXPECTATIONS_FIRST_MEETING, "2026-12-10"),
    )
    form, errors = read_expectations(values, today=TODAY)
    assert errors == {}
    assert form == ExpectationsForm(
        objective="Ship the first talk",
        cadence="every_two_weeks",
        first_meeting_on=date(2026, 12, 10),
        duration=None,
        confidentiality_agreed=True,
    )


def test_expectations_answer_each_bad_field():
    values = {
        **_text(ids.EXPECTATIONS_OBJECTIVE, "x" * (MAX_OBJECTIVE + 1)),
        **_date(ids.EXPECTATIONS_FIRST_MEETING, "2026-12-02"),
    }
    form, errors = read_expectations(values, today=TODAY)
    assert form is None
    assert set(errors) == {
        ids.EXPECTATIONS_OBJECTIVE,
        ids.EXPECTATIONS_FIRST_MEETING,
        ids.EXPECTATIONS_CONFIDENTIAL,
    }


def test_feedback_offers_continue_only_when_not_ending_now():
    values = _select(ids.FEEDBACK_DECISION, "continue")
    assert read_feedback(values, ending_now=False) == (
        FeedbackForm(None, None, Decision.CONTINUE),
        {},
    )
    form, errors = read_feedback(values, ending_now=True)
    assert form is None and set(errors) == {ids.FEEDBACK_DECISION}


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (NOW + timedelta(days=2), True),
        (NOW - timedelta(minutes=1), False),
        (NOW + timedelta(days=400), False),
        (True, False),  # a forged boolean is not a time
        ("tomorrow", False),
    ],
)
def test_first_meeting_must_be_ahead_and_within_a_year(moment, accepted):
    raw = moment.timestamp() if isinstance(moment, datetime) else moment
    values = {ids.FIRST_MEETING_AT: {ids.FIRST_MEETING_AT: {"selected_date_time": raw}}}
    at, errors = read_first_meeting(values, now=NOW)
    assert (at is not None, bool(errors)) == (accepted, not accepted)


def test_note_and_help_lengths():
    assert read_note(_text(ids.CHECKIN_NOTE_TEXT, " fine ")) == ("fine", {})
    assert read_note(_text(ids.CHECKIN_NOTE_TEXT, "   "))[0] is None
    assert read_note(_text(ids.CHECKIN_NOTE_TEXT, "x" * (MAX_NOTE + 1)))[0] is None
    assert read_help({}) == ("", {})
    _, errors = read_help(_text(ids.CHECKIN_HELP_TEXT, "x" * (MAX_HELP + 1)))
    assert set(errors) == {ids.CHECKIN_HELP_TEXT}


@pytest.mark.parametrize("metadata", ["", "not json", "[1, 2]", "3"])
def test_unusable_metadata_reads_as_empty(metadata):
    assert view_state.read_metadata(metadata) == {}


@pytest.mark.parametrize(
    "values",
    [None, [], {"b": []}, {"b": {"b": "text"}}, {"b": {"b": {"value": 3}}}],
)
def test_forged_shapes_read_as_left_empty(values):
    assert view_state.typed(values, "b") == ""
    assert view_state.picked(values, "b") is None
    assert view_state.picked_many(values, "b") == []
