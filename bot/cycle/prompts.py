"""Which discussion prompt (if any) a check-in carries: every second one, in rotation."""

from __future__ import annotations


def prompt_index(checkin_number: int, bank_size: int, *, pair_id: int) -> int | None:
    """Index into the question bank for the pair's `checkin_number`-th check-in (1-based).

    Even-numbered check-ins carry a prompt; pairs start at different places in the bank
    (by pair id), so people who compare notes don't all get the same question.
    """
    if bank_size <= 0 or checkin_number < 2 or checkin_number % 2:
        return None
    return (checkin_number // 2 - 1 + pair_id) % bank_size
