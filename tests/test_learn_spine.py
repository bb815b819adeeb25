"""The spine explorer: its data, its chart spec (selection, tooltips, text alternative) and reading a pick."""

from __future__ import annotations

import itertools

from rehab_core.spine import (
    HOVER_PARAM,
    JOINT_RANGES,
    REGION_PARAM,
    REGIONS,
    ROM_MOVEMENTS,
    ROM_REGION_IDS,
    ROM_SOURCE,
    VERTEBRA_PARAM,
    picked_region,
    picked_vertebra,
    range_of,
    range_of_motion_chart,
    range_text_alternative,
    ranges_table,
    region_by_id,
    region_ranges,
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


def test_the_middle_back_twists_many_times_as_far_as_the_lower_back_in_the_data() -> None:
    assert range_of("thoracic", "twisting") > 5 * range_of("lumbar", "twisting")
    thoracic = region_by_id()["thoracic"].movement
    lumbar = region_by_id()["lumbar"].movement
    assert "most of the twisting" in thoracic and "far more than the lower back" in thoracic
    assert "twists very little" in lumbar


def test_the_lower_back_bends_forward_and_back_far_more_than_it_twists_or_bends_sideways() -> None:
    lumbar_bend = range_of("lumbar", "flexion_extension")
    assert lumbar_bend > 5 * range_of("lumbar", "twisting")
    assert lumbar_bend > 2 * range_of("lumbar", "side_bending")
    # Five joints bend about as far as the middle back's twelve put together.
    lumbar_joints = [joint for joint in JOINT_RANGES if joint.region_id == "lumbar"]
    thoracic_joints = [joint for joint in JOINT_RANGES if joint.region_id == "thoracic"]
    assert len(lumbar_joints) == 5 and len(thoracic_joints) == 12
    assert lumbar_bend >= 0.9 * range_of("thoracic", "flexion_extension")


def test_each_region_range_is_the_sum_of_its_joints_from_the_skull_to_the_sacrum() -> None:
    joints = [joint.joint for joint in JOINT_RANGES]
    assert joints[0] == "C0-C1" and joints[-1] == "L5-S1" and len(joints) == len(set(joints)) == 25
    for upper, lower in itertools.pairwise(joints):
        assert upper.split("-")[1] == lower.split("-")[0]  # no joint missing between two bones
    frame = region_ranges()
    for row in frame.itertuples():
        joints_here = [joint for joint in JOINT_RANGES if joint.region_id == row.region_id]
        assert row.degrees == sum(getattr(joint, str(row.movement_id)) for joint in joints_here)
    assert set(frame["region_id"]) == set(ROM_REGION_IDS)
    assert len(frame) == len(ROM_REGION_IDS) * len(ROM_MOVEMENTS)


def test_the_range_of_motion_chart_spec_has_title_axes_with_units_tooltips_and_text() -> None:
    frame = region_ranges()
    spec = range_of_motion_chart(frame).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["title"] == {"text": ["How far each part can move", "(White and Panjabi, 1990)"]}
    encoding = spec["encoding"]
    assert encoding["x"]["field"] == "degrees" and "degrees" in encoding["x"]["title"]
    assert encoding["y"]["field"] == "region"
    assert encoding["row"]["field"] == "movement"
    assert encoding["row"]["sort"] == [movement for _, movement, _ in ROM_MOVEMENTS]
    assert {tip["field"] for tip in encoding["tooltip"]} >= {"region", "movement", "degrees", "counted"}
    regions = region_by_id()
    assert encoding["color"]["scale"]["range"] == [regions[r].colour for r in ROM_REGION_IDS]
    assert spec["description"] == range_text_alternative(frame)
    values = next(iter(spec["datasets"].values()))
    assert {(v["region_id"], v["movement_id"], v["degrees"]) for v in values} == {
        (row.region_id, row.movement_id, row.degrees) for row in frame.itertuples()
    }


def test_the_chart_in_words_gives_every_number_and_the_source() -> None:
    words = range_text_alternative(region_ranges())
    assert words.endswith(ROM_SOURCE)
    assert f"lower back {range_of('lumbar', 'twisting')}" in words
    assert f"middle back {range_of('thoracic', 'twisting')}" in words
    assert "Twisting to one side (to the left or to the right)" in words
    assert "from full bend forward to full lean back" in words


def test_the_ranges_table_has_one_row_per_region_and_one_column_per_movement() -> None:
    table = ranges_table(region_ranges())
    assert table.columns.tolist() == ["Part of the spine"] + [movement for _, movement, _ in ROM_MOVEMENTS]
    assert table["Part of the spine"].tolist() == ["Neck", "Middle back", "Lower back"]
    assert table["Twisting to one side"].tolist() == [range_of(r, "twisting") for r in ROM_REGION_IDS]


def test_the_lower_back_region_says_bones_and_discs_carry_the_weight_and_muscles_keep_it_stable() -> None:
    lumbar = region_by_id()["lumbar"]
    assert "bones and discs carry the weight" in lumbar.job
    assert "stable" in lumbar.muscles and "bones and discs take the weight" in lumbar.muscles
