"""When the diary says to get checked: pain rising by 2 points in a week, or not easing after 4 weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rehab_core.analytics import daily_pain, recovery_alerts, to_frame
from rehab_core.demo import demo_check_ins
from rehab_core.diary import CheckIn, new_check_in

START = date(2026, 3, 2)


def diary(pains: list[int]) -> list[CheckIn]:
    """One check-in a day from START, at the given pains."""
    return [
        new_check_in("me", datetime.combine(START + timedelta(days=offset), datetime.min.time(), UTC), pain)
        for offset, pain in enumerate(pains)
    ]


def alerts(pains: list[int]) -> dict[str, str]:
    return {alert.kind: alert.message for alert in recovery_alerts(daily_pain(to_frame(diary(pains))))}


def test_a_seven_day_mean_up_two_points_in_a_week_says_see_a_gp_or_physiotherapist_with_the_numbers() -> None:
    found = alerts([3] * 7 + [5] * 7)
    assert set(found) == {"worse"}
    assert "See a GP or physiotherapist" in found["worse"]
    assert "7-day average is 5.0, up 2 points from 3.0 a week earlier" in found["worse"]


def test_a_rise_under_two_points_is_noise_and_says_nothing() -> None:
    assert alerts([3] * 7 + [4] * 7) == {}


def test_pain_that_has_not_eased_after_four_weeks_says_so_with_the_numbers() -> None:
    found = alerts([6] * 7 + [5] * 22)
    assert set(found) == {"stalled"}
    assert "has not eased after 4 weeks" in found["stalled"]
    assert "7-day average is 5.0, and it was 6.0 in your first week" in found["stalled"]
    assert "See a GP or physiotherapist" in found["stalled"]


@pytest.mark.parametrize("days", [14, 27])
def test_no_stalled_alert_before_four_weeks(days: int) -> None:
    assert "stalled" not in alerts([6] * days)


def test_pain_that_eased_by_two_points_or_more_over_four_weeks_gives_no_alert() -> None:
    assert alerts([7] * 7 + [5] * 22) == {}


def test_pain_both_rising_and_stalled_gives_both_alerts() -> None:
    assert set(alerts([5] * 21 + [8] * 8)) == {"worse", "stalled"}


def test_the_demo_recovery_never_calls_for_an_alert_on_any_day() -> None:
    daily = daily_pain(to_frame(demo_check_ins()))
    assert all(recovery_alerts(daily.iloc[: end + 1]) == () for end in range(len(daily)))


def test_an_empty_diary_has_no_alert() -> None:
    assert recovery_alerts(daily_pain(to_frame([]))) == ()


@pytest.mark.parametrize("pain", [0, 1, 3])
def test_pain_that_stayed_mild_for_four_weeks_is_no_stall(pain: int) -> None:
    assert alerts([pain] * 30) == {}


def test_pain_that_stayed_above_mild_for_four_weeks_is_a_stall() -> None:
    assert set(alerts([4] * 30)) == {"stalled"}
