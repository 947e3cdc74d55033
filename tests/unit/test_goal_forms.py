"""Reading goals and levels from the forms, and the pure rules of goals."""

from __future__ import annotations

from bot.core import ids
from bot.cycle.goals import LevelChange, asks_about_goals, invited_to_offer, known_status
from bot.parsing.goal_forms import LearnerGoals, known_level, read_end_level, read_goals


def typed(block, text):
    return {block: {block: {"type": "plain_text_input", "value": text}}}


def chosen(block, value):
    return {block: {block: {"type": "static_select", "selected_option": {"value": value}}}}


def test_only_the_directions_the_form_showed_are_read_blank_boxes_skipped():
    values = {
        **typed(ids.goal_box("main", 1), "  Open a talk \n without notes "),
        **typed(ids.goal_box("main", 2), ""),
        **typed(ids.goal_box("main", 3), "Take questions"),
        **chosen(ids.start_level_box("main"), "2"),
    }
    found, errors = read_goals(values)
    assert errors == {}
    assert found == (LearnerGoals("main", ("Open a talk without notes", "Take questions"), 2),)


def test_both_directions_of_a_two_way_pair():
    values = {**typed(ids.goal_box("main", 1), "A"), **typed(ids.goal_box("back", 1), "B")}
    found, _ = read_goals(values)
    assert [(g.direction, g.goals, g.start_level) for g in found] == [
        ("main", ("A",), None),
        ("back", ("B",), None),
    ]


def test_too_long_goals_and_made_up_levels_are_field_errors():
    values = {
        **typed(ids.goal_box("back", 2), "x" * 201),
        **chosen(ids.start_level_box("back"), "6"),
    }
    _, errors = read_goals(values)
    assert set(errors) == {ids.goal_box("back", 2), ids.start_level_box("back")}


def test_levels_are_one_to_five_only():
    assert [known_level(v) for v in ("1", "5", "0", "6", "x", None, "3.5")] == [
        1, 5, None, None, None, None, None,
    ]  # fmt: skip
    assert read_end_level(chosen(ids.FEEDBACK_LEVEL, "4")) == (4, {})
    assert read_end_level({}) == (None, {})
    assert read_end_level(chosen(ids.FEEDBACK_LEVEL, "99"))[1]


def test_every_second_checkin_asks_and_three_or_more_is_invited():
    assert [n for n in range(0, 7) if asks_about_goals(n)] == [2, 4, 6]
    assert [invited_to_offer(level) for level in (None, 2, 3, 5)] == [False, False, True, True]
    assert LevelChange("Public speaking", 2, 4).words() == "Public speaking: 2 → 4"
    assert LevelChange("SQL", 4, 3).gain == -1
    assert known_status("done") is not None and known_status("finished") is None
