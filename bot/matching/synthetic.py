"""Seeded synthetic cohorts for benchmarks and tests (pure: all randomness from `rng`).

Skill popularity follows Zipf's law (weight 1/rank), time zones follow a rough map of
where people work, and history is a few past rounds of random pairs.
"""

from __future__ import annotations

import random

from bot.vocabulary import CAREER_STAGES

from .model import Participant, PastPair

# (UTC offset, share of people): the Americas, Europe/Africa, India, East Asia, Australia.
TZ_SPREAD: tuple[tuple[float, float], ...] = (
    (-8, 0.09), (-7, 0.03), (-6, 0.07), (-5, 0.15), (-3, 0.05), (0, 0.10), (1, 0.18),
    (2, 0.06), (3, 0.03), (5.5, 0.12), (8, 0.07), (9, 0.03), (10, 0.02),
)  # fmt: skip


def skill_names(count: int) -> list[str]:
    return [f"skill-{i:03d}" for i in range(1, count + 1)]


def _pick(rng: random.Random, skills: list[str], weights: list[float], k: int) -> list[str]:
    """k distinct skills, drawn by popularity."""
    chosen: dict[str, None] = {}
    while len(chosen) < k:
        chosen[rng.choices(skills, weights)[0]] = None
    return list(chosen)


def cohort(
    rng: random.Random,
    size: int,
    *,
    n_skills: int = 200,
    zipf_s: float = 1.0,
    paused_share: float = 0.03,
) -> list[Participant]:
    """`size` participants: 1–5 offers (levels 1–5), 1–3 requests, capacity 1–3."""
    skills = skill_names(n_skills)
    weights = [1 / rank**zipf_s for rank in range(1, n_skills + 1)]
    zones, shares = zip(*TZ_SPREAD, strict=True)
    people = []
    for i in range(size):
        offers = _pick(rng, skills, weights, rng.randint(1, 5))
        wanted = [s for s in _pick(rng, skills, weights, rng.randint(1, 3)) if s not in offers]
        people.append(
            Participant(
                id=f"U{i:06d}",
                offers={s: rng.randint(1, 5) for s in offers},
                requests={s: rng.randint(0, 6) for s in wanted},
                capacity=rng.randint(1, 3),
                tz_offset_hours=rng.choices(zones, shares)[0],
                career_stage=rng.choice((*CAREER_STAGES, None)),
                paused=rng.random() < paused_share,
            )
        )
    return people


def past_rounds(rng: random.Random, people: list[Participant], rounds: int = 4) -> list[PastPair]:
    """`rounds` weekly rounds of random pairs, 1..rounds weeks ago."""
    ids = [p.id for p in people]
    history = []
    for weeks_ago in range(1, rounds + 1):
        rng.shuffle(ids)
        history += [PastPair(a, b, weeks_ago) for a, b in zip(ids[::2], ids[1::2], strict=False)]
    return history
