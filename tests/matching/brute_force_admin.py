"""Exhaustive reference for rounds with locks, drops and circles (tiny cohorts only).

Written from docs/matching.md ("Admin locks and drops", "Circles"); it shares nothing with
the engine but `score_pair` and `tz_gap`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.matching import Forbidden, Lock, MatchSettings, Participant, PastPair, score_pair, tz_gap

from .brute_force import eligible


def _dropped(drops: Sequence[Forbidden], m: str, e: str, skill: str | None) -> bool:
    return any((d.mentor, d.mentee) == (m, e) and d.skill in (None, skill) for d in drops)


def pair_score(
    mentor: Participant, mentee: Participant, drops: Sequence[Forbidden], settings: MatchSettings
) -> int | None:
    """The pair's score over the skills an admin did not drop; None if it cannot be made."""
    left = {
        s: w for s, w in mentee.requests.items() if not _dropped(drops, mentor.id, mentee.id, s)
    }
    scored = score_pair(mentor, replace(mentee, requests=left), settings)
    return None if scored is None else scored[0]


def locked_score(
    mentor: Participant, mentee: Participant, skill: str, settings: MatchSettings
) -> int:
    score = settings.level_weight * mentor.offers[skill] + mentor.bonus.get(skill, 0)
    score += min(mentee.requests[skill], settings.waiting_cap_weeks)
    if any(s in mentee.offers for s in mentor.requests):
        score += settings.two_way_bonus
    if tz_gap(mentor.tz_offset_hours, mentee.tz_offset_hours) > settings.tz_penalty_threshold_hours:
        score -= settings.tz_penalty
    return score


def best_extended(
    people: Sequence[Participant],
    history: Sequence[PastPair],
    blocks: Sequence[tuple[str, str]],
    settings: MatchSettings,
    locks: Sequence[Lock],
    drops: Sequence[Forbidden],
) -> tuple[int, int, int]:
    """(served, −circle seats, total score) of the lexicographically best round."""
    return best_kept(people, history, blocks, settings, locks, drops, keep=())[:3]


def best_kept(
    people: Sequence[Participant],
    history: Sequence[PastPair],
    blocks: Sequence[tuple[str, str]],
    settings: MatchSettings,
    locks: Sequence[Lock],
    drops: Sequence[Forbidden],
    keep: Sequence[tuple[str, str]],
) -> tuple[int, int, int, int]:
    """(served, −circle seats, total score, pairs of `keep` made) of the best round."""
    wanted = set(keep)
    by_id = {p.id: p for p in people}
    remaining = {p.id: p.capacity for p in people}
    served = score = 0
    for lock in locks:
        remaining[lock.mentor] -= 1
        served += 1
        score += locked_score(by_id[lock.mentor], by_id[lock.mentee], lock.skill, settings)
    locked = {lock.mentee for lock in locks}
    circles = [
        (m, s, size) for m in people if not m.paused for s, size in sorted(m.circle_sizes.items())
    ]
    options: list[list[tuple[str, int, int]]] = []  # (kind, index or mentor, score)
    mentor_ids: list[str] = []
    kept_flags: list[bool] = []  # per pair choice, as mentor_ids
    for e in people:
        if e.paused or not e.requests or e.id in locked:
            continue
        choices: list[tuple[str, int, int]] = []
        for m in people:
            if remaining[m.id] <= 0 or _dropped(drops, m.id, e.id, None):
                continue
            if eligible(m, e, history, blocks, settings):
                value = pair_score(m, e, drops, settings)
                if value is not None:
                    mentor_ids.append(m.id)
                    choices.append(("pair", len(mentor_ids) - 1, value))
                    kept_flags.append((m.id, e.id) in wanted)
        for c, (m, s, _) in enumerate(circles):
            if not e.open_to_circle or s not in e.requests or _dropped(drops, m.id, e.id, s):
                continue
            if not eligible(replace(m, capacity=1), e, history, blocks, settings):
                continue
            value = settings.level_weight * m.offers[s] + m.bonus.get(s, 0)
            value += min(e.requests[s], settings.waiting_cap_weeks)
            if any(t in e.offers for t in m.requests):
                value += settings.two_way_bonus
            if tz_gap(m.tz_offset_hours, e.tz_offset_hours) > settings.tz_penalty_threshold_hours:
                value -= settings.tz_penalty
            choices.append(("circle", c, value))
        options.append(choices)
    seats = [0] * len(circles)

    def search(i: int) -> tuple[int, int, int, int]:
        if i == len(options):
            if all(k == 0 or 3 <= k <= circles[c][2] for c, k in enumerate(seats)):
                return (0, 0, 0, 0)
            return (-1, 0, 0, 0)  # a circle of 1 or 2: not allowed
        best = search(i + 1)
        for kind, ref, value in options[i]:
            if kind == "pair":
                mentor = mentor_ids[ref]
                if remaining[mentor] > 0:
                    remaining[mentor] -= 1
                    a, b, c, d = search(i + 1)
                    remaining[mentor] += 1
                    if a >= 0:
                        best = max(best, (a + 1, b, c + value, d + kept_flags[ref]))
            elif seats[ref] < circles[ref][2]:
                seats[ref] += 1
                a, b, c, d = search(i + 1)
                seats[ref] -= 1
                if a >= 0:
                    best = max(best, (a + 1, b - 1, c + value, d))
        return best

    a, b, c, d = search(0)
    return (served + a, b, score + c, d)
