"""Hypothesis strategies for small random cohorts (few skills, so pairs collide often)."""

from __future__ import annotations

from hypothesis import strategies as st

from bot.matching import CAREER_STAGES, MatchSettings, Participant, PastPair

SKILLS = ("budgeting", "negotiation", "python", "public-speaking")
TZ = (-8.0, -5.0, 0.0, 1.0, 5.5, 9.0)


@st.composite
def participants(draw: st.DrawFn, min_size: int = 1, max_size: int = 6) -> list[Participant]:
    size = draw(st.integers(min_size, max_size))
    people = []
    for i in range(size):
        offered = draw(st.sets(st.sampled_from(SKILLS), max_size=3))
        requested = draw(st.sets(st.sampled_from(SKILLS), max_size=2))
        # A mentor bonus (thanks and ratings) on some offers, so the proof covers it too.
        bonus = {s: draw(st.integers(0, 2)) for s in sorted(offered) if draw(st.booleans())}
        people.append(
            Participant(
                id=f"p{i}",
                offers={s: draw(st.integers(1, 5)) for s in sorted(offered)},
                requests={s: draw(st.integers(0, 6)) for s in sorted(requested)},
                capacity=draw(st.integers(0, 2)),
                tz_offset_hours=draw(st.sampled_from(TZ)),
                career_stage=draw(st.sampled_from((*CAREER_STAGES, None))),
                paused=draw(st.integers(0, 9)) == 0,
                bonus=bonus,
            )
        )
    return people


@st.composite
def rounds(
    draw: st.DrawFn, max_size: int = 6, min_size: int = 1
) -> tuple[list[Participant], list[PastPair], list[tuple[str, str]], MatchSettings]:
    people = draw(participants(min_size=min_size, max_size=max_size))
    ids = [p.id for p in people]
    pair = st.tuples(st.sampled_from(ids), st.sampled_from(ids))
    past = draw(st.lists(st.tuples(pair, st.integers(0, 40)), max_size=4))
    history = [PastPair(a, b, weeks) for (a, b), weeks in past]
    blocks = draw(st.lists(pair, max_size=2))
    settings = MatchSettings(
        cooldown_weeks=draw(st.sampled_from((0, 4, 26))),
        max_tz_gap_hours=draw(st.sampled_from((None, 3.0, 8.0))),
    )
    return people, history, blocks, settings
