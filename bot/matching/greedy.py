"""A greedy baseline (for benchmarks only): what most pairing bots do.

Mentees who have waited longest go first; each takes the highest-level available mentor
for whichever of their requests scores best. Fast, but neither the number of mentees
served nor the total score is optimal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from .cohort import validate
from .model import MatchSettings, Participant, PastPair, RoundResult
from .result import build_result
from .scoring import score_pair, tz_gap

DEFAULT_SETTINGS = MatchSettings()


def greedy_round(
    participants: Sequence[Participant],
    *,
    history: Sequence[PastPair] = (),
    blocks: Sequence[tuple[str, str]] = (),
    settings: MatchSettings = DEFAULT_SETTINGS,
    skill_labels: Mapping[str, str] | None = None,
) -> RoundResult:
    """Same contract as `match_round`, with `optimal=False`."""
    validate(participants)
    people = sorted(participants, key=lambda p: p.id)
    forbidden = {frozenset((h.a, h.b)) for h in history if h.weeks_ago < settings.cooldown_weeks}
    forbidden |= {frozenset(b) for b in blocks}
    remaining = {p.id: 0 if p.paused else p.capacity for p in people}
    offerers: dict[str, list[Participant]] = defaultdict(list)
    for p in people:
        if remaining[p.id] > 0:
            for skill in p.offers:
                offerers[skill].append(p)
    for skill, mentors in offerers.items():
        mentors.sort(key=lambda m: (-m.offers[skill], m.id))
    first_free = dict.fromkeys(offerers, 0)  # mentors before this index are all full
    limit = settings.max_tz_gap_hours

    def available(mentor: Participant, mentee: Participant) -> bool:
        return (
            remaining[mentor.id] > 0
            and mentor.id != mentee.id
            and frozenset((mentor.id, mentee.id)) not in forbidden
            and (limit is None or tz_gap(mentor.tz_offset_hours, mentee.tz_offset_hours) <= limit)
        )

    mentor_of: dict[str, str] = {}
    queue = [p for p in people if p.requests and not p.paused]
    queue.sort(key=lambda p: -max(p.requests.values()))  # stable: ties stay in id order
    for mentee in queue:
        best: tuple[int, Participant] | None = None
        for skill in sorted(mentee.requests):
            mentors = offerers.get(skill, [])
            i = first_free.get(skill, 0)
            while i < len(mentors) and remaining[mentors[i].id] == 0:
                i += 1
            first_free[skill] = i
            mentor = next((m for m in mentors[i:] if available(m, mentee)), None)
            if mentor is not None:
                scored = score_pair(mentor, mentee, settings)
                if scored is not None and (best is None or scored[0] > best[0]):
                    best = (scored[0], mentor)
        if best is not None:
            mentor_of[mentee.id] = best[1].id
            remaining[best[1].id] -= 1
    return build_result(
        people,
        mentor_of,
        history=history,
        blocks=blocks,
        settings=settings,
        skill_labels=skill_labels,
        optimal=False,
        stats={},
    )
