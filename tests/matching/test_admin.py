"""Locks, drops, circles, peer circles and the round diff on hand-made cohorts."""

from __future__ import annotations

import pytest

from bot.matching import (
    Forbidden,
    Lock,
    MatchSettings,
    Participant,
    PastPair,
    diff_rounds,
    lock_problems,
    match_round,
    peer_circles,
)


def person(pid: str, offers=None, requests=None, **kw) -> Participant:
    return Participant(pid, offers or {}, requests or {}, **kw)


def codes(lock: Lock, people, **kw) -> list[str]:
    return [p.code for p in lock_problems(lock, people, **kw)]


PEOPLE = [
    person("ann", {"python": 4}, capacity=1, tz_offset_hours=0),
    person("bob", requests={"python": 2}, tz_offset_hours=1),
    person("cy", requests={"python": 0}, tz_offset_hours=9),
    person("dee", {"sql": 3}, requests={"python": 1}, capacity=0, paused=True),
]


def test_a_lock_that_can_be_made_has_no_problems() -> None:
    assert lock_problems(Lock("ann", "bob", "python"), PEOPLE) == []


def test_every_reason_a_lock_is_refused_is_said() -> None:
    assert codes(Lock("ann", "zed", "python"), PEOPLE) == ["unknown"]
    assert codes(Lock("ann", "ann", "python"), PEOPLE) == ["same_person"]
    assert codes(Lock("bob", "ann", "sql"), PEOPLE) == ["no_offer", "no_request"]
    assert codes(Lock("ann", "dee", "python"), PEOPLE) == ["paused"]
    history = [PastPair("bob", "ann", 3)]
    problems = lock_problems(Lock("ann", "bob", "python"), PEOPLE, history=history)
    assert [p.code for p in problems] == ["cooldown"]
    assert problems[0].text == "They were paired 3 weeks ago; the cooldown is 26 weeks."
    assert codes(Lock("ann", "bob", "python"), PEOPLE, blocks=[("bob", "ann")]) == ["blocked"]
    limited = MatchSettings(max_tz_gap_hours=4)
    problems = lock_problems(Lock("ann", "cy", "python"), PEOPLE, settings=limited)
    assert [p.text for p in problems] == ["Their time zones are 9 hours apart; the limit is 4."]
    dropped = [Forbidden("ann", "bob", "python")]
    assert codes(Lock("ann", "bob", "python"), PEOPLE, dropped=dropped) == ["dropped"]
    both = [Lock("ann", "bob", "python"), Lock("ann", "cy", "python")]
    assert codes(both[1], PEOPLE, other_locks=both) == ["capacity"]


def test_a_refused_lock_is_refused_by_the_round_with_its_reasons() -> None:
    with pytest.raises(ValueError, match="The mentor doesn't offer sql"):
        match_round(PEOPLE, locks=[Lock("ann", "bob", "sql")])


def test_a_lock_is_kept_even_when_the_engine_would_pair_otherwise() -> None:
    people = [
        person("ann", {"python": 5}, capacity=1),
        person("bob", requests={"python": 4}),
        person("cy", requests={"python": 0}),
    ]
    assert [(p.mentor, p.mentee) for p in match_round(people).pairs] == [("ann", "bob")]
    result = match_round(people, locks=[Lock("ann", "cy", "python")])
    assert [(p.mentor, p.mentee, p.score) for p in result.pairs] == [("ann", "cy", 10)]
    assert result.locked == (Lock("ann", "cy", "python"),) and result.optimal
    assert [u.participant for u in result.unserved] == ["bob"]


def test_a_drop_for_one_skill_leaves_the_pair_about_another() -> None:
    people = [
        person("ann", {"python": 5, "sql": 1}, capacity=1),
        person("bob", requests={"python": 0, "sql": 0}),
    ]
    result = match_round(people, forbidden=[Forbidden("ann", "bob", "python")])
    assert [(p.skill, p.score) for p in result.pairs] == [("sql", 2)]
    result = match_round(people, forbidden=[Forbidden("ann", "bob")])
    assert result.pairs == () and result.optimal
    # A drop is one way: bob may still mentor ann.
    people = [person("ann", {"go": 2}, {"go": 0}), person("bob", {"go": 3}, {"go": 0})]
    result = match_round(people, forbidden=[Forbidden("ann", "bob")])
    assert [(p.mentor, p.mentee) for p in result.pairs] == [("bob", "ann")]


def circle_people(learners: int, open_: bool = True) -> list[Participant]:
    mentor = person("m", {"python": 4}, capacity=1, circle_sizes={"python": 4})
    return [mentor] + [
        person(f"l{i}", requests={"python": i}, open_to_circle=open_) for i in range(learners)
    ]


def test_a_circle_serves_learners_a_full_mentor_cannot() -> None:
    result = match_round(circle_people(4))
    # One learner gets the mentor's only place; the three left form a circle. (Seat and
    # pair score alike here, so which learner gets the pair is a tie.)
    assert len(result.pairs) == 1
    [circle] = result.circles
    assert (circle.mentor, circle.skill, len(circle.learners)) == ("m", "python", 3)
    assert result.pairs[0].mentee not in circle.learners
    assert result.unserved == () and result.optimal
    assert result.stats["served"] == 4 and result.stats["circle_learners"] == 3


def test_two_learners_left_are_not_a_circle() -> None:
    # Three open learners, but the mentor was paired with one of them last week.
    result = match_round(circle_people(3), history=[PastPair("m", "l2", 1)])
    assert result.circles == () and [p.mentee for p in result.pairs] == ["l1"]
    assert {u.participant for u in result.unserved} == {"l0", "l2"}
    assert result.optimal
    # Without the cooldown all three are served in one circle, the mentor's place unused:
    # serving more learners comes first.
    result = match_round(circle_people(3))
    assert result.pairs == () and result.circles[0].learners == ("l0", "l1", "l2")


def test_a_circle_may_take_a_learner_a_pair_would_have_served() -> None:
    # A second mentor with one place, and a learner only he can teach (not open to a
    # circle): without circles n would take an open learner (level is all the same to
    # the score) or x; with them the open three meet in m's circle and n teaches x.
    people = [
        *circle_people(3),
        person("n", {"python": 1}, capacity=1),
        person("x", requests={"python": 0}),
    ]
    result = match_round(people, blocks=[("m", "x")])
    assert result.stats["served"] == 4 and result.optimal
    assert [(p.mentor, p.mentee) for p in result.pairs] == [("n", "x")]
    assert result.circles[0].learners == ("l0", "l1", "l2")
    result = match_round(circle_people(5))
    assert result.stats["served"] == 5 and len(result.pairs) == 1
    assert len(result.circles[0].learners) == 4


def test_learners_not_open_to_a_circle_are_never_put_in_one() -> None:
    result = match_round(circle_people(5, open_=False))
    assert result.circles == () and result.stats["served"] == 1


def test_peer_circles_group_learners_of_an_unoffered_skill_by_time_zone() -> None:
    tz = {"a": -8, "b": 9, "c": -7, "d": 10, "e": 0, "f": 1, "g": -6}
    people = [person(k, requests={"rust": 0}, tz_offset_hours=h) for k, h in tz.items()]
    people.append(person("h", {"go": 3}, {"rust": 1}, paused=True))
    circles = peer_circles(people)
    assert [c.learners for c in circles] == [("b", "d", "a", "c"), ("g", "e", "f")]
    assert peer_circles(people[:2]) == ()
    people.append(person("t", {"rust": 2}))
    assert peer_circles(people) == ()


def test_the_diff_lists_pairs_added_removed_and_changed() -> None:
    people = [
        person("ann", {"python": 5}, capacity=1),
        person("ben", {"python": 2}, capacity=1, tz_offset_hours=9),
        person("cy", requests={"python": 4}, tz_offset_hours=9),
        person("dot", requests={"python": 0}),
    ]
    before = match_round(people)
    assert [(p.mentor, p.mentee) for p in before.pairs] == [("ann", "dot"), ("ben", "cy")]
    after = match_round(people, forbidden=[Forbidden("ben", "cy")])
    diff = diff_rounds(before, after)
    assert [(a.mentor, a.mentee) for a, _ in diff.changed] == [("ben", "cy"), ("ann", "dot")]
    assert [(b.mentor, b.mentee) for _, b in diff.changed] == [("ann", "cy"), ("ben", "dot")]
    assert diff.added == diff.removed == ()
    assert (diff.served_before, diff.served_after) == (2, 2)
    assert (diff.score_before, diff.score_after) == (18, 14)
    dropped = match_round(people, forbidden=[Forbidden("ann", "cy"), Forbidden("ben", "cy")])
    diff = diff_rounds(before, dropped)
    assert [p.mentee for p in diff.removed] == ["cy"] and diff.served_after == 1
    assert diff.changed == () and diff.added == ()
    diff = diff_rounds(dropped, before)
    assert [p.mentee for p in diff.added] == ["cy"]
    assert diff_rounds(before, before).unchanged
