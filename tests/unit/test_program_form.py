"""The new-program form's reading (pure) and how a program narrows a round's people."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core import ids
from bot.domain.programs import ANYONE, GROUP, PEOPLE
from bot.matching import Participant
from bot.parsing.program_form import read_program
from bot.services.program_rounds import narrow_to_program
from tests.e2e.test_programs import program_values

TODAY = date(2026, 11, 23)


def test_a_sound_form_becomes_a_draft():
    draft, errors = read_program(
        program_values(
            name="  Leaders   learn AI ", learners="people",
            learner_people=("U1", "U2", "U1"), focus="AI tools, k8s, ai-tools", in_pool=True,
        ),
        today=TODAY,
    )  # fmt: skip
    assert errors == {}
    assert draft is not None
    assert draft.name == "Leaders learn AI"
    assert (draft.starts_on, draft.ends_on) == (TODAY, date(2027, 1, 15))
    assert (draft.learners, draft.learner_ids) == (PEOPLE, ("U1", "U2"))
    assert (draft.teachers, draft.teacher_ids) == (ANYONE, ())
    assert [slug for slug, _label in draft.focus_skills] == ["ai-tools", "kubernetes"]
    assert draft.counts_in_pool


@pytest.mark.parametrize(
    ("values", "block", "words"),
    [
        ({"name": "x" * 81}, ids.PROGRAM_NAME, "80 characters"),
        ({"starts": None}, ids.PROGRAM_STARTS, "Pick a date."),
        ({"starts": "tomorrow"}, ids.PROGRAM_STARTS, "Pick a date."),
        ({"ends": "2026-11-23"}, ids.PROGRAM_ENDS, "after the start"),
        ({"ends": "2028-01-01"}, ids.PROGRAM_ENDS, "a year at most"),
        ({"cadence": None}, ids.PROGRAM_CADENCE, "how often"),
        ({"teachers": "people"}, ids.PROGRAM_TEACHER_PEOPLE, "who may teach"),
        ({"teachers": "everyone"}, ids.PROGRAM_TEACHERS, "who may teach"),
        ({"learner_people": ("C123",)}, ids.PROGRAM_LEARNER_PEOPLE, "from the list"),
        ({"focus": ",".join(f"skill{n}" for n in range(11))}, ids.PROGRAM_FOCUS, "at most 10"),
        ({"focus": "!!!"}, ids.PROGRAM_FOCUS, "“!!!”"),
        ({"learners": "group"}, ids.PROGRAM_LEARNER_GROUP, "user group that may learn"),
        ({"teachers": "group", "teacher_group": "U1"}, ids.PROGRAM_TEACHER_GROUP, "may teach"),
    ],
)
def test_each_mistake_is_answered_next_to_its_field(values, block, words):
    draft, errors = read_program(program_values(**values), today=TODAY)
    assert draft is None
    assert words in errors[block]


def test_a_user_group_is_kept_only_for_the_role_that_chose_it():
    draft, errors = read_program(
        program_values(learners="group", learner_group="S0LEADS", teacher_group="S0OTHER",
                       learner_people=("U1",)),
        today=TODAY,
    )  # fmt: skip
    assert errors == {}
    assert draft is not None
    assert (draft.learners, draft.learner_ids, draft.learner_group) == (GROUP, (), "S0LEADS")
    assert (draft.teachers, draft.teacher_group) == (ANYONE, None)
    assert draft.groups == ("S0LEADS",)


def test_a_forged_submission_with_nothing_usable_gets_errors_not_a_crash():
    draft, errors = read_program({"junk": [1, 2]}, today=TODAY)
    assert draft is None
    assert {ids.PROGRAM_NAME, ids.PROGRAM_STARTS, ids.PROGRAM_CADENCE} <= set(errors)


def test_a_program_keeps_only_its_people_and_focus_and_never_decides_who_teaches():
    people = [
        Participant("ULEARN", offers={"excel": 5}, requests={"ai": 2, "golf": 1}, capacity=2),
        Participant("UTEACH", offers={"ai": 4, "golf": 5}, requests={"excel": 0}, capacity=1),
        Participant("UBOTH", offers={"ai": 3}, requests={"ai": 0}),
        Participant("UOUT", offers={"ai": 5}, requests={"ai": 3}),
    ]
    narrowed = narrow_to_program(
        people, learners={"ULEARN", "UBOTH"}, teachers={"UTEACH", "UBOTH"}, focus={"ai"}
    )
    by_id = {p.id: p for p in narrowed}
    assert set(by_id) == {"ULEARN", "UTEACH", "UBOTH"}
    assert (by_id["ULEARN"].offers, by_id["ULEARN"].requests) == ({}, {"ai": 2})
    assert by_id["ULEARN"].capacity == 0  # joined to learn: not teaching in this program
    assert (by_id["UTEACH"].offers, by_id["UTEACH"].requests) == ({"ai": 4}, {})
    assert by_id["UTEACH"].capacity == 1
    # No focus: every skill of theirs stays.
    [only] = narrow_to_program(people, learners={"ULEARN"}, teachers=set(), focus=set())
    assert only.requests == {"ai": 2, "golf": 1}
