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
        movement="Turns, tips and nods the head, but its main job is support.",
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
        movement="Bends and twists only a little.",
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
        job="Carries most of the weight of the upper body and keeps you upright.",
        movement="Bends forward, leans back and twists a lot.",
        muscles="Keep this part stable and strong.",
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
