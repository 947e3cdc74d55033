"""Folding a round's two directions of one exchange into one pair."""

from __future__ import annotations

from bot.matching import Pair
from bot.services.two_way import fold_two_way


def pair(mentor: str, mentee: str, skill: str, score: int, *, reverse: bool = False) -> Pair:
    return Pair(mentor, mentee, skill, score, two_way=False, reverse=reverse, reasons=())


def test_mirrored_directions_fold_into_one_pair_and_others_stay_apart():
    ada_teaches_alan = pair("UADA", "UALAN", "python", 7)
    alan_teaches_ada = pair("UALAN", "UADA", "sql", 5, reverse=True)
    grace_teaches_ada = pair("UGRACE", "UADA", "go", 4)
    folded = fold_two_way([ada_teaches_alan, grace_teaches_ada, alan_teaches_ada])

    assert [(f.main, f.back) for f in folded] == [
        (ada_teaches_alan, alan_teaches_ada),  # the first direction met leads
        (grace_teaches_ada, None),
    ]
    exchange, single = folded
    assert (exchange.score, exchange.two_way, exchange.reverse) == (12, True, True)
    assert (single.score, single.two_way, single.reverse) == (4, False, False)


def test_a_one_way_pair_keeps_what_the_engine_said():
    engine_two_way = Pair("UADA", "UALAN", "python", 3, two_way=True, reverse=True, reasons=())
    [only] = fold_two_way([engine_two_way])
    assert (only.back, only.score, only.two_way, only.reverse) == (None, 3, True, True)
