"""Sample surfaces of an admin shaping a round, for the gallery: the preview before a
swap, the swap list, the change waiting, the re-solve's before/after, and the preview after."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.domain.round_preview import Direction, RoundPreview
from bot.domain.round_shaping import DiffPair, PendingChange, ShapeDiff, SwapChoice, SwapOption
from bot.ui import admin_preview
from bot.ui import round_shaping as shaping_ui

MENTOR, MENTEE = "{mentor}", "{mentee}"


def _reasons(skill: str, level: int, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    return (f"{MENTOR} offers {skill} at level {level} and {MENTEE} asked to learn it", *extra)


KEN_REASONS = _reasons("Data visualisation", 3, ("same time zone",))
SWAP = SwapChoice(
    period="2026-W49",
    mentor="U0LINUS",
    mentee="U0MARGARET",
    options=(
        SwapOption("U0KEN", "data-visualisation", "Data visualisation", 6, KEN_REASONS),
        SwapOption(
            "U0PRIYA",
            "data-visualisation",
            "Data visualisation",
            4,
            _reasons("Data visualisation", 2, ("time zones 1 hour apart",)),
        ),
    ),
)


def after_swap(before: RoundPreview) -> RoundPreview:
    """The preview once the swap is re-solved: Ken, locked, teaches Margaret."""
    pairs = tuple(
        replace(
            pair,
            main=Direction("U0KEN", "U0MARGARET", "Data visualisation", KEN_REASONS),
            score=6,
            reverse=False,
            locked=True,
        )
        if pair.main.mentee == "U0MARGARET"
        else pair
        for pair in before.pairs
    )
    return replace(before, pairs=pairs, shaped=1)


def waiting(before: RoundPreview) -> RoundPreview:
    return replace(
        before,
        pending=(PendingChange("lock", "U0KEN", "U0MARGARET", "Data visualisation"),),
    )


DIFF = ShapeDiff(
    added=(),
    removed=(),
    changed=(
        (
            DiffPair("U0LINUS", "U0MARGARET", "Data visualisation", 9),
            DiffPair("U0KEN", "U0MARGARET", "Data visualisation", 6),
        ),
    ),
    served_before=3,
    served_after=3,
    score_before=35,
    score_after=32,
    locks=1,
    drops=0,
    locks_left_out=0,
)


def shaping_views(before: RoundPreview) -> list[tuple[str, Any]]:
    """(title, view) for each step of a swap, in order."""
    return [
        ("Shaping: swap the mentor", shaping_ui.swap_view(SWAP)),
        ("Shaping: a swap waiting for Re-solve", admin_preview.preview_modal(waiting(before))),
        ("Shaping: re-solved, before and after", shaping_ui.resolved_view(DIFF)),
        ("Shaping: the preview after the swap", admin_preview.preview_modal(after_swap(before))),
        ("Shaping: add a pair", shaping_ui.add_pair_modal("V0PREVIEW")),
    ]
