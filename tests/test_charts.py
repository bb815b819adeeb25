"""The Progress charts' specs: protocol thresholds from the constants, tooltips, titles, any diary size."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from rehab_core import HEAT_MAX_PAIN, REHAB_MAX_PAIN, SESSIONS_PER_DAY, TOLERATED_MAX_PAIN
from rehab_core.analytics import daily_pain, movement_tolerance, sessions_by_day, to_frame
from rehab_core.charts import pain_chart, sessions_chart, tolerance_chart
from rehab_core.demo import demo_check_ins
from rehab_core.palette import THEME_FILE, palette_from_file

COLOURS = palette_from_file(THEME_FILE).light


def spec_text(chart: object) -> str:
    return json.dumps(chart.to_dict())  # type: ignore[attr-defined]


def demo_frame() -> pd.DataFrame:
    return to_frame(demo_check_ins(today=date(2026, 3, 1)))


def test_the_pain_chart_draws_the_protocol_zones_from_the_constants() -> None:
    spec = pain_chart(daily_pain(demo_frame()), COLOURS).to_dict()
    zones = next(
        dataset
        for dataset in spec["datasets"].values()
        if dataset and "zone" in dataset[0] and "low" in dataset[0]
    )
    bounds = {row["zone"]: (row["low"], row["high"]) for row in zones}
    assert bounds[f"0 to {HEAT_MAX_PAIN}: heat before workouts allowed"][1] == HEAT_MAX_PAIN + 0.5
    assert bounds[f"{HEAT_MAX_PAIN + 1} to {REHAB_MAX_PAIN}: ice, gentle rehab"] == (
        HEAT_MAX_PAIN + 0.5,
        REHAB_MAX_PAIN + 0.5,
    )
    assert bounds[f"{REHAB_MAX_PAIN + 1} to 10: rest and ice only"][0] == REHAB_MAX_PAIN + 0.5
    assert f"{TOLERATED_MAX_PAIN}: movements tolerated at or below" in spec_text(
        pain_chart(daily_pain(demo_frame()), COLOURS)
    )


def test_the_zone_and_line_labels_are_drawn_above_the_lines_and_the_dates_are_padded() -> None:
    spec = pain_chart(daily_pain(demo_frame()), COLOURS).to_dict()
    marks = [
        layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]
    ]
    last_line = max(index for index, mark in enumerate(marks) if mark in ("line", "tick"))
    text_layers = [index for index, mark in enumerate(marks) if mark == "text"]
    assert text_layers and min(text_layers) > last_line, marks
    dated = [layer["encoding"]["x"] for layer in spec["layer"] if layer["encoding"].get("x", {}).get("field")]
    assert dated and all(x["field"] == "date" and x["scale"]["padding"] > 0 for x in dated)


def test_the_tolerance_chart_has_a_height_in_pixels_so_fitting_the_width_keeps_no_warning() -> None:
    tolerance = movement_tolerance(demo_frame())
    height = tolerance_chart(tolerance).to_dict()["height"]
    assert isinstance(height, int) and height >= 22 * tolerance["movement_id"].nunique()


def test_the_pain_chart_has_a_title_axis_titles_and_tooltips() -> None:
    text = spec_text(pain_chart(daily_pain(demo_frame()), COLOURS))
    for expected in ("Pain over time", "Pain (0-10)", "Date", "tooltip", "7-day mean"):
        assert expected in text


def test_the_sessions_chart_marks_the_daily_goal() -> None:
    spec = sessions_chart(sessions_by_day(demo_frame()), COLOURS).to_dict()
    goal_rows = [row for dataset in spec["datasets"].values() for row in dataset if set(row) == {"target"}]
    assert goal_rows == [{"target": SESSIONS_PER_DAY}]


def test_the_tolerance_chart_colours_by_the_tolerated_threshold() -> None:
    chart = tolerance_chart(movement_tolerance(demo_check_ins(today=date(2026, 3, 1))))
    text = spec_text(chart)
    assert "datum.tolerated" in text
    assert f"{TOLERATED_MAX_PAIN} or less" in text


def test_charts_build_for_an_empty_and_a_one_entry_diary() -> None:
    for check_ins in ([], demo_check_ins(today=date(2026, 3, 1))[:1]):
        frame = to_frame(check_ins)
        pain_chart(daily_pain(frame), COLOURS).to_dict()
        sessions_chart(sessions_by_day(frame), COLOURS).to_dict()
        tolerance_chart(movement_tolerance(frame)).to_dict()
