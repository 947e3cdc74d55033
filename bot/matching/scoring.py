"""Pair score (pure). The formula, with the default weights of `MatchSettings`:

    score(m, e) = max over skills s that e requests and m offers of
                  2 × level(m, s) + bonus(m, s) + min(weeks_waiting(e, s), 4)
                + 3 if e offers a skill m has an open request for (two-way)
                − 2 if the time-zone gap between m and e exceeds 6 hours

The pair's skill is the s giving that maximum; ties go to the older request (more weeks
waiting), then to the skill slug alphabetically. The two-way bonus and the time-zone penalty
depend on the pair, not on the skill, so they never change which skill wins.
"""

from __future__ import annotations

from bot.vocabulary import CAREER_STAGES

from .model import MatchSettings, Participant


def tz_gap(a: float, b: float) -> float:
    """Hours between two UTC offsets, going round the clock the short way (0..12)."""
    d = abs(a - b) % 24
    return min(d, 24 - d)


def two_way_skills(mentor: Participant, mentee: Participant) -> tuple[str, ...]:
    """Skills the mentee offers that the mentor has an open request for, sorted."""
    return tuple(sorted(s for s in mentor.requests if s in mentee.offers))


def skill_term(level: int, weeks: int, settings: MatchSettings, bonus: int = 0) -> int:
    """The part of the score that depends on the skill: level, mentor bonus, time waiting."""
    return settings.level_weight * level + bonus + min(weeks, settings.waiting_cap_weeks)


def best_skill(mentor: Participant, mentee: Participant, settings: MatchSettings) -> str | None:
    """The skill the pair would be about, or None if the mentor offers none of the requests."""
    common = [s for s in mentee.requests if s in mentor.offers]
    if not common:
        return None
    return min(
        common,
        key=lambda s: (
            -skill_term(mentor.offers[s], mentee.requests[s], settings, mentor.bonus.get(s, 0)),
            -mentee.requests[s],
            s,
        ),
    )


def score_pair(
    mentor: Participant, mentee: Participant, settings: MatchSettings
) -> tuple[int, str] | None:
    """Best score and skill for `mentor` teaching `mentee`; None if no common skill.

    Eligibility (paused, cooldown, blocks, capacity, time-zone limit) is not checked here.
    """
    skill = best_skill(mentor, mentee, settings)
    if skill is None:
        return None
    score = skill_term(
        mentor.offers[skill], mentee.requests[skill], settings, mentor.bonus.get(skill, 0)
    )
    if two_way_skills(mentor, mentee):
        score += settings.two_way_bonus
    if tz_gap(mentor.tz_offset_hours, mentee.tz_offset_hours) > settings.tz_penalty_threshold_hours:
        score -= settings.tz_penalty
    return score, skill


def is_reverse(mentor: Participant, mentee: Participant) -> bool:
    """Reverse mentoring: the mentor is at an earlier career stage than the mentee."""
    if mentor.career_stage not in CAREER_STAGES or mentee.career_stage not in CAREER_STAGES:
        return False
    return CAREER_STAGES.index(mentor.career_stage) < CAREER_STAGES.index(mentee.career_stage)
