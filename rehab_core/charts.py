"""Altair chart builders for the Progress page: a DataFrame in, a chart out, thresholds from the protocol."""

from __future__ import annotations

import altair as alt
import pandas as pd

from rehab_core.pain_scale import PAIN_IT_CAUSED
from rehab_core.palette import Scheme
from rehab_core.protocol import (
    HEAT_MAX_PAIN,
    PAIN_MAX,
    PAIN_MIN,
    REHAB_MAX_PAIN,
    SESSIONS_PER_DAY,
    TOLERATED_MAX_PAIN,
)


# The protocol's zones on the 0-10 scale, drawn behind the pain line, each labelled with the
# numbers it covers. Bounds sit halfway between whole numbers so that, say, pain 5 is clearly
# inside "heat allowed" and 6 inside "ice".
def _span(low: int, high: int) -> str:
    return f"{low} to {high}"


PAIN_ZONES = pd.DataFrame(
    [
        {
            "zone": f"{_span(PAIN_MIN, HEAT_MAX_PAIN)}: heat before workouts allowed",
            "low": PAIN_MIN,
            "high": HEAT_MAX_PAIN + 0.5,
        },
        {
            "zone": f"{_span(HEAT_MAX_PAIN + 1, REHAB_MAX_PAIN)}: ice, gentle rehab",
            "low": HEAT_MAX_PAIN + 0.5,
            "high": REHAB_MAX_PAIN + 0.5,
        },
        {
            "zone": f"{_span(REHAB_MAX_PAIN + 1, PAIN_MAX)}: rest and ice only",
            "low": REHAB_MAX_PAIN + 0.5,
            "high": PAIN_MAX,
        },
    ]
)
# What each mark means, one short line each: a long subtitle is cut with "..." on a phone.
PAIN_CHART_KEY = ("Dots: daily mean.", "Dark line: 7-day mean.", "Red ticks: worst of the day.")
ZONE_COLOURS = ["#cfe8dd", "#dbe7f5", "#f6d5cf"]
PAIN_SCALE = alt.Scale(domain=[PAIN_MIN, PAIN_MAX])
# The whole chart: title and key lines, plot, dates and the zones key below (about 130 px of it).
PAIN_CHART_HEIGHT = 500
# Room beside the first and last day, so neither dot is cut at the chart's edge.
DATE_PADDING_PX = 14
TOLERANCE_ROW_PX = 22
# The page fits each chart's whole height, title and date labels included, to the height given:
# the title, three key lines (about 17 px each) and the slanted dates take this much; the rest is
# the rows, each tall enough for its movement's name (too little room and Vega drops names).
TOLERANCE_FRAME_PX = 175
SESSIONS_CHART_HEIGHT = 260
SHORT_SPAN_DAYS = 14
# A grey that reads on the light theme's white and on the dark theme's near-black.
SUBTITLE_GREY = "#8c8c8c"


def _title(text: str, subtitle: str | list[str]) -> alt.Title:
    return alt.Title(text, subtitle=subtitle, subtitleColor=SUBTITLE_GREY)


def _date_axis(dates: pd.Series) -> alt.Axis:
    """Day labels; over a short span one tick a day, so a label never repeats for the hours between."""
    span = (dates.max() - dates.min()).days if len(dates) else 0
    if span <= SHORT_SPAN_DAYS:
        return alt.Axis(format="%d %b", tickCount={"interval": "day", "step": 1})
    return alt.Axis(format="%d %b")


def pain_chart(daily: pd.DataFrame, colours: Scheme) -> alt.LayerChart:
    """Daily mean pain (in the theme's primary colour), its rolling mean and the daily worst, over the zones.

    Nothing is written over the data: the zones are named in a key below the chart, and what each
    mark means in the lines of its subtitle, short enough for a 320 px phone. The chart shows pain
    now, so it has no rule for the rise a movement may bring on (that is the tolerance chart's).
    """
    zones = (
        alt.Chart(PAIN_ZONES)
        .mark_rect(opacity=0.9)  # pale and nearly opaque: the same light ground in light and dark themes
        .encode(
            y=alt.Y("low:Q", scale=PAIN_SCALE, title="Pain (0-10)"),
            y2="high:Q",
            color=alt.Color(
                "zone:N",
                # Highest pain first, as the zones stand on the chart.
                scale=alt.Scale(domain=list(PAIN_ZONES["zone"])[::-1], range=ZONE_COLOURS[::-1]),
                legend=alt.Legend(
                    title="Zones",
                    orient="bottom",
                    direction="vertical",
                    symbolType="square",
                    labelLimit=0,
                    labelFontSize=12,
                ),
            ),
            tooltip=[alt.Tooltip("zone:N", title="Zone")],
        )
    )
    dates = alt.X(
        "date:T", title="Date", axis=_date_axis(daily["date"]), scale=alt.Scale(padding=DATE_PADDING_PX)
    )
    base = alt.Chart(daily).encode(x=dates)
    tooltip = [
        alt.Tooltip("date:T", title="Date", format="%a %d %b %Y"),
        alt.Tooltip("mean_pain:Q", title="Mean pain", format=".1f"),
        alt.Tooltip("max_pain:Q", title="Worst pain"),
        alt.Tooltip("rolling_mean:Q", title="7-day mean", format=".1f"),
        alt.Tooltip("check_ins:Q", title="Check-ins"),
    ]
    worst = base.mark_tick(color="#b03a2e", thickness=2).encode(
        y=alt.Y("max_pain:Q", scale=PAIN_SCALE), tooltip=tooltip
    )
    mean = base.mark_line(point=True, color=colours.primary).encode(
        y=alt.Y("mean_pain:Q", scale=PAIN_SCALE), tooltip=tooltip
    )
    rolling = base.mark_line(color="#222222", strokeWidth=3, opacity=0.7).encode(
        y=alt.Y("rolling_mean:Q", scale=PAIN_SCALE), tooltip=tooltip
    )
    return alt.LayerChart(
        layer=[zones, worst, mean, rolling],
        title=_title("Pain over time", list(PAIN_CHART_KEY)),
    ).properties(height=PAIN_CHART_HEIGHT)


# Rule 3 in a few words (rehab_core.protocol.is_candidate): what the chart's green means.
TOLERATED_WORDS = f"A rise of {TOLERATED_MAX_PAIN} or less that kept your pain at {REHAB_MAX_PAIN} or less"


def tolerance_chart(tolerance: pd.DataFrame) -> alt.Chart:
    """Each movement's rise in pain by day (the worst of the day), green where it was tolerated."""
    colour = alt.when(alt.datum.tolerated).then(alt.value("#2e8b57")).otherwise(alt.value("#d9822b"))
    chart: alt.Chart = (
        alt.Chart(tolerance)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("yearmonthdate(date):O", title="Date", axis=alt.Axis(format="%d %b", labelAngle=-45)),
            y=alt.Y("movement:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
            color=colour,
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%a %d %b"),
                alt.Tooltip("movement:N", title="Movement"),
                alt.Tooltip("pain:Q", title=PAIN_IT_CAUSED),
                alt.Tooltip("tolerated:N", title=TOLERATED_WORDS),
            ],
        )
        .properties(
            title=_title(
                f"{PAIN_IT_CAUSED} from each movement",
                [
                    f"Green: a rise of {TOLERATED_MAX_PAIN} or less,",
                    f"to a pain of {REHAB_MAX_PAIN} or less.",
                    "Orange: more.",
                ],
            ),
            # A height in pixels, not per row: the page fits charts to its size, and a height
            # counted in rows makes Vega-Lite drop that fit with a console warning.
            height=TOLERANCE_FRAME_PX + TOLERANCE_ROW_PX * max(1, tolerance["movement_id"].nunique()),
        )
    )
    return chart


def sessions_chart(sessions: pd.DataFrame, colours: Scheme) -> alt.LayerChart:
    """Rehab sessions done each day (bars in the theme's primary colour) against the protocol's goal."""
    bars = (
        alt.Chart(sessions)
        .mark_bar(color=colours.primary)
        .encode(
            x=alt.X("date:T", title="Date", axis=_date_axis(sessions["date"])),
            y=alt.Y(
                "sessions_done:Q",
                title="Sessions done",
                scale=alt.Scale(domain=[0, SESSIONS_PER_DAY]),
                axis=alt.Axis(tickMinStep=1),
            ),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%a %d %b"),
                alt.Tooltip("sessions_done:Q", title="Sessions done"),
                alt.Tooltip("target:Q", title="Goal"),
            ],
        )
    )
    goal = (
        alt.Chart(pd.DataFrame([{"target": SESSIONS_PER_DAY}]))
        .mark_rule(strokeDash=[4, 4], color="#555555")
        .encode(y="target:Q")
    )
    return alt.LayerChart(
        layer=[bars, goal],
        title=_title("Sessions done", f"The goal is {SESSIONS_PER_DAY} a day (dashed line)."),
    ).properties(height=SESSIONS_CHART_HEIGHT)
