"""A round holds off the cycle collector while it runs and leaves it as it found it, even
when rounds overlap in threads or a round fails."""

from __future__ import annotations

import gc
import threading

import pytest

from benchmarks.cohorts import make
from bot.matching import match_round
from bot.matching.collector import collector_paused

pytestmark = pytest.mark.db_independent


@pytest.fixture(autouse=True)
def _collector_back_on():
    yield
    gc.enable()


def _collections_during(work) -> int:
    started = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            started.append(1)

    gc.callbacks.append(note)
    try:
        work()
    finally:
        gc.callbacks.remove(note)
    return len(started)


def _round(size: int, seed: int):
    case = make("synthetic", size, seed)
    return lambda: match_round(case.people, history=case.history, settings=case.settings)


def test_a_round_runs_without_the_collector_and_switches_it_back_on() -> None:
    # Making the cohort wakes the collector many times, and so would the round (12 times
    # without the pause); paused, it wakes only as the round ends and switches it back on,
    # catching up with what the round left (a young and at most one full collection).
    made = _collections_during(lambda: make("synthetic", 1000, 3))
    round_ = _round(1000, seed=3)
    assert made >= 5
    assert _collections_during(round_) <= 2
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    _round(50, seed=4)()
    assert not gc.isenabled()


def test_a_failing_round_switches_it_back_on() -> None:
    case = make("synthetic", 10, 5)
    with pytest.raises(ValueError, match=r"(?i)duplicate"):
        match_round([*case.people, case.people[0]])
    assert gc.isenabled()


def test_overlapping_rounds_restore_it_once_the_last_one_ends() -> None:
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    states = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        states["after first"] = gc.isenabled()
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            states["second, after first"] = gc.isenabled()
        states["after both"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert states == {"after first": False, "second, after first": False, "after both": True}
