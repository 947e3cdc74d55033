"""A round's participants as sorted numpy arrays, with vectorised pair scores and eligibility.

Everything is indexed by position in the id-sorted participant list, so results never
depend on the order the caller passed people in. Skill ids follow slug order, so "lowest
skill id" means "first slug alphabetically".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.vocabulary import MAX_LEVEL, MIN_LEVEL

from .arrays import KeySet, search, sorted_unique
from .model import Forbidden, MatchSettings, Participant, PastPair

MIN_CIRCLE, MAX_CIRCLE = 3, 6
MAX_BONUS = 2  # a mentor's bonus per offer: endorsements (0..1) + learners' ratings (0..1)

INT = np.int64
MAX_WEEKS = 1_000_000  # weeks are packed into 20 bits when breaking skill ties
# A dense person × skill table of levels is much faster than binary search; use it while
# it stays small (bytes).
_DENSE_LEVELS_MAX = 64_000_000
_SCORE_SLICE = 1 << 15  # pairs scored at a time (see `Cohort.scores`)


def _padded(rows: list[list[tuple[int, int]]]) -> tuple[np.ndarray, np.ndarray]:
    """(skill, value) lists per person -> two (n, width) arrays padded with skill -1."""
    width = max((len(r) for r in rows), default=0)
    skills = np.full((len(rows), max(width, 1)), -1, dtype=INT)
    values = np.zeros((len(rows), max(width, 1)), dtype=INT)
    for i, row in enumerate(rows):
        for j, (s, value) in enumerate(row):
            skills[i, j] = s
            values[i, j] = value
    return skills, values


def validate(people: Sequence[Participant]) -> None:
    """Raise ValueError for duplicate ids or out-of-range levels, weeks or capacity."""
    seen: set[str] = set()
    for p in people:
        if p.id in seen:
            raise ValueError(f"duplicate participant id {p.id!r}")
        seen.add(p.id)
        if not _whole(p.capacity, 0, None):
            raise ValueError(f"participant {p.id!r}: capacity must be a whole number >= 0")
        for skill, level in p.offers.items():
            if not _whole(level, MIN_LEVEL, MAX_LEVEL):
                raise ValueError(f"participant {p.id!r}: level of {skill!r} must be 1..5")
        for skill, size in p.circle_sizes.items():
            if skill not in p.offers or not _whole(size, MIN_CIRCLE, MAX_CIRCLE):
                raise ValueError(
                    f"participant {p.id!r}: a circle of {skill!r} needs an offer of it"
                    f" and {MIN_CIRCLE}..{MAX_CIRCLE} learners"
                )
        for skill, bonus in p.bonus.items():
            if skill not in p.offers or not _whole(bonus, 0, MAX_BONUS):
                raise ValueError(
                    f"participant {p.id!r}: a bonus for {skill!r} needs an offer of it"
                    f" and must be 0..{MAX_BONUS}"
                )
        for skill, weeks in p.requests.items():
            if not _whole(weeks, 0, MAX_WEEKS):
                raise ValueError(
                    f"participant {p.id!r}: weeks waiting for {skill!r} must be 0..{MAX_WEEKS}"
                )


def _positions(index: dict[str, int], ids: list[str]) -> np.ndarray:
    """Each id's position in the cohort, −1 for people not in it."""
    return np.array([index.get(i, -1) for i in ids], dtype=INT)


def _whole(value: object, low: int, high: int | None) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and low <= value
        and (high is None or value <= high)
    )


def _level_table(
    n: int, n_skills: int, keys: list[int], levels: list[int], requested: set[int]
) -> tuple[np.ndarray | None, np.ndarray]:
    """(table, column per skill): a dense person × column table of levels, one column per
    skill both offered and requested (the only skills pairs are scored on: a long tail of
    skills only offered or only asked for would make the table needlessly wide); column
    −1 for a skill nobody offers (level 0), −2 for one offered but never requested, which
    `Cohort.level` looks up by binary search."""
    key_array = np.array(keys, dtype=INT)
    offered = np.zeros(n_skills, dtype=bool)
    offered[key_array % n_skills] = True
    wanted = np.zeros(n_skills, dtype=bool)
    wanted[np.array(sorted(requested), dtype=INT)] = True
    kept = offered & wanted
    column = np.where(kept, np.cumsum(kept) - 1, np.where(offered, -2, -1)).astype(INT)
    width = int(kept.sum())
    if n * max(width, 1) > _DENSE_LEVELS_MAX:
        return None, column
    table = np.zeros((n, max(width, 1)), dtype=np.int8)
    col = column[key_array % n_skills]
    in_table = col >= 0
    table[(key_array // n_skills)[in_table], col[in_table]] = np.array(levels, dtype=np.int8)[
        in_table
    ]
    return table, column


@dataclass(frozen=True, slots=True)
class IdPairs:
    """Ordered pairs of a cohort's people, asked about by id: `(a, b) in pairs`."""

    index: Mapping[str, int]
    n: int
    keys: frozenset[int]  # position(a) · n + position(b)

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, tuple) or len(pair) != 2:
            return False
        i, j = self.index.get(pair[0]), self.index.get(pair[1])
        return i is not None and j is not None and i * self.n + j in self.keys


@dataclass(frozen=True, slots=True)
class Cohort:
    """Participants sorted by id plus the array views the solver works on."""

    people: tuple[Participant, ...]
    index: dict[str, int]
    skills: tuple[str, ...]
    settings: MatchSettings
    mentor_cap: np.ndarray  # remaining capacity, 0 if paused
    is_mentee: np.ndarray  # not paused and has an open request
    tz: np.ndarray
    offer_keys: np.ndarray  # person * n_skills + skill, sorted
    offer_levels: np.ndarray
    offer_bonus: np.ndarray  # per offer entry: the mentor's bonus for that skill (0..2)
    level_table: np.ndarray | None  # (n, columns) int8 levels, when small enough
    level_column: np.ndarray  # per skill: its column in level_table (−1, −2: see _level_table)
    req_skill: np.ndarray  # (n, width) requested skill ids, -1 padded
    req_weeks: np.ndarray  # (n, width) weeks waiting
    forbidden: KeySet  # pair keys (m * n + e): cooldown, block (both ways), drop
    cooldown: np.ndarray  # sorted pair keys (m * n + e) of the cooldown alone, both ways
    # Sorted keys (m * n + e) * n_skills + skill of pairs an admin dropped for one skill:
    # the pair may still be made about another common skill.
    skill_forbidden: np.ndarray

    @classmethod
    def build(
        cls,
        participants: Sequence[Participant],
        history: Sequence[PastPair],
        blocks: Sequence[tuple[str, str]],
        settings: MatchSettings,
        dropped: Sequence[Forbidden] = (),
    ) -> Cohort:
        validate(participants)
        people = tuple(sorted(participants, key=lambda p: p.id))
        index = {p.id: i for i, p in enumerate(people)}
        skills = tuple(sorted({s for p in people for s in (*p.offers, *p.requests)}))
        skill_id = {s: i for i, s in enumerate(skills)}
        n_skills = max(len(skills), 1)

        offers = [sorted((skill_id[s], lvl) for s, lvl in p.offers.items()) for p in people]
        requests = [sorted((skill_id[s], w) for s, w in p.requests.items()) for p in people]
        keys = [i * n_skills + s for i, row in enumerate(offers) for s, _ in row]
        levels = [lvl for row in offers for _, lvl in row]
        bonuses = [
            p.bonus.get(skills[k], 0) for p, row in zip(people, offers, strict=True) for k, _ in row
        ]
        req_skill, req_weeks = _padded(requests)

        n = len(people)
        requested = {s for row in requests for s, _ in row}
        table, column = _level_table(n, n_skills, keys, levels, requested)
        # Cooldown and blocks exclude both ways. Looked up as whole columns: at 100,000
        # people heavy history has a million recent pairs.
        recent = [h for h in history if h.weeks_ago < settings.cooldown_weeks]
        first = _positions(index, [h.a for h in recent] + [a for a, _ in blocks])
        second = _positions(index, [h.b for h in recent] + [b for _, b in blocks])
        known = (first >= 0) & (second >= 0)
        in_cooldown = np.flatnonzero(known) < len(recent)  # the history comes before blocks
        first, second = first[known], second[known]
        # An admin's drop is one way: dropping A mentoring B leaves B mentoring A possible.
        one_way = [
            index[d.mentor] * n + index[d.mentee]
            for d in dropped
            if d.skill is None and d.mentor in index and d.mentee in index
        ]
        forwards, backwards = first * n + second, second * n + first
        forbidden = np.concatenate([forwards, backwards, np.array(one_way, dtype=INT)])
        cooldown = np.concatenate([forwards[in_cooldown], backwards[in_cooldown]])
        skill_forbidden = [
            (index[d.mentor] * n + index[d.mentee]) * n_skills + skill_id[d.skill]
            for d in dropped
            if d.skill is not None and d.mentor in index and d.mentee in index
            and d.skill in skill_id
        ]  # fmt: skip
        return cls(
            people=people,
            index=index,
            skills=skills,
            settings=settings,
            mentor_cap=np.array([0 if p.paused else p.capacity for p in people], dtype=INT),
            is_mentee=np.array([not p.paused and bool(p.requests) for p in people], dtype=bool),
            tz=np.array([p.tz_offset_hours for p in people], dtype=np.float64),
            offer_keys=np.array(keys, dtype=INT),  # sorted: people and skills ascend
            offer_levels=np.array(levels, dtype=INT),
            offer_bonus=np.array(bonuses, dtype=INT),
            level_table=table,
            level_column=column,
            req_skill=req_skill,
            req_weeks=req_weeks,
            forbidden=KeySet(sorted_unique(forbidden)),
            cooldown=sorted_unique(cooldown),
            skill_forbidden=sorted_unique(np.array(skill_forbidden, dtype=INT)),
        )

    @property
    def n(self) -> int:
        return len(self.people)

    def recent_pairs(self, ids: Collection[str] | None) -> IdPairs:
        """The pairs in cooldown, both ways, that involve one of `ids` (None: all of them).

        What the unserved explanations ask about, from the history already read here: at
        50,000 people with ten past rounds, walking the history again took 0.17 s.
        """
        keys = self.cooldown
        if ids is not None:
            n = max(self.n, 1)
            involved = np.zeros(n, dtype=bool)
            involved[[self.index[i] for i in ids if i in self.index]] = True
            keys = keys[involved[keys // n] | involved[keys % n]]
        return IdPairs(self.index, max(self.n, 1), frozenset(keys.tolist()))

    @property
    def n_skills(self) -> int:
        return max(len(self.skills), 1)

    def max_score(self) -> int:
        """An upper bound on any pair's score (used to size the cardinality weight)."""
        s = self.settings
        top_offer = int((s.level_weight * self.offer_levels + self.offer_bonus).max(initial=0))
        return top_offer + s.waiting_cap_weeks + s.two_way_bonus

    # --- vectorised per-pair functions; m and e are equal-length int arrays ---

    def level(self, m: np.ndarray, skill: np.ndarray) -> np.ndarray:
        """Level at which each m offers each skill, 0 if not offered (or skill is -1)."""
        if self.level_table is not None:
            column = self.level_column[np.maximum(skill, 0)]
            found = self.level_table[m, np.maximum(column, 0)]
            levels = np.where((skill >= 0) & (column >= 0), found, 0).astype(INT)
            elsewhere = (skill >= 0) & (column == -2)
            if elsewhere.any():
                levels[elsewhere] = self._searched_level(m[elsewhere], skill[elsewhere])
            return levels
        return self._searched_level(m, skill)

    def _searched_level(self, m: np.ndarray, skill: np.ndarray) -> np.ndarray:
        if len(self.offer_keys) == 0:
            return np.zeros(len(m), dtype=INT)
        keys = m * self.n_skills + skill
        pos = search(self.offer_keys, keys).clip(max=len(self.offer_keys) - 1)
        hit = (self.offer_keys[pos] == keys) & (skill >= 0)
        return np.where(hit, self.offer_levels[pos], 0)

    def bonus(self, m: np.ndarray, skill: np.ndarray) -> np.ndarray:
        """Each m's bonus for each skill, 0 if not offered (or skill is -1)."""
        if len(self.offer_keys) == 0 or not self.offer_bonus.any():
            return np.zeros(len(m), dtype=INT)
        keys = m * self.n_skills + skill
        pos = search(self.offer_keys, keys).clip(max=len(self.offer_keys) - 1)
        hit = (self.offer_keys[pos] == keys) & (skill >= 0)
        return np.where(hit, self.offer_bonus[pos], 0)

    def mentor_term(self, m: np.ndarray, skill: np.ndarray) -> np.ndarray:
        """The mentor part of the score: level_weight × level + bonus (0 if not offered)."""
        term: np.ndarray = self.settings.level_weight * self.level(m, skill) + self.bonus(m, skill)
        return term

    def tz_gap(self, m: np.ndarray, e: np.ndarray) -> np.ndarray:
        d = np.abs(self.tz[m] - self.tz[e]) % 24
        gap: np.ndarray = np.minimum(d, 24 - d)
        return gap

    def two_way(self, m: np.ndarray, e: np.ndarray) -> np.ndarray:
        """Whether e offers any skill m has an open request for."""
        found = np.zeros(len(m), dtype=bool)
        for j in range(self.req_skill.shape[1]):
            found |= self.level(e, self.req_skill[m, j]) > 0
        return found

    def scores(self, m: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(score, skill id) per pair, exactly as `scoring.score_pair`; skill -1 if none.

        Each step makes temporaries as long as its input, so many pairs go a slice at a
        time: slices of `_SCORE_SLICE` keep them in the cache (a fifth to a quarter less
        time per pair, at 10,000 and at 50,000 people alike).
        """
        if len(m) <= _SCORE_SLICE:
            return self._scores(m, e)
        score, skill = np.empty(len(m), dtype=INT), np.empty(len(m), dtype=INT)
        for a in range(0, len(m), _SCORE_SLICE):
            b = a + _SCORE_SLICE
            score[a:b], skill[a:b] = self._scores(m[a:b], e[a:b])
        return score, skill

    def _scores(self, m: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        s = self.settings
        best_key = np.full(len(m), -1, dtype=INT)
        best_term = np.zeros(len(m), dtype=INT)
        best_skill = np.full(len(m), -1, dtype=INT)
        for j in range(self.req_skill.shape[1]):
            skill = self.req_skill[e, j]
            level = self.level(m, skill)
            if len(self.skill_forbidden):
                level = np.where(self.skill_dropped(m, e, skill), 0, level)
            weeks = self.req_weeks[e, j]
            term = s.level_weight * level + np.minimum(weeks, s.waiting_cap_weeks)
            term += np.where(level > 0, self.bonus(m, skill), 0)
            # Lexicographic (term, weeks, -skill) packed into one integer; weeks < 2**20.
            key = ((term << 20) + np.minimum(weeks, 2**20 - 1)) * self.n_skills - skill
            better = (level > 0) & (key > best_key)
            best_key = np.where(better, key, best_key)
            best_term = np.where(better, term, best_term)
            best_skill = np.where(better, skill, best_skill)
        score = best_term + s.two_way_bonus * self.two_way(m, e)
        score -= s.tz_penalty * (self.tz_gap(m, e) > s.tz_penalty_threshold_hours)
        return score, best_skill

    def skill_dropped(self, m: np.ndarray, e: np.ndarray, skill: np.ndarray) -> np.ndarray:
        """Whether an admin dropped each pair for this skill (the skill may be -1)."""
        keys = (m * self.n + e) * self.n_skills + skill
        pos = search(self.skill_forbidden, keys).clip(max=len(self.skill_forbidden) - 1)
        return np.asarray((self.skill_forbidden[pos] == keys) & (skill >= 0), dtype=bool)

    def skill_dropped_mentees(self) -> np.ndarray:
        """Mentees with a pair dropped for one skill only: their pairs are scored one by one."""
        return np.unique(self.skill_forbidden // self.n_skills % max(self.n, 1))

    def excluded(self, m: np.ndarray, e: np.ndarray) -> np.ndarray:
        """Pairs never eligible whatever their skills and zones: oneself, cooldown, block."""
        bad: np.ndarray = (m == e) | self.forbidden.contains(m * self.n + e)
        return bad

    def eligible(self, m: np.ndarray, e: np.ndarray) -> np.ndarray:
        """Eligibility apart from the common skill (callers only pair people via skills)."""
        s = self.settings
        ok: np.ndarray = (m != e) & (self.mentor_cap[m] > 0) & self.is_mentee[e]
        if len(self.forbidden):
            ok &= ~self.forbidden.contains(m * self.n + e)
        if s.max_tz_gap_hours is not None:
            ok &= self.tz_gap(m, e) <= s.max_tz_gap_hours
        if len(self.skill_forbidden):
            # A pair dropped for every skill the two have in common is no pair at all.
            dropped = np.isin(m * self.n + e, self.skill_forbidden // self.n_skills)
            if dropped.any():
                ok[dropped] &= self.scores(m[dropped], e[dropped])[1] >= 0
        return ok
