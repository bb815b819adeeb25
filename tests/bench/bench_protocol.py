"""How long recommend() takes for the three kinds of day: rehab with ten ratings, rest and ice, a red flag."""

from __future__ import annotations

import timeit
from collections.abc import Callable

from rehab_core import movements, recommend

MICROSECONDS = "µs per call"
TARGET_MICROSECONDS = 50.0


def per_call_microseconds(call: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of several timed runs, each long enough (about 0.2 s) to swamp the timer's noise."""
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeats, number=number)) / number * 1e6


def cases() -> dict[str, Callable[[], object]]:
    ratings = {movement.id: index % 6 for index, movement in enumerate(movements())}
    return {
        "recommend, pain 4, ten movements rated": lambda: recommend(4, ratings),
        "recommend, pain 9 (rest and ice)": lambda: recommend(9),
        "recommend, one red flag": lambda: recommend(4, ratings, ["chest-pain"]),
    }


TARGETS = dict.fromkeys(cases(), TARGET_MICROSECONDS)


def run() -> list[tuple[str, float, str]]:
    return [(name, per_call_microseconds(call), MICROSECONDS) for name, call in cases().items()]
