"""Why a participant with open requests got no mentor: one reason per requested skill.

For each requested skill we follow every person who offers it through the checks a pair
must pass, in this order, and report the furthest any of them got:

    paused (you)  >  no_offer  >  cooldown / blocked  >  timezone  >  capacity

i.e. `paused` if you are paused; `no_offer` if nobody else offers the skill; `capacity` if
someone passes every personal check (not recently paired, not blocked, within the time-zone
limit) but is paused, has no capacity left, or is taken by other mentees this round;
otherwise `timezone` if someone fails only the time-zone limit; otherwise `cooldown` if
anyone was paired with you recently, else `blocked`. The furthest stage is the most useful
thing to tell a person: it is the one closest to being fixed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Sequence

from .model import Forbidden, MatchSettings, Participant, PastPair, Unserved, UnservedReason
from .reasons import Labels, unserved_text
from .scoring import tz_gap

# The pairs in cooldown, both ways, that involve one of the given ids (None: all).
RecentPairs = Callable[[Collection[str] | None], Container[tuple[str, str]]]


class UnservedExplainer:
    """Built once per round; `explain` is cheap because it stops at the first `capacity`."""

    def __init__(
        self,
        people: Sequence[Participant],
        history: Sequence[PastPair],
        blocks: Sequence[tuple[str, str]],
        settings: MatchSettings,
        label: Labels,
        dropped: Sequence[Forbidden] = (),
        only: Collection[str] | None = None,
        recent: RecentPairs | None = None,
    ) -> None:
        """`only`: the ids `explain` will be asked about (None: anyone). History and blocks
        of everyone else are not kept, which saves most of the work in a big round.
        `recent`: the pairs in cooldown for given ids, where the caller has them already
        (`Cohort.recent_pairs`); None: read from `history`."""
        self._settings = settings
        self._label = label
        self._offerers: dict[str, list[Participant]] = defaultdict(list)
        for p in people:
            for skill in p.offers:
                self._offerers[skill].append(p)
        wanted = None if only is None else set(only)
        # Both orders of each pair, as plain tuples: far cheaper to build than frozensets.
        self._recent: Container[tuple[str, str]] = (
            recent(wanted)
            if recent is not None
            else _both_ways(
                ((h.a, h.b) for h in history if h.weeks_ago < settings.cooldown_weeks), wanted
            )
        )
        self._blocked = _both_ways(((a, b) for a, b in blocks), wanted)
        # An admin's drop reads like a block: the sentence never says so.
        self._dropped = {(d.mentor, d.mentee, d.skill) for d in dropped}

    def _reason(self, person: Participant, skill: str) -> UnservedReason:
        if person.paused:
            return UnservedReason.PAUSED
        # Not copied without the person: a popular skill has thousands of offerers, and
        # the loop below usually stops at the first.
        offerers = self._offerers.get(skill, ())
        if all(m.id == person.id for m in offerers[:2]):
            return UnservedReason.NO_OFFER  # nobody, or only the person themself
        limit = self._settings.max_tz_gap_hours
        best = UnservedReason.BLOCKED
        for m in offerers:
            if m.id == person.id:
                continue
            pair = (m.id, person.id)
            if pair in self._recent:
                best = UnservedReason.COOLDOWN if best == UnservedReason.BLOCKED else best
            elif pair in self._blocked or (self._dropped and self._was_dropped(m, person, skill)):
                continue
            elif limit is not None and tz_gap(m.tz_offset_hours, person.tz_offset_hours) > limit:
                best = UnservedReason.TIMEZONE
            else:
                return UnservedReason.CAPACITY
        return best

    def _was_dropped(self, mentor: Participant, mentee: Participant, skill: str) -> bool:
        return bool({(mentor.id, mentee.id, None), (mentor.id, mentee.id, skill)} & self._dropped)

    def explain(self, person: Participant) -> list[Unserved]:
        """One entry per requested skill, sorted by skill."""
        return [
            Unserved(
                participant=person.id,
                skill=skill,
                reason=(reason := self._reason(person, skill)),
                text=unserved_text(reason, self._label(skill)),
            )
            for skill in sorted(person.requests)
        ]


def _both_ways(pairs: Iterable[tuple[str, str]], wanted: set[str] | None) -> set[tuple[str, str]]:
    """(a, b) and (b, a) for each pair; with `wanted`, only pairs that touch it."""
    found = set()
    for a, b in pairs:
        if wanted is None or a in wanted or b in wanted:
            found.add((a, b))
            found.add((b, a))
    return found
