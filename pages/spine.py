"""How your spine moves: the three regions, what each is built for, and the spine explorer."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core.learn import LearnPage
from rehab_core.spine import (
    REGION_PARAM,
    REGIONS,
    ROM_MOVEMENTS,
    ROM_NOTE,
    ROM_REGION_IDS,
    ROM_SOURCE,
    VERTEBRA_PARAM,
    SpineRegion,
    picked_region,
    picked_vertebra,
    range_of,
    region_by_id,
)
from ui.learn_page import render_learn_page
from ui.spine_charts import range_of_motion_spec, spine_ranges, spine_ranges_table, spine_spec


def at_a_glance(region: SpineRegion) -> str:
    count = f"{region.count} bone{'s' if region.count > 1 else ''}"
    return (
        f"**{region.name} ({region.medical_name.lower()})**, {count}\n"
        f"- **Where:** {region.where}\n- **Its job:** {region.job}\n"
        f"- **How it moves:** {region.movement}\n- **Its muscles:** {region.muscles}"
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
            st.subheader(f"{region.name} ({region.medical_name.lower()})")
            if bone and bone != region.medical_name:
                st.caption(f"You picked the bone {bone}.")
            count = f"{region.count} bone{'s' if region.count > 1 else ''}"
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
            st.markdown("\n".join(lines))
    st.markdown("**All parts of the spine at a glance**")
    # A short block per part, not a six-column table: that table was clipped on a 390 px phone and
    # dragged a 320 px page sideways.
    st.markdown("\n\n".join(at_a_glance(region) for region in REGIONS))
    ranges = spine_ranges_table()
    # No alt=: the chart's own description is its text alternative (range_text_alternative).
    st.vega_lite_chart(range_of_motion_spec(), width="content", key="spine_ranges")
    # A static table, as above: a screen reader reads it as a table, and the page loads no data grid.
    st.table(ranges, hide_index=True)
    st.markdown(f"{ROM_NOTE} Source: {ROM_SOURCE}")


render_learn_page("spine", after_body=explorer)
