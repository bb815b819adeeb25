"""Diary analytics and the demo diary: per-day pain, rolling mean, the trend in words, tolerance, sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest

from rehab_core import HEAT_MAX_PAIN, InvalidInput, movements
from rehab_core.analytics import (
    CLINICALLY_IMPORTANT_CHANGE,
    daily_pain,
    movement_tolerance,
    sessions_by_day,
    to_frame,
    tolerated_movements,
    trend,
)
from rehab_core.demo import demo_check_ins
from rehab_core.diary import CheckIn, new_check_in
from rehab_core.protocol import SESSIONS_PER_DAY, TOLERATED_MAX_PAIN


def on_day(day: int, pain: int, hour: int = 9, **fields: object) -> CheckIn:
    return new_check_in("o", datetime(2025, 3, 1, hour, tzinfo=UTC) + timedelta(days=day), pain, **fields)  # type: ignore[arg-type]


def test_an_empty_diary_gives_empty_tables_and_asks_for_more_check_ins() -> None:
    frame = to_frame([])
    assert list(frame.columns[:8]) == ["id", "at", "date", "pain", "sessions_done", "ice", "heat", "note"]
    assert daily_pain(frame).empty and movement_tolerance(frame).empty and sessions_by_day(frame).empty
    assert list(daily_pain(frame).columns) == ["date", "mean_pain", "max_pain", "rolling_mean", "check_ins"]
    result = trend(frame)
    assert (result.direction, result.change) == ("not enough data", None)
    assert "No check-ins yet" in result.summary
    assert tolerated_movements([]) == []


def test_one_check_in_gives_one_day_and_no_trend() -> None:
    frame = to_frame([on_day(0, 6)])
    daily = daily_pain(frame)
    assert daily[["mean_pain", "max_pain", "rolling_mean", "check_ins"]].values.tolist() == [[6.0, 6, 6.0, 1]]
    assert trend(frame).direction == "not enough data"


def test_daily_pain_averages_several_check_ins_and_keeps_the_worst() -> None:
    frame = to_frame([on_day(0, 8, 8), on_day(0, 4, 13), on_day(0, 6, 20), on_day(1, 3)])
    daily = daily_pain(frame)
    assert daily["mean_pain"].tolist() == [6.0, 3.0]
    assert daily["max_pain"].tolist() == [8, 3]
    assert daily["check_ins"].tolist() == [3, 1]


def test_the_day_is_the_persons_own_calendar_day() -> None:
    late_evening = new_check_in("o", datetime(2025, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5))), 5)
    assert daily_pain(to_frame([late_evening]))["date"].tolist() == [pd.Timestamp("2025-03-01")]


def test_the_rolling_mean_covers_the_last_seven_calendar_days_of_daily_means() -> None:
    entries = [on_day(day, pain) for day, pain in enumerate([9, 9, 9, 9, 9, 9, 9, 2, 2])]
    daily = daily_pain(to_frame(entries))
    rolling = daily["rolling_mean"].round(4).tolist()
    assert rolling[6] == 9.0
    assert rolling[7] == round((9 * 6 + 2) / 7, 4)
    assert rolling[8] == round((9 * 5 + 2 * 2) / 7, 4)
    assert (
        daily_pain(to_frame(entries), window_days=1)["rolling_mean"].tolist() == daily["mean_pain"].tolist()
    )
    with pytest.raises(InvalidInput, match="window_days"):
        daily_pain(to_frame(entries), window_days=0)


def two_weeks(first: int, last: int) -> list[CheckIn]:
    """A week of check-ins at one pain, then a week at another: two 7-day means, one week apart."""
    return [on_day(day, first if day < 7 else last) for day in range(14)]


@pytest.mark.parametrize(
    ("first", "last", "direction", "summary"),
    [
        (7, 4, "better", "Down 3 points over 7 days (7-day average)."),
        (5, 5 - CLINICALLY_IMPORTANT_CHANGE, "better", "Down 2 points over 7 days (7-day average)."),
        (5, 4, "about the same", "About the same: down 1 point over 7 days (7-day average)."),
        (5, 5, "about the same", "About the same: no change over 7 days (7-day average)."),
        (5, 6, "about the same", "About the same: up 1 point over 7 days (7-day average)."),
        (4, 6, "worse", "Up 2 points over 7 days (7-day average)."),
    ],
)
def test_a_change_under_two_points_between_7_day_means_is_about_the_same(
    first: int, last: int, direction: str, summary: str
) -> None:
    result = trend(to_frame(two_weeks(first, last)))
    assert (result.direction, result.change, result.days) == (direction, float(last - first), 7)
    assert result.summary.startswith(summary)


def test_one_good_day_is_not_a_trend() -> None:
    # Issue 22 point 11: "down 2 points in 2 days: a real improvement" from a single good day.
    result = trend(to_frame([on_day(day, 6) for day in range(13)] + [on_day(13, 2)]))
    assert result.direction == "about the same"
    assert result.change == round((6 * 6 + 2) / 7 - 6, 1)
    assert "real improvement" not in result.summary


def test_the_trend_needs_more_than_a_week_and_names_the_days_it_spans() -> None:
    short = trend(to_frame([on_day(0, 8), on_day(2, 5, 8), on_day(2, 4, 18)]))
    assert (short.direction, short.change) == ("not enough data", None)
    assert "7-day averages" in short.summary and "more than 7 days" in short.summary
    gap = trend(to_frame([on_day(0, 8), on_day(30, 2)]))
    assert (gap.direction, gap.change, gap.days) == ("better", -6.0, 30)
    assert gap.summary.startswith("Down 6 points over 30 days (7-day average).")


def test_movement_tolerance_takes_the_worst_rating_of_each_day() -> None:
    entries = [
        on_day(0, 6, 8, movement_pain={"bird-dog": 2, "hip-bridge": 5}),
        on_day(0, 5, 18, movement_pain={"bird-dog": 4}),
        on_day(1, 4, movement_pain={"hip-bridge": TOLERATED_MAX_PAIN, "bird-dog": 1}),
    ]
    tolerance = movement_tolerance(entries)
    assert list(tolerance.columns) == ["date", "movement_id", "movement", "pain", "tolerated"]
    rows = tolerance[["movement_id", "movement", "pain", "tolerated"]].values.tolist()
    assert rows == [
        ["hip-bridge", "Hip bridge", 5, False],
        ["bird-dog", "Bird dog", 4, False],
        ["hip-bridge", "Hip bridge", 3, True],
        ["bird-dog", "Bird dog", 1, True],
    ]
    assert movement_tolerance(to_frame(entries)).equals(tolerance)
    assert tolerated_movements(entries) == ["hip-bridge", "bird-dog"]


def test_sessions_per_day_is_the_highest_count_logged_that_day_against_three() -> None:
    frame = to_frame([on_day(0, 5, 8, sessions_done=1), on_day(0, 5, 20, sessions_done=3), on_day(1, 5)])
    sessions = sessions_by_day(frame)
    assert sessions["sessions_done"].tolist() == [3, 0]
    assert sessions["target"].tolist() == [SESSIONS_PER_DAY] * 2


def test_the_demo_diary_is_repeatable_and_tells_a_recovery_story() -> None:
    today = date(2025, 3, 21)
    diary = demo_check_ins("demo", today=today)
    assert diary == demo_check_ins("demo", today=today)
    assert {check_in.owner for check_in in demo_check_ins("someone", today=today)} == {"someone"}
    frame = to_frame(diary)
    daily = daily_pain(frame)
    assert daily["date"].min() == pd.Timestamp(today - timedelta(days=20))
    assert daily["date"].max() == pd.Timestamp(today)
    assert set(daily["check_ins"]) <= {1, 2, 3} and len(set(daily["check_ins"])) > 1
    assert set(frame["pain"].head(4)) <= {8, 9}
    assert daily["mean_pain"].iloc[-1] <= 3
    assert trend(frame, days=20).direction == "better"
    tolerance = movement_tolerance(diary)
    tolerated_per_day = tolerance.groupby("date")["tolerated"].sum()
    assert tolerated_per_day.iloc[-1] > tolerated_per_day.iloc[0]
    assert all(check_in.ice == (check_in.pain > HEAT_MAX_PAIN) for check_in in diary)
    assert not any(check_in.heat and check_in.pain > HEAT_MAX_PAIN for check_in in diary)
    assert any(check_in.heat for check_in in diary) and any(check_in.note for check_in in diary)
    assert sessions_by_day(frame)["sessions_done"].iloc[-2] == SESSIONS_PER_DAY
    assert {key for check_in in diary for key in check_in.movement_pain} <= {m.id for m in movements()}


def test_a_small_rise_that_took_the_pain_past_8_is_not_tolerated_as_rule_3_says() -> None:
    # Pain 7, a rise of 2: within 3, but to 9, past the 8 rule 3 allows (is_candidate).
    over = new_check_in("me", datetime(2026, 3, 1, 9, tzinfo=UTC), 7, movement_pain={"bird-dog": 2})
    under = new_check_in("me", datetime(2026, 3, 2, 9, tzinfo=UTC), 5, movement_pain={"bird-dog": 2})
    table = movement_tolerance([over, under])
    assert table["tolerated"].tolist() == [False, True]
    assert tolerated_movements([over]) == [] and tolerated_movements([over, under]) == ["bird-dog"]
