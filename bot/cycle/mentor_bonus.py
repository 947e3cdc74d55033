"""A mentor's bonus in matching from thanks and learners' fit ratings (pure).

Both terms are small and never negative (docs/matching.md, "Thanks and ratings"):

- endorsements: +1 on a skill when at least `MIN_ENDORSERS` different people thanked the
  mentor for it — a tie-breaker worth one week of waiting, half a level step;
- ratings: +1 on every skill the mentor offers when their learners' answers, at least
  `MIN_RATINGS` of them, smoothed toward the workspace's average (a Bayesian mean with
  `PRIOR_WEIGHT` imaginary answers at that average), reach `RATED_WELL`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# What each private answer is worth (good fit / pair again = 1, not sure = 0.5, no = 0).
ANSWER_VALUES: Mapping[str, float] = {
    "good_fit": 1.0,
    "not_sure": 0.5,
    "not_a_fit": 0.0,
    "again_yes": 1.0,
    "again_no": 0.0,
}
MIN_ENDORSERS = 2
MIN_RATINGS = 3
PRIOR_WEIGHT = 3
RATED_WELL = 0.75
NO_AVERAGE = 0.5  # the prior when nobody in the workspace has answered yet


def average(values: Sequence[float]) -> float:
    """The workspace's average answer: the prior every mentor's mean is pulled toward."""
    return sum(values) / len(values) if values else NO_AVERAGE


def smoothed_mean(values: Sequence[float], prior: float) -> float:
    """Bayesian mean: the answers plus `PRIOR_WEIGHT` answers at `prior`."""
    return (PRIOR_WEIGHT * prior + sum(values)) / (PRIOR_WEIGHT + len(values))


def rating_bonus(values: Sequence[float], prior: float) -> int:
    """1 when the mentor's learners rate them well (enough answers, smoothed), else 0."""
    if len(values) < MIN_RATINGS:
        return 0
    return 1 if smoothed_mean(values, prior) >= RATED_WELL else 0


def endorsement_bonus(endorsers: int) -> int:
    """1 when enough different people thanked the mentor for the skill, else 0."""
    return 1 if endorsers >= MIN_ENDORSERS else 0


def offer_bonuses(
    offers: Sequence[str], endorsers: Mapping[str, int], rating: int
) -> dict[str, int]:
    """Skill -> bonus (0..2) for one mentor's offers; skills with no bonus are left out."""
    bonuses = {skill: endorsement_bonus(endorsers.get(skill, 0)) + rating for skill in offers}
    return {skill: bonus for skill, bonus in bonuses.items() if bonus}
