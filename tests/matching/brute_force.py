"""Exhaustive reference solver for tiny cohorts: tries every assignment of mentees.

Written straight from the rules in docs/matching.md, sharing nothing with the engine but
`score_pair` (whose formula has its own unit tests).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.matching import MatchSettings, Participant, PastPair, score_pair

DEFAULT_SETTINGS = MatchSettings()


def eligible(
    mentor: Participant,
    mentee: Participant,
    history: Sequence[PastPair],
    blocks: Sequence[tuple[str, str]],
    settings: MatchSettings,
) -> bool:
    if mentor.id == mentee.id or mentor.paused or mentee.paused or mentor.capacity <= 0:
        return False
    if not any(s in mentor.offers for s in mentee.requests):
        return False
    both = {mentor.id, mentee.id}
    if any({h.a, h.b} == both and h.weeks_ago < settings.cooldown_weeks for h in history):
        return False
    if any(set(b) == both for b in blocks):
        return False
    if settings.max_tz_gap_hours is not None:
        d = abs(mentor.tz_offset_hours - mentee.tz_offset_hours) % 24
        if min(d, 24 - d) > settings.max_tz_gap_hours:
            return False
    return True


def best_value(
    people: Sequence[Participant],
    history: Sequence[PastPair] = (),
    blocks: Sequence[tuple[str, str]] = (),
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> tuple[int, int]:
    """(mentees served, total score) of the lexicographically best matching."""
    options = []
    for mentee in people:
        choices = []
        for mentor in people:
            if eligible(mentor, mentee, history, blocks, settings):
                scored = score_pair(mentor, mentee, settings)
                assert scored is not None
                choices.append((mentor.id, scored[0]))
        if choices:
            options.append(choices)
    remaining = {p.id: p.capacity for p in people}

    def search(i: int) -> tuple[int, int]:
        if i == len(options):
            return (0, 0)
        best = search(i + 1)  # this mentee stays unserved
        for mentor_id, score in options[i]:
            if remaining[mentor_id] > 0:
                remaining[mentor_id] -= 1
                served, total = search(i + 1)
                remaining[mentor_id] += 1
                best = max(best, (served + 1, total + score))
        return best

    return search(0)
