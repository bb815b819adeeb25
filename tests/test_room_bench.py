"""The room benchmark's own arithmetic: what the phones sent, and how late the projector showed it."""

from __future__ import annotations

import math

from tests.bench.bench_room import (
    expected_counts,
    phone_answers,
    phone_taps,
    rating_tap,
    update_delays,
)


def test_the_projector_delay_is_from_each_step_of_three_finishes_to_the_first_view_showing_it() -> None:
    finished = [10.0, 11.0, 12.0, 13.0, 14.0, 15.0]
    seen = [(9.0, 0), (12.5, 0), (13.0, 3), (15.5, 3), (17.0, 6)]
    assert update_delays(finished, seen) == [1.0, 2.0]


def test_a_step_the_projector_never_showed_is_an_endless_delay() -> None:
    assert math.isinf(update_delays([1.0, 2.0, 3.0], [(3.5, 0)])[0])


def test_every_phone_sends_the_same_answers_each_run_and_the_expected_counts_add_them_up() -> None:
    assert phone_answers(7) == phone_answers(7)
    counts = expected_counts(10)
    assert counts["answered"] == 10
    assert sum(counts[f"phase:{phase}"] for phase in ("rehab", "rest_ice", "urgent_care")) == 10


def test_a_phone_taps_through_safety_and_pain_then_rates_the_movement_the_page_asks_about() -> None:
    pain, ratings = phone_answers(1)
    taps = phone_taps(pain)
    assert taps[0] == {"page": "assess"}
    assert len(taps) == 3
    first = next(iter(ratings))
    asked = {"actions": [{"key": "assess_back"}, {"key": f"rate_{first}"}]}
    assert rating_tap(asked, ratings) == {
        "widget_state": {f"rate_{first}": ratings[first]},
        "trigger": {"key": "assess_next"},
    }
    assert rating_tap({"actions": [{"key": "assess_back"}]}, ratings) is None
