"""The projector's charts: shares as big bars in the order given, legible in light and dark, in words."""

from __future__ import annotations

from rehab_core import room_charts
from rehab_core.palette import Scheme
from rehab_core.rooms import Share

DARK = Scheme(primary="#8a2be2", text="#fafafa", background="#0e1117")
LIGHT = Scheme(primary="#8a2be2", text="#141312", background="#ffffff")

SHARES = (Share("Get care now", 1, 4), Share("Rest and ice", 0, 4), Share("Gentle rehab", 3, 4))


def test_the_chart_draws_each_share_in_percent_in_the_order_given() -> None:
    frame = room_charts.shares_frame(SHARES)
    assert frame["percent"].tolist() == [25.0, 0.0, 75.0]
    assert frame["text"].tolist() == ["25%", "0%", "75%"]
    spec = room_charts.share_chart(frame, "Where the room is today", "Share", scheme=DARK).to_dict()
    bars = spec["layer"][0]
    assert bars["encoding"]["y"]["sort"] == ["Get care now", "Rest and ice", "Gentle rehab"]
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert spec["height"] == {"step": room_charts.BAR_ROW_PX}


def test_every_text_is_big_enough_to_read_from_the_back_of_a_room() -> None:
    spec = room_charts.share_chart(room_charts.shares_frame(SHARES), "T", "S", scheme=LIGHT).to_dict()
    assert spec["title"]["fontSize"] >= 30
    assert spec["layer"][0]["encoding"]["y"]["axis"]["labelFontSize"] >= 22
    assert all(layer["mark"].get("fontSize", 99) >= 22 for layer in spec["layer"][1:])


def test_numbers_beside_short_bars_take_the_pages_ink_and_inside_long_bars_white() -> None:
    spec = room_charts.share_chart(room_charts.shares_frame(SHARES), "T", "S", scheme=DARK).to_dict()
    bars, inside, beside = spec["layer"]
    assert inside["mark"]["color"] == room_charts.BAR_TEXT
    assert beside["mark"]["color"] == "#fafafa"
    assert bars["encoding"]["color"] == {"value": "#8a2be2"}  # the theme's primary colour


def test_the_phase_chart_can_hide_how_many_people_and_keep_the_share() -> None:
    spec = room_charts.share_chart(
        room_charts.shares_frame(SHARES),
        "T",
        "S",
        scheme=LIGHT,
        colours=room_charts.phase_colours(LIGHT),
        show_counts=False,
    ).to_dict()
    fields = [tip["field"] for tip in spec["layer"][0]["encoding"]["tooltip"]]
    assert fields == ["label", "percent"]
    assert "#8a2be2" in spec["layer"][0]["encoding"]["color"]["scale"]["range"]  # gentle rehab


def test_the_chart_is_said_in_words_for_a_screen_reader() -> None:
    assert (
        room_charts.shares_in_words("Where", SHARES)
        == "Where. Get care now: 25%; Rest and ice: 0%; Gentle rehab: 75%."
    )
