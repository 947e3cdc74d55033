"""Turn a chosen set of (mentor, mentee) pairs into a `RoundResult` with reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import (
    Circle,
    Forbidden,
    Lock,
    MatchSettings,
    Pair,
    Participant,
    PastPair,
    RoundResult,
)
from .reasons import Labels, pair_reasons
from .scoring import is_reverse, score_pair, two_way_skills
from .unserved import RecentPairs, UnservedExplainer


def build_result(
    people: Sequence[Participant],
    mentor_of: Mapping[str, str],
    *,
    history: Sequence[PastPair],
    blocks: Sequence[tuple[str, str]],
    settings: MatchSettings,
    skill_labels: Mapping[str, str] | None,
    optimal: bool,
    stats: Mapping[str, float],
    scored: Mapping[str, tuple[int, str]] | None = None,
    circles: Sequence[Circle] = (),
    locked: Sequence[Lock] = (),
    dropped: Sequence[Forbidden] = (),
    recent: RecentPairs | None = None,
) -> RoundResult:
    """`mentor_of` maps mentee id -> mentor id; everything else is derived from the input.

    `scored` (mentee id -> (score, skill) of its pair, as `score_pair` gives them) saves
    rescoring pairs the caller has already scored. Learners in `circles` are served.
    `recent` gives the pairs in cooldown where the caller has read the history already
    (see `UnservedExplainer`).
    """
    by_id = {p.id: p for p in people}
    label = Labels(skill_labels)
    pairs = []
    for mentee_id, mentor_id in mentor_of.items():
        mentor, mentee = by_id[mentor_id], by_id[mentee_id]
        known = scored.get(mentee_id) if scored is not None else None
        score_skill = known or score_pair(mentor, mentee, settings)
        if score_skill is None:
            raise ValueError(f"{mentor_id} offers nothing {mentee_id} asked for")
        score, skill = score_skill
        back = two_way_skills(mentor, mentee)
        pairs.append(
            Pair(
                mentor=mentor_id,
                mentee=mentee_id,
                skill=skill,
                score=score,
                two_way=bool(back),
                reverse=is_reverse(mentor, mentee),
                reasons=pair_reasons(mentor, mentee, skill, back, settings, label),
                two_way_skills=back,
            )
        )
    pairs.sort(key=lambda p: (p.mentor, p.mentee))
    in_circle = {learner for c in circles for learner in c.learners}
    waiting = [
        p
        for p in sorted(people, key=lambda p: p.id)
        if p.requests and p.id not in mentor_of and p.id not in in_circle
    ]
    explainer = UnservedExplainer(
        people, history, blocks, settings, label, dropped, {p.id for p in waiting}, recent
    )
    unserved = [u for p in waiting for u in explainer.explain(p)]
    full_stats = dict(stats)
    full_stats.update(
        participants=len(people),
        open_requests=sum(len(p.requests) for p in people),
        served=len(pairs) + len(in_circle),
        total_score=sum(p.score for p in pairs) + sum(c.score for c in circles),
        circles=len(circles),
        circle_learners=len(in_circle),
        locked_pairs=len(locked),
        two_way_pairs=sum(p.two_way for p in pairs),
        reverse_pairs=sum(p.reverse for p in pairs),
    )
    return RoundResult(
        pairs=tuple(pairs),
        unserved=tuple(unserved),
        optimal=optimal,
        stats=full_stats,
        circles=tuple(circles),
        locked=tuple(locked),
    )
