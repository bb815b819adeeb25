"""When to get help: the warning signs, grouped by how urgent they are, and who to contact."""

from ui.entrypoint import ensure_entrypoint

ensure_entrypoint()  # before the imports below: see ui/entrypoint.py

import streamlit as st

from rehab_core.config import emergency_markdown, urgent_markdown
from rehab_core.learn import LearnPage
from ui.frame import site_config
from ui.learn_page import render_learn_page


def where_to_go(page: LearnPage) -> None:
    config = site_config()
    st.error(f"**Emergency:** {emergency_markdown(config)}", icon=":material/emergency:")
    st.warning(f"**See a doctor today:** {urgent_markdown(config)}", icon=":material/medical_services:")


render_learn_page("get_help", before_body=where_to_go)
