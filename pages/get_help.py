"""When to get help: the warning signs, grouped by how urgent they are, and who to contact."""

import streamlit as st

from rehab_core.learn import LearnPage
from ui.content import render_learn_page
from ui.frame import ensure_entrypoint, site_config

ensure_entrypoint()


def where_to_go(page: LearnPage) -> None:
    config = site_config()
    st.error(
        f"**Emergency:** call **{config.emergency_number}** or go to the nearest emergency department.",
        icon=":material/emergency:",
    )
    st.warning(
        f"**See a doctor today:** contact **{config.urgent_care}**.",
        icon=":material/medical_services:",
    )


render_learn_page("get_help", before_body=where_to_go)
