"""The spine page's charts, table and fixed text, made once per process and shared by every session.

They never change while the server runs: built, validated and converted once (ui/charts.py). Kept
here, not in pages/spine.py: a page's script runs afresh on every run, so a cache defined in it
would be made again each time.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from rehab_core.spine import (
    REGIONS,
    ROM_MOVEMENTS,
    ROM_REGION_IDS,
    SpineRegion,
    range_of,
    range_of_motion_chart,
    ranges_table,
    region_by_id,
    region_ranges,
    spine_chart,
    vertebrae,
)
from ui.charts import ready_spec, ready_table


@st.cache_resource(show_spinner=False)
def spine_spec() -> dict[str, Any]:
    """The spine explorer's Vega-Lite spec, its bones already in Arrow."""
    return ready_spec(spine_chart(vertebrae()))


@st.cache_resource(show_spinner=False)
def spine_ranges() -> pd.DataFrame:
    """Each region's range of motion for each movement (rehab_core.spine.region_ranges); read only."""
    return region_ranges()


@st.cache_resource(show_spinner=False)
def range_of_motion_spec() -> dict[str, Any]:
    """The range-of-motion chart's spec, its data already in Arrow."""
    return ready_spec(range_of_motion_chart(spine_ranges()))


@st.cache_resource(show_spinner=False)
def spine_ranges_table() -> pa.Table:
    """The ranges of motion as an Arrow table: one row per region, one column per movement."""
    return ready_table(ranges_table(spine_ranges()))


def bones(region: SpineRegion) -> str:
    """How many bones a part has, in words: "1 bone", "5 bones"."""
    return f"{region.count} bone{'s' if region.count > 1 else ''}"


def at_a_glance(region: SpineRegion) -> str:
    """One part of the spine in a short block: its name, how many bones, where, its job, how it moves."""
    count = bones(region)
    return (
        f"**{region.name} ({region.medical_name.lower()})**, {count}\n"
        f"- **Where:** {region.where}\n- **Its job:** {region.job}\n"
        f"- **How it moves:** {region.movement}\n- **Its muscles:** {region.muscles}"
    )


@cache
def all_at_a_glance() -> str:
    """Every part of the spine at a glance under its bold line, as one Markdown block.

    A short block per part, not a six-column table: that table was clipped on a 390 px phone and
    dragged a 320 px page sideways.
    """
    return "\n\n".join(["**All parts of the spine at a glance**", *map(at_a_glance, REGIONS)])


@cache
def region_facts(region_id: str) -> str:
    """What the explorer shows for one part of the spine, as a Markdown list; one string per part."""
    region = region_by_id()[region_id]
    count = bones(region)
    lines = [
        f"- **How many bones:** {count}",
        f"- **Where:** {region.where}",
        f"- **Its job:** {region.job}",
        f"- **How it moves:** {region.movement}",
        f"- **Its muscles:** {region.muscles}",
    ]
    if region.id in ROM_REGION_IDS:
        how_far = "; ".join(
            f"{movement.lower()}: {range_of(region.id, field, spine_ranges())} degrees"
            for field, movement, _ in ROM_MOVEMENTS
        )
        lines.append(f"- **How far it moves:** {how_far}")
    return "\n".join(lines)
