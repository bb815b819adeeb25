"""The spine's regions and vertebrae as data, and the Altair spine explorer built from them."""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

REGION_PARAM = "region"  # the click selection: a whole region of the spine
VERTEBRA_PARAM = "vertebra"  # the same click, remembered per vertebra
HOVER_PARAM = "hover"  # pointing at a vertebra outlines it; no rerun


@dataclass(frozen=True)
class SpineRegion:
    """One region of the spine and what it is built for, in plain words."""

    id: str
    name: str
    medical_name: str
    prefix: str
    count: int
    where: str
    job: str
    movement: str
    muscles: str
    colour: str


REGIONS: tuple[SpineRegion, ...] = (
    SpineRegion(
        id="cervical",
        name="Neck",
        medical_name="Cervical spine",
        prefix="C",
        count=7,
        where="The neck, from the skull down to the shoulders.",
        job="Holds up your heavy head.",
        movement=(
            "Turns, tips and nods the head. It nods further than any other part. About half of its "
            "turning happens at one joint, between the top two bones."
        ),
        muscles="Mostly keep the neck steady.",
        colour="#3b7dd8",
    ),
    SpineRegion(
        id="thoracic",
        name="Middle back",
        medical_name="Thoracic spine",
        prefix="T",
        count=12,
        where="The middle back, where the ribs join on.",
        job="With the ribs, guards the heart and lungs.",
        movement=(
            "Does most of the twisting of your trunk, far more than the lower back. The ribs make it "
            "stiffer for bending forward and back."
        ),
        muscles="Stay loose so the arms and shoulders can move freely.",
        colour="#2a9d6f",
    ),
    SpineRegion(
        id="lumbar",
        name="Lower back",
        medical_name="Lumbar spine",
        prefix="L",
        count=5,
        where="The lower back, between the ribs and the hips. A few people have 6 here.",
        job="Its bones and discs carry the weight of the upper body.",
        movement=(
            "Bends forward and leans back a lot, and bends a little to the side. It twists very "
            "little: the small joints at the back of each bone face in a way that blocks most twisting."
        ),
        muscles="Keep this part stable and hold you upright, while the bones and discs take the weight.",
        colour="#d9822b",
    ),
    SpineRegion(
        id="sacrum",
        name="Base of the spine",
        medical_name="Sacrum",
        prefix="S",
        count=1,
        where="The base of the spine, between the hip bones.",
        job="Joins the spine to the hips and passes weight to the legs.",
        movement="Hardly moves: it is five bones grown into one.",
        muscles="The glutes and deep hip muscles attach around it.",
        colour="#8a6fb0",
    ),
)


# How far each region moves: the representative range of every joint between two bones, in degrees,
# from White and Panjabi's textbook (tables of the cervical, thoracic and lumbar spine), measured
# on donated spines in the lab. As the book tabulates them: bending forward and back is the whole
# arc (full flexion to full extension); side bending and twisting are to one side. Each joint
# counts for the bone above it, so the skull-C1 joint and C7-T1 are the neck's and T12-L1 the
# middle back's. Living people vary a lot and often move less; the pattern is what the chart
# teaches: the middle back twists many times as far as the lower back, and the lower back's five
# joints bend forward and back about as far as the middle back's twelve.
ROM_SOURCE = (
    "White AA, Panjabi MM. Clinical Biomechanics of the Spine. 2nd ed. Philadelphia: Lippincott; 1990."
)
ROM_SOURCE_URL = "https://openlibrary.org/isbn/0397507208"  # the 2nd edition: ISBN 0-397-50720-8


@dataclass(frozen=True)
class JointRange:
    """One joint's representative range of motion, in degrees (forward and back together; one side)."""

    joint: str
    region_id: str
    flexion_extension: int
    side_bending: int
    twisting: int


JOINT_RANGES: tuple[JointRange, ...] = (
    JointRange("C0-C1", "cervical", 25, 5, 5),
    JointRange("C1-C2", "cervical", 20, 5, 40),
    JointRange("C2-C3", "cervical", 10, 10, 3),
    JointRange("C3-C4", "cervical", 15, 11, 7),
    JointRange("C4-C5", "cervical", 20, 11, 7),
    JointRange("C5-C6", "cervical", 20, 8, 7),
    JointRange("C6-C7", "cervical", 17, 7, 6),
    JointRange("C7-T1", "cervical", 9, 4, 2),
    JointRange("T1-T2", "thoracic", 4, 6, 9),
    JointRange("T2-T3", "thoracic", 4, 6, 8),
    JointRange("T3-T4", "thoracic", 4, 5, 8),
    JointRange("T4-T5", "thoracic", 4, 6, 8),
    JointRange("T5-T6", "thoracic", 4, 6, 8),
    JointRange("T6-T7", "thoracic", 5, 6, 7),
    JointRange("T7-T8", "thoracic", 6, 6, 7),
    JointRange("T8-T9", "thoracic", 6, 6, 6),
    JointRange("T9-T10", "thoracic", 6, 6, 4),
    JointRange("T10-T11", "thoracic", 9, 7, 2),
    JointRange("T11-T12", "thoracic", 12, 9, 2),
    JointRange("T12-L1", "thoracic", 12, 8, 2),
    JointRange("L1-L2", "lumbar", 12, 6, 2),
    JointRange("L2-L3", "lumbar", 14, 6, 2),
    JointRange("L3-L4", "lumbar", 15, 8, 2),
    JointRange("L4-L5", "lumbar", 16, 6, 2),
    JointRange("L5-S1", "lumbar", 17, 3, 1),
)

# The three ways a spine moves, as the chart names them, with what each number counts.
ROM_MOVEMENTS: tuple[tuple[str, str, str], ...] = (
    (
        "flexion_extension",
        "Bending forward and back",
        "the whole way, from full bend forward to full lean back",
    ),
    ("side_bending", "Bending to one side", "to the left or to the right"),
    ("twisting", "Twisting to one side", "to the left or to the right"),
)
ROM_REGION_IDS: tuple[str, ...] = ("cervical", "thoracic", "lumbar")
ROM_NOTE = (
    "In degrees. Bending forward and back counts the whole way, from full bend forward to full lean "
    "back. Bending to the side and twisting count one side only. Each number adds up the typical "
    "movement of every joint in that part, measured on spines in a lab. People differ a lot."
)
ROM_CHART_WIDTH = 220
# A plain title: Streamlit's theme colours it for light and dark, which it does not do for a subtitle.
ROM_CHART_TITLE = "How far each part can move (White and Panjabi, 1990)"


def region_ranges() -> pd.DataFrame:
    """Each region's range of motion for each movement: the sum of its joints, in degrees."""
    regions = region_by_id()
    rows: list[dict[str, object]] = []
    for region_id in ROM_REGION_IDS:
        joints = [joint for joint in JOINT_RANGES if joint.region_id == region_id]
        for field, movement, counted in ROM_MOVEMENTS:
            rows.append(
                {
                    "region_id": region_id,
                    "region": regions[region_id].name,
                    "movement_id": field,
                    "movement": movement,
                    "counted": counted,
                    "degrees": sum(int(getattr(joint, field)) for joint in joints),
                    "joints": f"{joints[0].joint} to {joints[-1].joint} ({len(joints)} joints)",
                }
            )
    return pd.DataFrame(rows)


def ranges_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The chart's numbers as a table: one row per region, one column per movement, in degrees."""
    names = [region_by_id()[region_id].name for region_id in ROM_REGION_IDS]
    wide = frame.pivot(index="region", columns="movement", values="degrees")
    wide = wide.reindex(index=names, columns=[movement for _, movement, _ in ROM_MOVEMENTS])
    return wide.rename_axis(index="Part of the spine", columns=None).reset_index()


def range_of(region_id: str, movement_id: str, frame: pd.DataFrame | None = None) -> int:
    """One region's range for one movement, in degrees: range_of("thoracic", "twisting")."""
    ranges = region_ranges() if frame is None else frame
    match = ranges[(ranges["region_id"] == region_id) & (ranges["movement_id"] == movement_id)]
    if len(match) != 1:
        raise KeyError(f"no range of motion for {region_id!r}, {movement_id!r}")
    return int(match["degrees"].iloc[0])


def range_text_alternative(frame: pd.DataFrame) -> str:
    """The range-of-motion chart in words, every number in it, for a screen reader."""
    parts = []
    for field, movement, counted in ROM_MOVEMENTS:
        rows = frame[frame["movement_id"] == field]
        values = ", ".join(
            f"{str(region).lower()} {int(degrees)}"
            for region, degrees in zip(rows["region"], rows["degrees"], strict=True)
        )
        parts.append(f"{movement} ({counted}): {values}")
    return (
        "Bar chart of how far each part of the spine moves, in degrees. "
        + "; ".join(parts)
        + f". Source: {ROM_SOURCE}"
    )


def range_of_motion_chart(frame: pd.DataFrame) -> alt.Chart:
    """One row of bars per movement, one bar per region in the explorer's colours, labelled in degrees."""
    regions = region_by_id()
    names = [regions[region_id].name for region_id in ROM_REGION_IDS]
    colours = [regions[region_id].colour for region_id in ROM_REGION_IDS]
    movements = [movement for _, movement, _ in ROM_MOVEMENTS]
    chart: alt.Chart = (
        alt.Chart(frame, title=ROM_CHART_TITLE)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X("degrees:Q", title="Range of motion (degrees)", scale=alt.Scale(zero=True, nice=True)),
            y=alt.Y("region:N", title=None, sort=names),
            color=alt.Color(
                "region:N",
                title="Part of the spine",
                scale=alt.Scale(domain=names, range=colours),
                sort=names,
                legend=None,  # the bars are labelled on the axis; a legend only squeezes a phone
            ),
            row=alt.Row(
                "movement:N",
                title=None,
                sort=movements,
                header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start", labelOrient="top"),
            ),
            tooltip=[
                alt.Tooltip("region:N", title="Part"),
                alt.Tooltip("movement:N", title="Movement"),
                alt.Tooltip("degrees:Q", title="Degrees"),
                alt.Tooltip("counted:N", title="Counted"),
                alt.Tooltip("joints:N", title="Joints added up"),
            ],
        )
        .properties(width=ROM_CHART_WIDTH, height=90, description=range_text_alternative(frame))
    )
    return chart


# Drawing only: how far each region bows sideways in the picture, and how wide its bones are.
_BOW = {"cervical": 0.5, "thoracic": -0.9, "lumbar": 0.7, "sacrum": -0.3}
_HALF_WIDTH = {"cervical": 0.8, "thoracic": 1.1, "lumbar": 1.5, "sacrum": 1.4}


def region_by_id() -> dict[str, SpineRegion]:
    """The regions keyed by id, top to bottom."""
    return {region.id: region for region in REGIONS}


def region_by_name() -> dict[str, SpineRegion]:
    """The regions keyed by the name the chart shows."""
    return {region.name: region for region in REGIONS}


def regions_table() -> pd.DataFrame:
    """The facts of every region as a table: the explorer's content without the chart."""
    return pd.DataFrame(
        [
            {
                "Region": f"{region.name} ({region.medical_name.lower()})",
                "Bones": region.count,
                "Where": region.where,
                "Its job": region.job,
                "How it moves": region.movement,
                "Its muscles": region.muscles,
            }
            for region in REGIONS
        ]
    )


def vertebrae() -> pd.DataFrame:
    """One row per bone, top to bottom, with its place in the drawing (a side view's gentle curves)."""
    rows: list[dict[str, object]] = []
    top = 0.0
    for region in REGIONS:
        bow = _BOW[region.id]
        half_width = _HALF_WIDTH[region.id]
        height = 3.0 if region.id == "sacrum" else 1.0
        for number in range(1, region.count + 1):
            label = region.medical_name if region.id == "sacrum" else f"{region.prefix}{number}"
            # The natural curves: each region bows one way, as a side view of the spine does.
            offset = bow * math.sin(math.pi * (number - 0.5) / region.count)
            rows.append(
                {
                    "label": label,
                    "region": region.name,
                    "region_id": region.id,
                    "name": (
                        region.medical_name
                        if region.id == "sacrum"
                        else f"{region.name}, bone {number} of {region.count} ({label})"
                    ),
                    "job": region.job,
                    "movement": region.movement,
                    "x": offset - half_width,
                    "x2": offset + half_width,
                    "y": top - 0.12,
                    "y2": top - height + 0.12,
                }
            )
            top -= height
    return pd.DataFrame(rows)


def text_alternative() -> str:
    """The chart in words: its accessible name, short, pointing to the table with every fact."""
    parts = [
        f"{region.count} {region.name.lower()} bones ({region.medical_name.lower()})"
        if region.count > 1
        else f"the {region.medical_name.lower()} at the {region.name.lower()}"
        for region in REGIONS
    ]
    counts = ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"Drawing of the spine from the neck down, one block per bone: {counts}. "
        "The table below the drawing gives each part's job and how it moves."
    )


def spine_chart(frame: pd.DataFrame) -> alt.Chart:
    """The spine explorer: one rect per bone, coloured by region; click or legend picks a region."""
    names = [region.name for region in REGIONS]
    colours = [region.colour for region in REGIONS]
    region_pick = alt.selection_point(name=REGION_PARAM, fields=["region"], on="click", bind="legend")
    vertebra_pick = alt.selection_point(name=VERTEBRA_PARAM, fields=["label"], on="click")
    hover = alt.selection_point(name=HOVER_PARAM, fields=["label"], on="pointerover", clear="pointerout")
    hidden = alt.Axis(labels=False, ticks=False, domain=False, grid=False, title=None)
    chart: alt.Chart = (
        alt.Chart(frame, title="Your spine, from the neck down")
        .mark_rect(cornerRadius=3, cursor="pointer")
        .encode(
            x=alt.X("x:Q", axis=hidden, scale=alt.Scale(domain=[-3, 3])),
            x2="x2:Q",
            y=alt.Y("y:Q", axis=hidden),
            y2="y2:Q",
            color=alt.when(region_pick)
            .then(
                alt.Color(
                    "region:N",
                    title="Part of the spine",
                    scale=alt.Scale(domain=names, range=colours),
                    sort=names,
                )
            )
            .otherwise(alt.value("#d0d4da")),
            stroke=alt.when(hover).then(alt.value("#1b1f24")).otherwise(alt.value("#ffffff")),
            strokeWidth=alt.when(hover).then(alt.value(2.5)).otherwise(alt.value(1)),
            tooltip=[
                alt.Tooltip("name:N", title="Bone"),
                alt.Tooltip("region:N", title="Part"),
                alt.Tooltip("job:N", title="Its job"),
                alt.Tooltip("movement:N", title="How it moves"),
            ],
        )
        .add_params(region_pick, vertebra_pick, hover)
        .properties(width=220, height=560, description=text_alternative())
    )
    return chart


def picked_region(selection: object) -> SpineRegion | None:
    """The region a chart selection points to, from Streamlit's selection state; None if nothing."""
    if not isinstance(selection, dict):
        return None
    picked = selection.get(REGION_PARAM)
    if not isinstance(picked, list) or not picked or not isinstance(picked[0], dict):
        return None
    return region_by_name().get(str(picked[0].get("region")))


def picked_vertebra(selection: object) -> str | None:
    """The label of the bone a chart selection points to (for example "L4"); None if nothing."""
    if not isinstance(selection, dict):
        return None
    picked = selection.get(VERTEBRA_PARAM)
    if not isinstance(picked, list) or not picked or not isinstance(picked[0], dict):
        return None
    label = picked[0].get("label")
    return str(label) if label is not None else None
