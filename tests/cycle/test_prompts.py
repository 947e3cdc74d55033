"""Discussion prompts: every second check-in, rotating through our own bank."""

from __future__ import annotations

import pytest

from bot.cycle.prompts import prompt_index
from bot.ui.checkin import discussion_prompts


@pytest.mark.parametrize(
    ("number", "pair_id", "index"),
    [
        (1, 0, None),
        (2, 0, 0),
        (3, 0, None),
        (4, 0, 1),
        (6, 0, 2),
        (2, 5, 5),
        (2, 24, 0),
        (0, 0, None),
    ],
)
def test_prompt_index(number, pair_id, index):
    assert prompt_index(number, 24, pair_id=pair_id) == index


def test_an_empty_bank_gives_no_prompt():
    assert prompt_index(2, 0, pair_id=1) is None


def test_the_bank_has_at_least_twenty_distinct_prompts():
    bank = discussion_prompts()
    assert len(bank) >= 20
    assert len(set(bank)) == len(bank)
    assert all(10 < len(prompt) < 300 for prompt in bank)


def test_a_pair_sees_every_prompt_before_any_repeats():
    bank_size = len(discussion_prompts())
    seen = [prompt_index(n, bank_size, pair_id=7) for n in range(2, 2 * bank_size + 1, 2)]
    assert sorted(seen) == list(range(bank_size))
