"""The spine explorer: its data, its chart spec (selection, tooltips, text alternative) and reading a pick."""

from __future__ import annotations

from rehab_core.spine import (
    HOVER_PARAM,
    REGION_PARAM,
    REGIONS,
    VERTEBRA_PARAM,
    picked_region,
    picked_vertebra,
    regions_table,
    spine_chart,
    text_alternative,
    vertebrae,
)


def test_the_drawing_has_seven_neck_twelve_middle_and_five_lower_back_bones_and_the_sacrum() -> None:
    counts = vertebrae().groupby("region_id").size().to_dict()
    assert counts == {"cervical": 7, "thoracic": 12, "lumbar": 5, "sacrum": 1}
    labels = vertebrae()["label"].tolist()
    assert labels[:3] == ["C1", "C2", "C3"] and labels[7] == "T1" and labels[19] == "L1"
    assert labels[-1] == "Sacrum"


def test_bones_are_stacked_top_to_bottom_without_overlap() -> None:
    frame = vertebrae()
    assert (frame["y"] > frame["y2"]).all()
    assert (frame["y2"].iloc[:-1].to_numpy() > frame["y"].iloc[1:].to_numpy()).all()
    assert (frame["x"] < frame["x2"]).all()


def test_the_chart_spec_has_the_click_selection_the_hover_and_the_text_alternative() -> None:
    spec = spine_chart(vertebrae()).to_dict()
    params = {param["name"]: param for param in spec["params"]}
    assert params[REGION_PARAM]["select"] == {"type": "point", "fields": ["region"], "on": "click"}
    assert params[REGION_PARAM]["bind"] == "legend"
    assert params[VERTEBRA_PARAM]["select"]["fields"] == ["label"]
    assert params[HOVER_PARAM]["select"]["on"] == "pointerover"
    assert spec["description"] == text_alternative()
    assert spec["encoding"]["color"]["condition"]["param"] == REGION_PARAM
    assert spec["mark"]["type"] == "rect"
    assert {tip["field"] for tip in spec["encoding"]["tooltip"]} >= {"name", "region", "job"}
    assert spec["title"]


def test_the_text_alternative_names_every_region_and_its_count() -> None:
    words = text_alternative()
    for region in REGIONS:
        assert region.medical_name.lower() in words
    assert "7 neck bones" in words and "12 middle back bones" in words and "5 lower back bones" in words


def test_the_table_holds_the_same_facts_as_the_chart() -> None:
    table = regions_table()
    assert table["Bones"].tolist() == [region.count for region in REGIONS]
    assert table["Its job"].tolist() == [region.job for region in REGIONS]


def test_a_chart_pick_is_read_as_a_region_and_a_bone() -> None:
    selection = {REGION_PARAM: [{"region": "Lower back"}], VERTEBRA_PARAM: [{"label": "L4"}]}
    region = picked_region(selection)
    assert region is not None and region.id == "lumbar"
    assert picked_vertebra(selection) == "L4"


def test_no_pick_or_an_odd_pick_reads_as_nothing() -> None:
    for selection in (None, {}, {REGION_PARAM: []}, {REGION_PARAM: [{"region": "Tail"}]}, "x"):
        assert picked_region(selection) is None
    assert picked_vertebra({VERTEBRA_PARAM: []}) is None
