"""Seeded cohort families for the matching benchmark and the cross-family tests.

Each family is one function `(rng, size) -> Case`: the people, the history, the blocks and
the settings of one round, drawn only from `rng` (a `random.Random`), so a seed gives the
same cohort every time. They differ in the shapes that make matching easy or hard:

- `synthetic`: the cohort of `bot/matching/synthetic.py` (200 skills, Zipf popularity,
  realistic time zones, four past rounds of history);
- `scarce`: the top 20 skills are requested two to five times more than their mentors'
  total capacity;
- `abundant`: one request each, three to six offers, capacity two to four: everyone can be
  served several ways;
- `dominant`: one skill gets a third of all requests;
- `long_tail`: 3,000 skills; the top 300 carry nearly everything, the other 2,700 have one
  or two people each;
- `tz_bunched`: time zones spread evenly over a 12-hour span (half-hour offsets too);
- `tz_global`: time zones evenly round the globe, with `max_tz_gap_hours = 4`;
- `heavy_history`: everyone was paired in each of the last 10 weekly rounds, by skill, so
  the cooldown rules out many of the pairs this round would want;
- `scarce_history`: `scarce` people with `heavy_history`'s ten rounds: few places, and the
  cooldown rules out many of them (dense exclusions send it to the pruned set);
- `inactive`: a third have capacity 0, a quarter offer nothing, a fifth are paused;
- `reciprocal`: 40 skills, many offers and requests each: most pairs are two-way;
- `kept_aside`: steeper popularity, a fifth offer nothing, a sixth capacity 0, time zones
  within 12 hours, one earlier pairing per person over the last 40 weeks, one block per
  50 people (the shape of the cohort that exposed the old engine's slow-down).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.matching import CAREER_STAGES, MatchSettings, Participant, PastPair, synthetic


@dataclass(frozen=True, slots=True)
class Case:
    people: list[Participant]
    history: list[PastPair] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)
    settings: MatchSettings = field(default_factory=MatchSettings)


def _zipf(count: int, s: float) -> list[float]:
    return [1 / rank**s for rank in range(1, count + 1)]


def _pick(rng: random.Random, skills: list[str], cum: list[float], k: int) -> list[str]:
    """k distinct skills by popularity (cumulative weights), at most len(skills)."""
    chosen: dict[str, None] = {}
    k = min(k, len(skills))
    while len(chosen) < k:
        chosen[rng.choices(skills, cum_weights=cum)[0]] = None
    return list(chosen)


def _cum(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _people(
    rng: random.Random,
    size: int,
    *,
    skills: list[str],
    offer_weights: list[float],
    request_weights: list[float] | None = None,
    offers: tuple[int, int] = (1, 5),
    requests: tuple[int, int] = (1, 3),
    capacity: tuple[int, int] = (1, 3),
    zones: Callable[[random.Random], float] | None = None,
    no_offer_share: float = 0.0,
    no_capacity_share: float = 0.0,
    paused_share: float = 0.03,
) -> list[Participant]:
    offer_cum = _cum(offer_weights)
    request_cum = _cum(request_weights or offer_weights)
    zones = zones or _realistic_zone
    people = []
    for i in range(size):
        offered = [] if rng.random() < no_offer_share else _pick(rng, skills, offer_cum,
                                                                  rng.randint(*offers))  # fmt: skip
        wanted = [s for s in _pick(rng, skills, request_cum, rng.randint(*requests))
                  if s not in offered]  # fmt: skip
        people.append(
            Participant(
                id=f"U{i:06d}",
                offers={s: rng.randint(1, 5) for s in offered},
                requests={s: rng.randint(0, 6) for s in wanted},
                capacity=0 if rng.random() < no_capacity_share else rng.randint(*capacity),
                tz_offset_hours=zones(rng),
                career_stage=rng.choice((*CAREER_STAGES, None)),
                paused=rng.random() < paused_share,
            )
        )
    return people


_ZONES, _SHARES = zip(*synthetic.TZ_SPREAD, strict=True)
_ZONE_CUM = _cum(list(_SHARES))


def _realistic_zone(rng: random.Random) -> float:
    return rng.choices(_ZONES, cum_weights=_ZONE_CUM)[0]


def _bunched_zone(rng: random.Random) -> float:
    return rng.randint(-8, 16) / 2  # −4 … +8 in half hours: a 12-hour span


def _global_zone(rng: random.Random) -> float:
    return float(rng.randint(-11, 12))


def synthetic_family(rng: random.Random, size: int) -> Case:
    people = synthetic.cohort(rng, size)
    return Case(people, synthetic.past_rounds(rng, people))


def scarce(rng: random.Random, size: int) -> Case:
    skills = synthetic.skill_names(200)
    people = _people(rng, size, skills=skills, offer_weights=_zipf(200, 0.3),
                     request_weights=_zipf(200, 1.0), offers=(1, 3), capacity=(1, 2))  # fmt: skip
    # Thin out the offers of the top 20 skills until demand is 2–5× the capacity offered.
    demand: dict[str, int] = {}
    for p in people:
        for s in p.requests:
            demand[s] = demand.get(s, 0) + 1
    top = sorted(demand, key=lambda s: (-demand[s], s))[:20]
    target = {s: max(1, int(demand[s] / rng.uniform(2, 5))) for s in top}
    supplied = dict.fromkeys(top, 0)
    thinned = []
    for p in people:
        offers = {}
        for s, level in p.offers.items():
            if s in target and supplied[s] + p.capacity > target[s]:
                continue
            if s in target:
                supplied[s] += p.capacity
            offers[s] = level
        thinned.append(_replace(p, offers=offers))
    return Case(thinned, synthetic.past_rounds(rng, thinned))


def abundant(rng: random.Random, size: int) -> Case:
    skills = synthetic.skill_names(100)
    people = _people(rng, size, skills=skills, offer_weights=_zipf(100, 0.8),
                     offers=(3, 6), requests=(1, 1), capacity=(2, 4))  # fmt: skip
    return Case(people, synthetic.past_rounds(rng, people))


def dominant(rng: random.Random, size: int) -> Case:
    skills = synthetic.skill_names(200)
    weights = _zipf(200, 1.0)
    # Requests: skill-001 takes a third of all request draws (average two per person).
    request_weights = [sum(weights[1:]) / 2, *weights[1:]]
    people = _people(rng, size, skills=skills, offer_weights=weights,
                     request_weights=request_weights, requests=(1, 3))  # fmt: skip
    return Case(people, synthetic.past_rounds(rng, people))


def long_tail(rng: random.Random, size: int) -> Case:
    head = synthetic.skill_names(300)
    people = _people(rng, size, skills=head, offer_weights=_zipf(300, 1.0))
    tail = [f"niche-{i:04d}" for i in range(2700)]
    # Each niche skill goes to one or two people, as an offer or a request.
    changed: dict[int, Participant] = {}
    for skill in tail:
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(size)
            p = changed.get(i, people[i])
            if rng.random() < 0.5:
                p = _replace(p, offers={**p.offers, skill: rng.randint(1, 5)})
            else:
                p = _replace(p, requests={**p.requests, skill: rng.randint(0, 6)})
            changed[i] = p
    people = [changed.get(i, p) for i, p in enumerate(people)]
    return Case(people, synthetic.past_rounds(rng, people))


def tz_bunched(rng: random.Random, size: int) -> Case:
    skills = synthetic.skill_names(200)
    people = _people(rng, size, skills=skills, offer_weights=_zipf(200, 1.0), zones=_bunched_zone)
    return Case(people, synthetic.past_rounds(rng, people))


def tz_global(rng: random.Random, size: int) -> Case:
    skills = synthetic.skill_names(200)
    people = _people(rng, size, skills=skills, offer_weights=_zipf(200, 1.0), zones=_global_zone)
    return Case(
        people, synthetic.past_rounds(rng, people), settings=MatchSettings(max_tz_gap_hours=4)
    )


def heavy_history(rng: random.Random, size: int) -> Case:
    people = synthetic.cohort(rng, size)
    return Case(people, _ten_weekly_rounds(rng, people))


def scarce_history(rng: random.Random, size: int) -> Case:
    """Scarce supply in a program that has run for a while: the cooldown rules out the
    pairs the few mentors of the top skills would make."""
    people = scarce(rng, size).people
    return Case(people, _ten_weekly_rounds(rng, people))


def _ten_weekly_rounds(rng: random.Random, people: list[Participant]) -> list[PastPair]:
    # Past rounds paired people by skill (as real rounds do), so the cooldown rules out
    # exactly the pairs this round would like: each of the last 10 weekly rounds gave
    # everyone with a request a mentor offering one of their skills.
    offerers: dict[str, list[str]] = {}
    for p in people:
        for s in p.offers:
            offerers.setdefault(s, []).append(p.id)
    history = []
    for weeks_ago in range(1, 11):
        for p in people:
            if not p.requests:
                continue
            skill = rng.choice(sorted(p.requests))
            mentor = rng.choice(offerers.get(skill) or [p.id])
            if mentor != p.id:
                history.append(PastPair(mentor, p.id, weeks_ago))
    return history


def inactive(rng: random.Random, size: int) -> Case:
    skills = synthetic.skill_names(200)
    people = _people(rng, size, skills=skills, offer_weights=_zipf(200, 1.0),
                     no_offer_share=0.25, no_capacity_share=0.33, paused_share=0.2)  # fmt: skip
    return Case(people, synthetic.past_rounds(rng, people))


def reciprocal(rng: random.Random, size: int) -> Case:
    skills = synthetic.skill_names(40)
    people = _people(rng, size, skills=skills, offer_weights=_zipf(40, 0.7),
                     offers=(2, 5), requests=(1, 3))  # fmt: skip
    return Case(people, synthetic.past_rounds(rng, people))


def kept_aside(rng: random.Random, size: int) -> Case:
    skills = synthetic.skill_names(200)
    people = _people(rng, size, skills=skills, offer_weights=_zipf(200, 1.4),
                     zones=_bunched_zone, no_offer_share=0.2, no_capacity_share=1 / 6)  # fmt: skip
    ids = [p.id for p in people]
    order = ids[:]
    rng.shuffle(order)
    history = [
        PastPair(a, b, rng.randint(1, 40)) for a, b in zip(order[::2], order[1::2], strict=False)
    ]
    blocks = [(rng.choice(ids), rng.choice(ids)) for _ in range(size // 50)]
    blocks = [(a, b) for a, b in blocks if a != b]
    return Case(people, history, blocks)


def _replace(p: Participant, **changes: object) -> Participant:
    fields = {name: getattr(p, name) for name in Participant.__slots__}
    fields.update(changes)
    return Participant(**fields)


FAMILIES: dict[str, Callable[[random.Random, int], Case]] = {
    "synthetic": synthetic_family,
    "scarce": scarce,
    "abundant": abundant,
    "dominant": dominant,
    "long_tail": long_tail,
    "tz_bunched": tz_bunched,
    "tz_global": tz_global,
    "heavy_history": heavy_history,
    "scarce_history": scarce_history,
    "inactive": inactive,
    "reciprocal": reciprocal,
    "kept_aside": kept_aside,
}


def make(family: str, size: int, seed: int = 1) -> Case:
    """The cohort of `family` with `size` people, from `seed`."""
    return FAMILIES[family](random.Random(seed), size)
