"""How your spine moves: the three regions, what each is built for, and the spine explorer."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core.learn import LearnPage
from rehab_core.spine import (
    REGION_PARAM,
    REGIONS,
    ROM_NOTE,
    ROM_SOURCE,
    VERTEBRA_PARAM,
    picked_region,
    picked_vertebra,
    region_by_id,
)
from ui.learn_page import render_learn_page
from ui.spine_charts import (
    all_at_a_glance,
    range_of_motion_spec,
    region_facts,
    spine_ranges_table,
    spine_spec,
)


def explorer(page: LearnPage) -> None:
    event = st.vega_lite_chart(
        spine_spec(),
        on_select="rerun",
        selection_mode=(REGION_PARAM, VERTEBRA_PARAM),
        key="spine_chart",
        width="content",
    )  # no alt=: the chart's own description is its text alternative (rehab_core.spine.text_alternative)
    selection = getattr(event, "selection", None)
    region = picked_region(selection)
    bone = picked_vertebra(selection)
    if region is None:
        # The same choice without the chart: a keyboard- and screen-reader-friendly way in.
        choice = st.radio(
            "Or pick a part of the spine",
            options=[r.id for r in REGIONS],
            format_func=lambda region_id: region_by_id()[region_id].name,
            horizontal=True,
            index=None,
            key="spine_region",
        )
        region = region_by_id()[choice] if choice else None
    if region is None:
        st.info("Click a bone in the drawing, or pick a part of the spine, to read about it.")
    else:
        with st.container(border=True, key="spine_facts"):
            heading = f"### {region.name} ({region.medical_name.lower()})"  # as st.subheader draws it
            if bone and bone != region.medical_name:
                st.markdown(heading)
                st.caption(f"You picked the bone {bone}.")
                st.markdown(region_facts(region.id))
            else:  # the heading and the facts as one block: one element fewer a run
                st.markdown(f"{heading}\n\n{region_facts(region.id)}")
    st.markdown(all_at_a_glance())  # its bold line and the four parts: one element
    ranges = spine_ranges_table()
    # No alt=: the chart's own description is its text alternative (range_text_alternative).
    st.vega_lite_chart(range_of_motion_spec(), width="content", key="spine_ranges")
    # A static table, as above: a screen reader reads it as a table, and the page loads no data grid.
    st.table(ranges, hide_index=True)
    st.markdown(f"{ROM_NOTE} Source: {ROM_SOURCE}")


render_learn_page("spine", after_body=explorer)
