"""The spine page's charts and table, made once per process and shared by every session.

They never change while the server runs: built, validated and converted once (ui/charts.py).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from rehab_core.spine import range_of_motion_chart, ranges_table, region_ranges, spine_chart, vertebrae
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
