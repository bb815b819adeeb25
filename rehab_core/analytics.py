"""What the diary says over time: pain per day, rolling mean, trend in words, movement tolerance, sessions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from rehab_core.catalogue import movement_by_id, movements
from rehab_core.diary import CheckIn
from rehab_core.errors import InvalidInput
from rehab_core.protocol import SESSIONS_PER_DAY, TOLERATED_MAX_PAIN, is_candidate

# About the smallest change on the 0-10 scale that a person notices; smaller changes are noise.
CLINICALLY_IMPORTANT_CHANGE = 2
DAILY_COLUMNS: tuple[str, ...] = ("date", "mean_pain", "max_pain", "rolling_mean", "check_ins")
TOLERANCE_COLUMNS: tuple[str, ...] = ("date", "movement_id", "movement", "pain", "tolerated")
Direction = Literal["better", "about the same", "worse", "not enough data"]


def to_frame(check_ins: Sequence[CheckIn]) -> pd.DataFrame:
    """One row per check-in, oldest first. `at` is in UTC; `date` is the person's own calendar day."""
    ordered = sorted(check_ins, key=lambda check_in: (check_in.at, check_in.id))
    frame = pd.DataFrame(
        {
            "id": pd.Series([c.id for c in ordered], dtype="object"),
            "at": pd.to_datetime([c.at for c in ordered], utc=True)
            if ordered
            else pd.Series([], dtype="datetime64[ns, UTC]"),
            # The local day of the check-in (its own UTC offset), so an evening entry counts for that evening.
            "date": pd.to_datetime([c.at.date() for c in ordered])
            if ordered
            else pd.Series([], dtype="datetime64[ns]"),
            "pain": pd.Series([c.pain for c in ordered], dtype="int64"),
            "sessions_done": pd.Series([c.sessions_done for c in ordered], dtype="int64"),
            "ice": pd.Series([c.ice for c in ordered], dtype="bool"),
            "heat": pd.Series([c.heat for c in ordered], dtype="bool"),
            "note": pd.Series([c.note for c in ordered], dtype="object"),
            "movement_pain": pd.Series([dict(c.movement_pain) for c in ordered], dtype="object"),
        }
    )
    return frame.reset_index(drop=True)


def daily_pain(frame: pd.DataFrame, window_days: int = 7) -> pd.DataFrame:
    """Per day with check-ins: mean and worst pain, the mean of daily means over window_days, check-ins."""
    if isinstance(window_days, bool) or not isinstance(window_days, int) or window_days < 1:
        raise InvalidInput(f"window_days must be a whole number of days, 1 or more, got {window_days!r}")
    if frame.empty:
        return pd.DataFrame(
            {
                "date": pd.Series([], dtype="datetime64[ns]"),
                "mean_pain": pd.Series([], dtype="float64"),
                "max_pain": pd.Series([], dtype="int64"),
                "rolling_mean": pd.Series([], dtype="float64"),
                "check_ins": pd.Series([], dtype="int64"),
            }
        )
    daily = (
        frame.groupby("date", sort=True)
        .agg(mean_pain=("pain", "mean"), max_pain=("pain", "max"), check_ins=("pain", "size"))
        .reset_index()
    )
    daily["mean_pain"] = daily["mean_pain"].astype("float64")
    # Each day counts once, however many check-ins it has; days without any are left out.
    daily["rolling_mean"] = daily.rolling(f"{window_days}D", on="date")["mean_pain"].mean()
    return daily[list(DAILY_COLUMNS)]


@dataclass(frozen=True)
class Trend:
    """The change in daily mean pain over a window, and what it means, in plain words."""

    direction: Direction
    change: float | None
    days: int
    summary: str


def trend(frame: pd.DataFrame, days: int = 7) -> Trend:
    """The 7-day mean now against the 7-day mean `days` earlier; a change under 2 points is noise.

    Means, not single days: one good or bad day is not a trend (the recovery alerts compare the
    same means). With less than `days` of history there is no earlier mean to compare with.
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise InvalidInput(f"days must be a whole number of days, 1 or more, got {days!r}")
    daily = daily_pain(frame)
    if daily.empty:
        return Trend("not enough data", None, 0, "No check-ins yet, so there is no trend.")
    latest = daily.iloc[-1]
    earlier = daily[daily["date"] <= latest["date"] - pd.Timedelta(days=days)]
    if earlier.empty:
        return Trend(
            "not enough data",
            None,
            0,
            f"No trend yet: it compares {days}-day averages, so it needs more than {days} days of check-ins.",
        )
    before = earlier.iloc[-1]
    span = int((latest["date"] - before["date"]).days)
    change = round(float(latest["rolling_mean"]) - float(before["rolling_mean"]), 1)
    period = f"over {span} days ({days}-day average)"
    size = _points(abs(change))
    if change <= -CLINICALLY_IMPORTANT_CHANGE:
        return Trend("better", change, span, f"Down {size} {period}. That is a real improvement.")
    if change >= CLINICALLY_IMPORTANT_CHANGE:
        return Trend(
            "worse",
            change,
            span,
            f"Up {size} {period}. Take it easier, and do the safety check again if anything new appeared.",
        )
    moved = "no change" if change == 0 else f"{'down' if change < 0 else 'up'} {size}"
    return Trend(
        "about the same",
        change,
        span,
        f"About the same: {moved} {period}. Changes under {CLINICALLY_IMPORTANT_CHANGE} points "
        "are normal ups and downs.",
    )


def _points(amount: float) -> str:
    number = f"{amount:g}" if amount != int(amount) else str(int(amount))
    return f"{number} point{'' if amount == 1 else 's'}"


def movement_tolerance(data: Sequence[CheckIn] | pd.DataFrame) -> pd.DataFrame:
    """Each rated movement per day: its highest rise in pain that day, and whether it was tolerated.

    Tolerated as rule 3 says (rehab_core.protocol.is_candidate): every rating of the day a rise of
    at most 3 that kept the pain at 8 or less (the pain then plus the rise).
    """
    frame = data if isinstance(data, pd.DataFrame) else to_frame(list(data))
    records = (
        [
            (day, movement_id, rise, is_candidate(pain_then, rise))
            for day, pain_then, ratings in zip(
                frame["date"], frame["pain"], frame["movement_pain"], strict=True
            )
            for movement_id, rise in ratings.items()
        ]
        if not frame.empty
        else []
    )
    if not records:
        return pd.DataFrame(
            {
                "date": pd.Series([], dtype="datetime64[ns]"),
                "movement_id": pd.Series([], dtype="object"),
                "movement": pd.Series([], dtype="object"),
                "pain": pd.Series([], dtype="int64"),
                "tolerated": pd.Series([], dtype="bool"),
            }
        )
    long = pd.DataFrame.from_records(records, columns=["date", "movement_id", "pain", "tolerated"])
    # The worst rating of the day: a movement counts as tolerated only if it was every time.
    long = (
        long.groupby(["date", "movement_id"])
        .agg(pain=("pain", "max"), tolerated=("tolerated", "all"))
        .reset_index()
    )
    names = {movement_id: movement.name for movement_id, movement in movement_by_id().items()}
    order = {movement.id: position for position, movement in enumerate(movements())}
    # A rating of a movement since taken out of the catalogue is shown as such, never dropped.
    long["movement"] = long["movement_id"].map(
        lambda movement_id: names.get(movement_id, f"{movement_id} (no longer in the library)")
    )
    long["_order"] = long["movement_id"].map(lambda movement_id: order.get(movement_id, len(order)))
    long = long.sort_values(["date", "_order", "movement_id"]).drop(columns="_order").reset_index(drop=True)
    return long[list(TOLERANCE_COLUMNS)]


def tolerated_movements(data: Sequence[CheckIn] | pd.DataFrame) -> list[str]:
    """Ids of the catalogue's movements whose latest rating was tolerated, in catalogue order."""
    return tolerated_at_last_rating(movement_tolerance(data))


def tolerated_at_last_rating(tolerance: pd.DataFrame) -> list[str]:
    """From a movement_tolerance() frame (or a slice of it): the ids tolerated when last rated."""
    latest: dict[str, bool] = {}
    for row in tolerance.sort_values("date", kind="stable").itertuples(index=False):
        latest[str(row.movement_id)] = bool(row.tolerated)
    return [movement.id for movement in movements() if latest.get(movement.id)]


def sessions_by_day(frame: pd.DataFrame) -> pd.DataFrame:
    """Rehab sessions done per day (the highest count logged that day) against the goal of 3."""
    if frame.empty:
        return pd.DataFrame(
            {
                "date": pd.Series([], dtype="datetime64[ns]"),
                "sessions_done": pd.Series([], dtype="int64"),
                "target": pd.Series([], dtype="int64"),
            }
        )
    # Each check-in logs the sessions done so far that day, so the day's total is its highest count.
    sessions = frame.groupby("date", sort=True)["sessions_done"].max().reset_index()
    sessions["target"] = SESSIONS_PER_DAY
    return sessions


# When the diary says to get checked (NICE NG59 and NHS advice: see a GP or physiotherapist if
# back pain gets worse, or has not improved after a few weeks). Our thresholds: a rise of the
# 7-day mean by the clinically important change, or no such fall after four weeks while the
# pain is still above the mild band.
RECOVERY_WINDOW_DAYS = 7
STALLED_AFTER_DAYS = 28
AlertKind = Literal["worse", "stalled"]


@dataclass(frozen=True)
class RecoveryAlert:
    """The diary's numbers say: get checked. `message` gives the reason and the numbers."""

    kind: AlertKind
    message: str


def recovery_alerts(daily: pd.DataFrame) -> tuple[RecoveryAlert, ...]:
    """Alerts for a daily_pain() frame, as of its latest day: pain rising, or not easing after weeks."""
    if daily.empty:
        return ()
    alerts: list[RecoveryAlert] = []
    latest = daily.iloc[-1]
    now_mean = float(latest["rolling_mean"])
    earlier = daily[daily["date"] <= latest["date"] - pd.Timedelta(days=RECOVERY_WINDOW_DAYS)]
    if not earlier.empty:
        before = float(earlier.iloc[-1]["rolling_mean"])
        rise = round(now_mean - before, 1)
        if rise >= CLINICALLY_IMPORTANT_CHANGE:
            alerts.append(
                RecoveryAlert(
                    "worse",
                    f"Your pain is getting worse: your {RECOVERY_WINDOW_DAYS}-day average is {now_mean:.1f}, "
                    f"up {_points(rise)} from {before:.1f} a week earlier. See a GP or physiotherapist to "
                    "get your back checked, and do the safety check again.",
                )
            )
    first_day = daily["date"].iloc[0]
    days_logged = int((latest["date"] - first_day).days)
    # Pain that is already mild is recovery, not a stall: no alert while the mean is that low.
    if days_logged >= STALLED_AFTER_DAYS and now_mean > TOLERATED_MAX_PAIN:
        first_week = daily[daily["date"] < first_day + pd.Timedelta(days=RECOVERY_WINDOW_DAYS)]
        start_mean = float(first_week["mean_pain"].mean())
        if start_mean - now_mean < CLINICALLY_IMPORTANT_CHANGE:
            weeks = days_logged // 7
            alerts.append(
                RecoveryAlert(
                    "stalled",
                    f"Your pain has not eased after {weeks} weeks: your {RECOVERY_WINDOW_DAYS}-day average "
                    f"is {now_mean:.1f}, and it was {start_mean:.1f} in your first week (less than "
                    f"{CLINICALLY_IMPORTANT_CHANGE} points better). See a GP or physiotherapist.",
                )
            )
    return tuple(alerts)
