"""The round-shaping buttons' values and the add-pair form, read back (pure), and the
before/after and stats wording."""

from __future__ import annotations

from bot.core import ids
from bot.domain.round_shaping import DiffPair, ShapeDiff, SwapChoice, SwapOption
from bot.parsing.shape_forms import (
    AddPairForm,
    PairChoice,
    Pick,
    read_add_pair,
    read_pair_choice,
    read_pick,
)
from bot.ui.admin_home import admin_changes_text
from bot.ui.round_shaping import diff_summary, pair_menu, pick_value, refusal_text, resolved_view


def test_a_pair_menu_value_reads_back_and_junk_does_not():
    values = [o.value for o in pair_menu("U1", "U2").options]
    assert [read_pair_choice(v) for v in values] == [
        PairChoice("lock", "U1", "U2"),
        PairChoice("drop", "U1", "U2"),
        PairChoice("swap", "U1", "U2"),
    ]
    for junk in ("", "lock|U1", "eat|U1|U2", "lock||U2", "lock|U1|U2|x"):
        assert read_pair_choice(junk) is None


def test_a_pick_value_reads_back_and_junk_does_not():
    choice = SwapChoice("2026-W49", "U1", "U2", (SwapOption("U3", "sql", "SQL", 6, ()),))
    assert read_pick(pick_value(choice, "U3", "sql")) == Pick("2026-W49", "U3", "U2", "sql")
    for junk in ("", "{", "[]", '{"p": "x"}', '{"p": "", "m": "U", "e": "U", "s": "s"}'):
        assert read_pick(junk) is None


def _values(mentor, mentee, skill):
    return {
        ids.ADMIN_ADD_MENTOR: {ids.ADMIN_ADD_MENTOR: {"selected_user": mentor}},
        ids.ADMIN_ADD_MENTEE: {ids.ADMIN_ADD_MENTEE: {"selected_user": mentee}},
        ids.ADMIN_ADD_SKILL: {ids.ADMIN_ADD_SKILL: {"value": skill}},
    }


def test_the_add_pair_form_needs_two_different_people_and_a_skill():
    assert read_add_pair(_values("U1", "U2", " SQL ")) == (AddPairForm("U1", "U2", "SQL"), {})
    form, errors = read_add_pair(_values(None, None, None))
    assert form is None and set(errors) == {
        ids.ADMIN_ADD_MENTOR,
        ids.ADMIN_ADD_MENTEE,
        ids.ADMIN_ADD_SKILL,
    }
    form, errors = read_add_pair(_values("U1", "U1", "sql"))
    assert form is None and "can't mentor themselves" in errors[ids.ADMIN_ADD_MENTEE]
    assert read_add_pair({})[0] is None


def test_the_before_and_after_reads_right_and_long_lists_are_cut():
    pairs = tuple(DiffPair(f"U{n}", f"V{n}", "SQL", 6) for n in range(40))
    diff = ShapeDiff(
        added=pairs, removed=(), changed=(), served_before=10, served_after=50,
        score_before=300, score_after=290, locks=1, drops=2, locks_left_out=1,
    )  # fmt: skip
    assert diff_summary(diff).startswith("*Served:* 10 → 50 · *total score:* 300 → 290 (−10)")
    text = str(resolved_view(diff).to_dict())
    assert "Pairs added (40)" in text and "…and 25 more" in text
    assert "1 lock could no longer be kept" in text


def test_refusals_and_change_counts_read_right():
    assert refusal_text(["A.", "B."]) == "A. B."
    assert len(refusal_text(["x" * 5000])) <= 1990
    assert admin_changes_text({}) == ""
    assert admin_changes_text({"resolve": 2, "lock": 1, "add": 1}) == (
        ":memo: Admin changes to rounds: 4 (1 lock, 1 added pair, 2 re-solves)"
    )
