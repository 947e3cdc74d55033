"""Peer circles: learners of a skill nobody offers, grouped by time zone (no mentor).

Outside the flow model: nobody can teach the skill, so there is nothing to optimise but
who meets whom. Learners of each such skill are put in time-zone order, starting after
the widest gap round the clock, and cut into the fewest groups of at most `max_size`,
as even as possible (never fewer than `min_size`). Deterministic: ties go by id.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from .model import Participant

MIN_PEER_CIRCLE, MAX_PEER_CIRCLE = 3, 5


@dataclass(frozen=True, slots=True)
class PeerCircle:
    """Learners of one skill who learn together and take turns choosing the topic."""

    skill: str
    learners: tuple[str, ...]  # in time-zone order


def peer_circles(
    participants: Sequence[Participant],
    *,
    skip: Collection[str] = (),
    min_size: int = MIN_PEER_CIRCLE,
    max_size: int = MAX_PEER_CIRCLE,
) -> tuple[PeerCircle, ...]:
    """Peer circles for every skill at least `min_size` people ask for and nobody offers.

    Paused people and the ids in `skip` (e.g. already served this round) take no part.
    Sorted by skill, then by the circles' order round the clock.
    """
    if not 1 <= min_size <= max_size or max_size < 2 * min_size - 1:
        raise ValueError("peer circle sizes need 1 <= min_size and max_size >= 2*min_size - 1")
    active = [p for p in participants if not p.paused]
    offered = {s for p in active for s in p.offers}
    wanting: dict[str, list[Participant]] = {}
    for p in active:
        if p.id in skip:
            continue
        for skill in p.requests:
            if skill not in offered:
                wanting.setdefault(skill, []).append(p)
    circles = []
    for skill in sorted(wanting):
        learners = _round_the_clock(wanting[skill])
        if len(learners) < min_size:
            continue
        count = -(-len(learners) // max_size)
        base, extra = divmod(len(learners), count)
        start = 0
        for i in range(count):
            size = base + (i < extra)
            group = learners[start : start + size]
            circles.append(PeerCircle(skill, tuple(p.id for p in group)))
            start += size
    return tuple(circles)


def _round_the_clock(people: list[Participant]) -> list[Participant]:
    """By UTC offset (then id), starting just after the widest gap between neighbours."""
    ordered = sorted(people, key=lambda p: (p.tz_offset_hours % 24, p.id))
    if len(ordered) < 2:
        return ordered
    hours = [p.tz_offset_hours % 24 for p in ordered]
    gaps = [(hours[(i + 1) % len(hours)] - hours[i]) % 24 for i in range(len(hours))]
    widest = max(range(len(gaps)), key=lambda i: (gaps[i], -i))
    start = (widest + 1) % len(ordered)
    return ordered[start:] + ordered[:start]
